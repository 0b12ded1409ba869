import * as fs from "fs";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { parseConfig } from "../../config/load";
import { parseText } from "../../config/parse-text";
import { selectEnvironments } from "../../config/select";
import { CrossClusterFirewall } from "../../constructs/cross-cluster-firewall";
import { addEnvironments } from "../../stacks/environment-stacks";
import { EnvironmentConfig } from "../../config/schema";
import { synthApp, TerraformJson } from "../fixtures";
import { rememberedInTest } from "../remembered-results";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "multi-cluster-csm.yaml");

function exampleEnvironments(edit: (doc: TerraformJson) => void = () => {}): EnvironmentConfig[] {
  const parsed = parseText(fs.readFileSync(EXAMPLE, "utf8"), "YAML");
  if ("problem" in parsed) throw new Error(parsed.problem);
  edit(parsed.data as TerraformJson);
  return parseConfig(parsed.data, "examples/multi-cluster-csm.yaml");
}

function stacksOf(environments: EnvironmentConfig[]) {
  const app = Testing.app();
  addEnvironments(app, environments);
  const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
  return { app, stacks, byName: new Map(stacks.map((s) => [s.node.id, s])) };
}

const count = (json: TerraformJson, type: string) =>
  Object.keys(json.resource?.[type] ?? {}).length;

describe("a Cloud Service Mesh of two members in two regions (examples/multi-cluster-csm.yaml)", () => {
  const { app, byName } = stacksOf(exampleEnvironments());
  const out = synthApp(app);

  test("the mesh's stack comes after every member's cluster and mesh stacks", () => {
    expect([...byName.keys()]).toEqual([
      "shop-eu-cluster",
      "shop-eu-mesh",
      "shop-us-cluster",
      "shop-us-mesh",
      "shop-multicluster",
    ]);
    expect(byName.get("shop-multicluster")!.dependencies.map((d) => d.node.id)).toEqual([
      "shop-eu-cluster",
      "shop-eu-mesh",
      "shop-us-cluster",
      "shop-us-mesh",
    ]);
  });

  test("one servicemesh feature for the fleet, one managed membership per member", () => {
    const stacks = Object.values(out);
    expect(stacks.map((s) => count(s, "google_gke_hub_feature"))).toEqual([1, 0, 0, 0, 0]);
    const memberships = stacks.flatMap((s) =>
      Object.values<TerraformJson>(s.resource?.google_gke_hub_feature_membership ?? {}),
    );
    expect(memberships.map((m) => m.mesh)).toEqual([
      { management: "MANAGEMENT_AUTOMATIC" },
      { management: "MANAGEMENT_AUTOMATIC" },
    ]);
  });

  test("each member's mesh stack sets multicluster_mode: connected in asm-options", () => {
    for (const member of ["shop-eu-mesh", "shop-us-mesh"]) {
      const maps = Object.values<TerraformJson>(out[member].resource.kubernetes_config_map_v1_data);
      expect(maps.map((m) => [m.metadata, m.data, m.force])).toEqual([
        [
          { name: "asm-options", namespace: "istio-system" },
          { multicluster_mode: "connected" },
          true,
        ],
      ]);
    }
  });

  test("the firewall admits every member's pods to every member's nodes, all protocols", () => {
    const [rule] = Object.values<TerraformJson>(
      out["shop-multicluster"].resource.google_compute_firewall,
    );
    expect(rule).toMatchObject({
      name: "shop-multicluster-pods",
      network: "projects/acme-shop-prod/global/networks/shop-vpc",
      direction: "INGRESS",
      source_ranges: ["10.4.0.0/14", "10.8.0.0/14"],
      target_service_accounts: [
        "shop-eu-europe-west1-nodes@acme-shop-prod.iam.gserviceaccount.com",
        "shop-us-us-central1-nodes@acme-shop-prod.iam.gserviceaccount.com",
      ],
    });
    expect(rule.allow.map((a: TerraformJson) => a.protocol)).toEqual([
      "tcp",
      "udp",
      "icmp",
      "esp",
      "ah",
      "sctp",
    ]);
  });

  test("members in two regions get global access to their private control plane endpoints", () => {
    for (const member of ["shop-eu-cluster", "shop-us-cluster"]) {
      const [cluster] = Object.values<TerraformJson>(out[member].resource.google_container_cluster);
      expect(cluster.private_cluster_config.master_global_access_config).toEqual({ enabled: true });
    }
  });
});

test("members in one region keep the default control plane endpoint (no global access written)", () => {
  const environments = exampleEnvironments((doc) => {
    doc.environments[1].location = "europe-west1";
  });
  const out = rememberedInTest(() => synthApp(stacksOf(environments).app));
  const [cluster] = Object.values<TerraformJson>(
    out["shop-us-cluster"].resource.google_container_cluster,
  );
  expect(cluster.private_cluster_config.master_global_access_config).toBeUndefined();
});

test("a selection without every member has no mesh stack (and the members' own stacks)", () => {
  const selected = selectEnvironments(exampleEnvironments(), "shop-eu");
  expect(stacksOf(selected).stacks.map((s) => s.node.id)).toEqual([
    "shop-eu-cluster",
    "shop-eu-mesh",
  ]);
});

test("CrossClusterFirewall refuses fewer than two pod ranges and no target accounts", () => {
  const make = (props: Partial<ConstructorParameters<typeof CrossClusterFirewall>[2]>) => () =>
    Testing.synthScope((scope: Construct) => {
      new CrossClusterFirewall(scope, "F", {
        project: "p",
        network: "n",
        name: "f",
        sourceRanges: ["10.4.0.0/14", "10.8.0.0/14"],
        targetServiceAccounts: ["a@p.iam.gserviceaccount.com"],
        ...props,
      });
    });
  expect(make({ sourceRanges: ["10.4.0.0/14"] })).toThrow(
    `'sourceRanges' must list every member's pod range (two or more), got ["10.4.0.0/14"]`,
  );
  expect(make({ targetServiceAccounts: [] })).toThrow(
    `'targetServiceAccounts' must list the members' node accounts, got []`,
  );
  expect(make({})).not.toThrow();
});
