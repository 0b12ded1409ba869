import * as fs from "fs";
import * as path from "path";
import { formatChange, stackChanges } from "../../output/replacement-report";
import { synthEnvironments, TerraformJson } from "../fixtures";

// An upgrade of this tool must replace nothing that runs. The "before" is what the release before
// the location-based names and the hashed pool names synthesized for the default file's `mesh`
// and `csm` environments (the stack snapshots of commit 2a3a1ac, kept in earlier-release/); the
// "after" is this release on the same environments with `legacyNames: true`.
const defaults = {
  project: "my-gcp-project",
  legacyNames: true,
  cluster: {
    masterAuthorizedNetworks: [{ cidrBlock: "203.0.113.0/24", displayName: "deploy-runners" }],
  },
};
const pool = (name: string) => ({
  name,
  machineType: "e2-standard-4",
  minNodeCount: 1,
  maxNodeCount: 3,
});
const now = synthEnvironments(
  {
    ...defaults,
    name: "mesh",
    mode: "oss",
    location: "us-central1",
    nodePools: [pool("node-pool")],
    istio: {
      version: "1.30.5",
      mtls: "STRICT",
      ingressGateway: true,
      injectionNamespaces: ["default"],
    },
  },
  {
    ...defaults,
    name: "csm",
    mode: "cloud-service-mesh",
    location: "europe-west1",
    nodePools: [pool("mesh-pool")],
    istio: { mtls: "STRICT", injectionNamespaces: ["shop"] },
  },
);

/**
 * The earlier stack, with its pools' node account reference written as the value Terraform reads
 * for it from state: `<account id>@<project>.iam.gserviceaccount.com`, the text this release
 * writes there (NodeServiceAccount.emailAddress). The report compares text; Terraform, values.
 */
function earlier(stack: string): TerraformJson {
  const json = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../earlier-release", `${stack}.tf.json`), "utf8"),
  );
  const [[address, account]] = Object.entries<TerraformJson>(json.resource.google_service_account);
  for (const pool of Object.values<TerraformJson>(json.resource.google_container_node_pool)) {
    expect(pool.node_config.service_account).toBe(`\${google_service_account.${address}.email}`);
    pool.node_config.service_account = `${account.account_id}@${account.project}.iam.gserviceaccount.com`;
  }
  return json;
}

describe.each(["mesh-cluster", "csm-cluster"])("upgrading %s from the earlier release", (stack) => {
  const changes = stackChanges(stack, earlier(stack), now[stack]);

  test("replaces and destroys nothing: no pool, no cluster, no network, no account", () => {
    expect(
      changes.filter((c) => c.action === "replaces" || c.action === "destroys").map(formatChange),
    ).toEqual([]);
  });

  test("keeps the pool names as they were (no hash)", () => {
    const names = (tf: TerraformJson) =>
      Object.values<TerraformJson>(tf.resource.google_container_node_pool).map((p) => p.name);
    expect(names(now[stack])).toEqual(names(earlier(stack)));
  });

  test("what it does change: APIs enabled, and CSM's channel record, created; updates in place only", () => {
    expect(changes.filter((c) => c.action === "creates").map((c) => c.address)).toEqual([
      "google_project_service.Api-cloudresourcemanager",
      "google_project_service.Api-iam",
      ...(stack === "csm-cluster" ? ["terraform_data.ServiceMeshReleaseChannel"] : []),
    ]);
    expect(changes.every((c) => ["creates", "updates"].includes(c.action))).toBe(true);
  });

  test("without legacyNames the same upgrade would rename the network and the pools: the plan stops on the pools", () => {
    const env = stack === "mesh-cluster" ? "mesh" : "csm";
    const renamed = synthEnvironments({
      ...defaults,
      legacyNames: false,
      name: env,
      mode: stack === "mesh-cluster" ? "oss" : "cloud-service-mesh",
      location: stack === "mesh-cluster" ? "us-central1" : "europe-west1",
      nodePools: [pool(stack === "mesh-cluster" ? "node-pool" : "mesh-pool")],
    })[stack];
    const replaced = stackChanges(stack, earlier(stack), renamed).filter(
      (c) => c.action === "replaces",
    );
    expect(replaced.map((c) => c.address)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^google_compute_network\./),
        expect.stringMatching(/^google_container_node_pool\./),
      ]),
    );
    expect(
      replaced
        .filter((c) => c.address.startsWith("google_container_node_pool."))
        .map((c) => c.refused),
    ).toEqual([true]);
  });
});
