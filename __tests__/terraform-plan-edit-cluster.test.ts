import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CONFIG_FILE } from "../config/load";
import { PROJECT_ROOT } from "./app-synth";
import { synthEnvironments, TerraformJson } from "./fixtures";
import {
  editedYaml,
  lostResources,
  planEdit,
  planStackEdit,
  testPlanEdit,
} from "./terraform-plan-edit";

// Edits of the cluster stack, planned by real Terraform (terraform test, mock providers) on the
// state the unedited configuration applied. Mock providers never decide a replacement: where the
// provider forces one (its ForceNew fields), planEdit reports it from the replacement report.
type Env = TerraformJson;
const editEnv = (name: string, edit: (env: Env) => void) =>
  editedYaml(DEFAULT_CONFIG_FILE, (doc) =>
    edit(doc.environments.find((e: Env) => e.name === name)),
  );
const waive = (env: Env, ...rules: string[]) => {
  env.policy = { waivers: rules.map((rule) => ({ rule, reason: "edit test" })) };
};
const actionsOf = (changes: readonly { address: string; action: string }[], type: string) =>
  changes.filter((c) => c.address.startsWith(`${type}.`)).map((c) => c.action);

describe("settings turned off show in the plan (Optional+Computed blocks written out)", () => {
  testPlanEdit(
    "privateNodes: false plans the cluster's replacement (which deletion protection stops), not nothing; the webhook rule stays",
    () => {
      const after = editEnv("mesh", (env) => {
        env.cluster = { privateNodes: false };
        waive(env, "GKE_PRIVATE_NODES");
      });
      const plan = planEdit(DEFAULT_CONFIG_FILE, after, "mesh-cluster");
      // enable_private_nodes forces it (the report also names the CIDR, which leaves the config).
      const cluster = plan.changes.filter((c) => c.address.startsWith("google_container_cluster."));
      expect(cluster).toEqual([
        expect.objectContaining({
          action: "replace",
          forcedBy: expect.arrayContaining(["private_cluster_config.enable_private_nodes"]),
        }),
      ]);
      // The cluster stays private until the replacement runs: istiod's webhook rule is kept.
      expect(actionsOf(plan.changes, "google_compute_firewall")).toEqual(["no-op"]);
    },
  );

  testPlanEdit(
    "workloadIdentity: false plans an in-place update of the cluster, not nothing",
    () => {
      const after = editEnv("mesh", (env) => {
        env.cluster = { workloadIdentity: false };
        env.nodePools[0].workloadMetadata = "GCE_METADATA";
        waive(env, "GKE_WORKLOAD_IDENTITY", "GKE_NODE_METADATA_SERVER");
      });
      const plan = planEdit(DEFAULT_CONFIG_FILE, after, "mesh-cluster");
      expect(lostResources(plan)).toEqual([]);
      expect(actionsOf(plan.changes, "google_container_cluster")).toEqual(["update"]);
      expect(actionsOf(plan.changes, "google_container_node_pool")).toEqual(["update"]);
    },
  );
});

describe("machine types that take only Hyperdisk", () => {
  testPlanEdit(
    "moving a pool to N4 (boot disk hyperdisk-balanced by default) updates it in place",
    () => {
      const after = editEnv("mesh", (env) => {
        env.nodePools[0].machineType = "n4-standard-4";
      });
      const plan = planEdit(DEFAULT_CONFIG_FILE, after, "mesh-cluster");
      expect(lostResources(plan)).toEqual([]);
      expect(actionsOf(plan.changes, "google_container_node_pool")).toEqual(["update"]);
    },
  );
});

describe("cloud-service-mesh release channel", () => {
  testPlanEdit(
    "a channel change replaces the channel record (Terraform's own decision), which prevent_destroy refuses",
    () => {
      // Deletion protection off lifts prevent_destroy, so the plan completes and shows what the
      // protected plan would stop on: a replace decided by Terraform itself (no forcedBy).
      const unprotected = (channel: string) =>
        editEnv("csm", (env) => {
          env.cluster = { releaseChannel: channel, deletionProtection: false };
          waive(env, "GKE_DELETION_PROTECTION");
        });
      const plan = planEdit(unprotected("REGULAR"), unprotected("STABLE"), "csm-cluster");
      expect(plan.changes.filter((c) => c.address.startsWith("terraform_data."))).toEqual([
        { address: "terraform_data.ServiceMeshReleaseChannel", action: "replace" },
      ]);
      // The default (protected) stack holds the same record with prevent_destroy.
      const csm = synthEnvironments({
        name: "csm",
        mode: "cloud-service-mesh",
        project: "p-123456",
        location: "europe-west1",
        nodePools: [{ name: "pool" }],
      })["csm-cluster"];
      expect(csm.resource.terraform_data.ServiceMeshReleaseChannel.lifecycle).toEqual({
        prevent_destroy: true,
      });
    },
  );
});

describe("replacing a node pool the two-step way (examples/node-pool-replacement)", () => {
  const step = (file: string) => `examples/node-pool-replacement/${file}`;

  testPlanEdit("step 1 adds the new pool and loses nothing", () => {
    const plan = planEdit(step("0-start.yaml"), step("1-add-new-pool.yaml"), "shop-prod-cluster");
    expect(lostResources(plan)).toEqual([]);
    expect(actionsOf(plan.changes, "google_container_node_pool").sort()).toEqual([
      "create",
      "update",
    ]);
  });

  testPlanEdit("step 2 deletes the drained pool: prevent_destroy does not stop a removal", () => {
    const plan = planEdit(
      step("1-add-new-pool.yaml"),
      step("2-remove-old-pool.yaml"),
      "shop-prod-cluster",
    );
    expect(lostResources(plan)).toEqual([
      expect.stringMatching(/^delete google_container_node_pool\.NodePool-apps_[0-9A-F]{8}$/),
    ]);
  });
});

describe("upgrading a deployment of the earlier release (legacyNames: true)", () => {
  // The earlier release's stacks (commit 2a3a1ac's snapshots), with the pools' node account
  // reference written as the email Terraform reads for it (see upgrade-from-earlier-release.test.ts).
  const earlier = (stack: string): TerraformJson => {
    const json = JSON.parse(
      fs.readFileSync(
        path.join(PROJECT_ROOT, "__tests__/earlier-release", `${stack}.tf.json`),
        "utf8",
      ),
    );
    const [account] = Object.values<TerraformJson>(json.resource.google_service_account);
    for (const pool of Object.values<TerraformJson>(json.resource.google_container_node_pool))
      pool.node_config.service_account = `${account.account_id}@${account.project}.iam.gserviceaccount.com`;
    return json;
  };
  const now = synthEnvironments({
    name: "mesh",
    mode: "oss",
    project: "my-gcp-project",
    location: "us-central1",
    legacyNames: true,
    cluster: {
      masterAuthorizedNetworks: [{ cidrBlock: "203.0.113.0/24", displayName: "deploy-runners" }],
    },
    nodePools: [
      { name: "node-pool", machineType: "e2-standard-4", minNodeCount: 1, maxNodeCount: 3 },
    ],
    istio: {
      version: "1.30.5",
      mtls: "STRICT",
      ingressGateway: true,
      injectionNamespaces: ["default"],
    },
  });

  testPlanEdit(
    "plans no pool, cluster or network replacement; the cluster's new node_config is ignored",
    () => {
      const plan = planStackEdit("mesh-cluster", earlier("mesh-cluster"), now["mesh-cluster"]);
      expect(plan.changes.filter((c) => c.action === "delete" || c.action === "replace")).toEqual(
        [],
      );
      expect(actionsOf(plan.changes, "google_container_cluster")).toEqual(["no-op"]);
      expect(actionsOf(plan.changes, "google_compute_network")).toEqual(["no-op"]);
      expect(actionsOf(plan.changes, "google_container_node_pool")).toEqual(["update"]);
    },
  );
});
