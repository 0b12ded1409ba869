import { replacementReport } from "../output/replacement-report";
import { TerraformJson } from "./fixtures";
import { stacksOf, synthFilesOnceSync } from "./shared-synth";
import { applyWithMockProviders } from "./terraform-apply";
import {
  asConfigFile,
  editedYaml,
  lostResources,
  planEdit,
  testPlanEdit,
} from "./terraform-plan-edit";

// examples/multi-cluster-csm.yaml: adding a member changes only what it should, and removing one
// is safe, by the replacement report over every stack and by real Terraform on the mesh's stack.
const EXAMPLE = "examples/multi-cluster-csm.yaml";

const withThird = editedYaml(EXAMPLE, (doc: TerraformJson) => {
  doc.environments.push({
    name: "shop-asia",
    location: "asia-northeast1",
    cluster: { masterIpv4CidrBlock: "172.16.0.32/28" },
    network: {
      existing: true,
      name: "shop-vpc",
      subnetName: "shop-asia-nodes",
      podsCidr: "10.16.0.0/14",
      servicesCidr: "10.12.32.0/20",
    },
  });
  doc.meshes[0].environments.push("shop-asia");
});
const withoutUs = editedYaml(EXAMPLE, (doc: TerraformJson) => {
  doc.environments = doc.environments.filter((e: TerraformJson) => e.name !== "shop-us");
  doc.environments.push({ ...doc.environments[0], name: "shop-eu2" }); // a mesh needs two
  doc.environments[1].cluster = { masterIpv4CidrBlock: "172.16.0.48/28" };
  doc.environments[1].network = {
    ...doc.environments[0].network,
    subnetName: "shop-eu2-nodes",
    podsCidr: "10.20.0.0/14",
    servicesCidr: "10.12.48.0/20",
  };
  doc.meshes[0].environments = ["shop-eu", "shop-eu2"];
});

/** The replacement report of the stacks `after` still has (a stack gone is never deployed again). */
function report(before: string, after: string): string[] {
  [before, after] = [asConfigFile(before), asConfigFile(after)];
  const runs = synthFilesOnceSync([before, after]);
  const files = (file: string) => {
    const run = runs.get(file)!;
    if (run.status !== 0) throw new Error(run.stderr);
    return new Map(Object.entries(run.files).filter(([f]) => f.endsWith("cdk.tf.json")));
  };
  const now = files(after);
  const old = new Map([...files(before)].filter(([f]) => now.has(f)));
  return replacementReport(old, now);
}

describe(`${EXAMPLE}: a third member`, () => {
  test("changes no existing member's stack; the mesh's firewall is updated in place", () => {
    const lines = report(EXAMPLE, withThird);
    const others = lines.filter((l) => !/\bshop-asia-(cluster|mesh)\b/.test(l));
    expect(others).toEqual([
      expect.stringMatching(
        /^shop-multicluster: updates google_compute_firewall\.CrossClusterFirewall_\w+ in place \(source_ranges, target_service_accounts\)$/,
      ),
    ]);
    expect(lines.filter((l) => / (destroys|replaces) /.test(l))).toEqual([]);
    expect(
      lines.filter((l) => /^shop-asia-cluster: creates google_container_cluster\./.test(l)),
    ).toHaveLength(1);
  });

  testPlanEdit("real Terraform plans the mesh's stack: an in-place update, nothing lost", () => {
    const plan = planEdit(EXAMPLE, withThird, "shop-multicluster");
    expect(lostResources(plan, ["google_compute_firewall"])).toEqual([]);
    expect(plan.changes.filter((c) => c.action !== "no-op").map((c) => c.action)).toEqual([
      "update",
    ]);
  });
});

describe(`${EXAMPLE}: removing a member other than the first (the fleet feature's owner)`, () => {
  test("is safe: in-place updates only (the firewall; global access off, the members now in one region)", () => {
    const lines = report(EXAMPLE, withoutUs).filter((l) => !/\bshop-eu2-(cluster|mesh)\b/.test(l));
    expect(lines).toEqual([
      expect.stringMatching(
        /^shop-eu-cluster: updates google_container_cluster\.Cluster_\w+ in place \(private_cluster_config\.master_global_access_config\.enabled\)$/,
      ),
      expect.stringMatching(
        /^shop-multicluster: updates google_compute_firewall\.CrossClusterFirewall_\w+ in place \(source_ranges, target_service_accounts\)$/,
      ),
    ]);
  });
});

describe(`${EXAMPLE}: removing the first member (the fleet feature's owner)`, () => {
  const withoutEu = editedYaml(EXAMPLE, (doc: TerraformJson) => {
    doc.environments = doc.environments.filter((e: TerraformJson) => e.name !== "shop-eu");
    doc.environments.push({
      ...doc.environments[0],
      name: "shop-us2",
      cluster: { masterIpv4CidrBlock: "172.16.0.48/28" },
      network: {
        ...doc.environments[0].network,
        subnetName: "shop-us2-nodes",
        podsCidr: "10.20.0.0/14",
        servicesCidr: "10.12.48.0/20",
      },
    });
    doc.meshes[0].environments = ["shop-us", "shop-us2"];
  });

  test("is unsafe, as docs/multi-cluster.md says: the next member would create the feature again", () => {
    const lines = report(EXAMPLE, withoutEu).filter((l) => /^shop-us-cluster: /.test(l));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^shop-us-cluster: creates google_gke_hub_feature\.ServiceMesh_Feature_\w+$/,
        ),
      ]),
    );
  });

  testPlanEdit("destroying its cluster stack stops on the shared feature (prevent_destroy)", () => {
    const run = synthFilesOnceSync([EXAMPLE]).get(EXAMPLE)!;
    const outcome = applyWithMockProviders(stacksOf(run)["shop-eu-cluster"]);
    expect(outcome.ok).toBe(true);
    expect(outcome.destroyBlockedBy).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^google_gke_hub_feature\.ServiceMesh_Feature_/),
      ]),
    );
  });
});
