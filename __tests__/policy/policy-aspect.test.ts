import { Aspects, TerraformResource, TerraformStack, Testing } from "cdktf";
import { ContainerCluster } from "@cdktf/provider-google/lib/container-cluster";
import { ContainerNodePool } from "@cdktf/provider-google/lib/container-node-pool";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { GoogleContainerNodePool } from "@cdktf/provider-google-beta/lib/google-container-node-pool";
import { findPolicyFindings, policyViolations } from "../../policy/check-policy";
import { checkResource, PolicyAspect } from "../../policy/policy-aspect";
import { policyTestApp } from "./policy-test-app";

const ids = (findings: { rule: { id: string } }[]) => findings.map((f) => f.rule.id);

describe("PolicyAspect", () => {
  test("checks a raw google provider cluster and node pool a user adds to our stack", () => {
    // GIVEN the real app, plus resources made with the GA provider's classes by hand
    const { app, stacks } = policyTestApp();
    new GoogleProvider(stacks.cluster, "Google", { project: "test-project" });
    const raw = new ContainerCluster(stacks.cluster, "RawCluster", {
      name: "raw",
      location: "europe-west1",
    });
    new ContainerNodePool(stacks.cluster, "RawPool", { cluster: raw.name, name: "raw-pool" });
    // THEN the bare resources break every rule whose provider default is unsafe
    expect(ids(findPolicyFindings(app))).toEqual([
      "GKE_NETWORK_POLICY",
      "GKE_MASTER_AUTHORIZED_NETWORKS",
      "GKE_RESOURCE_LABELS",
      "GKE_VPC_NATIVE",
      "GKE_PRIVATE_NODES",
      "GKE_INTRANODE_VISIBILITY",
      "GKE_BINARY_AUTHORIZATION",
      "GKE_RELEASE_CHANNEL",
      "GKE_WORKLOAD_IDENTITY",
      // the raw cluster's default node pool
      "GKE_NODE_SECURE_BOOT",
      "GKE_NODE_METADATA_SERVER",
      "GKE_NODE_SERVICE_ACCOUNT",
      // the raw node pool
      "GKE_NODE_SECURE_BOOT",
      "GKE_NODE_METADATA_SERVER",
      "GKE_NODE_SERVICE_ACCOUNT",
    ]);
    expect(policyViolations(app)[0]).toBe(
      "GKE_NETWORK_POLICY at test-cluster/RawCluster (google_container_cluster.RawCluster): datapath_provider is absent and network_policy.enabled is absent, so NetworkPolicy objects are ignored; to fix, set cluster.datapath: ADVANCED_DATAPATH, or cluster.networkPolicy: true (or waive GKE_NETWORK_POLICY in policy.waivers with a reason)",
    );
  });

  test("checks a cluster's inline node pools, and its default pool only while it is kept", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "user");
    const safe = {
      serviceAccount: "nodes@p.iam.gserviceaccount.com",
      shieldedInstanceConfig: { enableSecureBoot: true },
      workloadMetadataConfig: { mode: "GKE_METADATA" },
    };
    const inline = new ContainerCluster(stack, "Inline", {
      name: "inline",
      location: "europe-west1",
      nodePool: [{ name: "a", nodeConfig: safe }, { name: "b" }],
    });
    const removed = new ContainerCluster(stack, "Removed", {
      name: "removed",
      location: "europe-west1",
      removeDefaultNodePool: true,
    });
    const kept = new ContainerCluster(stack, "Kept", {
      name: "kept",
      location: "europe-west1",
      nodeConfig: { ...safe, serviceAccount: "1-compute@developer.gserviceaccount.com" },
    });
    const nodeProblems = (c: ContainerCluster) =>
      checkResource(c)
        .filter((f) => f.rule.resourceType === "google_container_node_pool")
        .map((f) => f.problem);
    expect(nodeProblems(inline)).toEqual([
      "node_pool[1].node_config.shielded_instance_config.enable_secure_boot is absent",
      "node_pool[1].node_config.workload_metadata_config.mode is absent, so pods can read the node's credentials",
      "node_pool[1].node_config.service_account is absent, the default compute account with Editor on the project",
    ]);
    expect(nodeProblems(removed)).toEqual([]);
    expect(nodeProblems(kept)).toEqual([
      'node_config.service_account is "1-compute@developer.gserviceaccount.com", the default compute account with Editor on the project',
    ]);
  });

  test("adds one error annotation per violation when the stack synthesizes", () => {
    const { stacks } = policyTestApp({ cluster: { legacyAbac: true } });
    Testing.synth(stacks.cluster);
    const errors = stacks.cluster.cluster.resource.node.metadata.filter(
      (m) => m.type === "@cdktf/error",
    );
    expect(errors.map((m) => m.data)).toEqual([
      expect.stringMatching(/^GKE_LEGACY_ABAC_DISABLED at test-cluster\/Cluster\/Resource /),
    ]);
  });

  test("an aspect on the app does not override a stack's waivers with errors", () => {
    const { app, stacks } = policyTestApp({
      cluster: { legacyAbac: true },
      policy: { waivers: [{ rule: "GKE_LEGACY_ABAC_DISABLED", reason: "test" }] },
    });
    Aspects.of(app).add(new PolicyAspect());
    Testing.synth(stacks.cluster);
    const types = stacks.cluster.cluster.resource.node.metadata
      .map((m) => m.type)
      .filter((t) => t.startsWith("@cdktf/"));
    expect(types).toEqual(["@cdktf/warn"]);
  });

  test("never flags what is unknown until plan (tokens)", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "user");
    const account = new ServiceAccount(stack, "Nodes", { accountId: "user-nodes" });
    const pool = new GoogleContainerNodePool(stack, "Pool", {
      cluster: "c",
      nodeConfig: {
        serviceAccount: account.email,
        shieldedInstanceConfig: { enableSecureBoot: true },
        workloadMetadataConfig: { mode: account.description },
      },
    });
    expect(ids(checkResource(pool))).toEqual([]);
  });

  test("the nearest PolicyAspect's waivers apply; a stack without one gets none", () => {
    const app = Testing.app();
    const waived = new TerraformStack(app, "waived");
    const plain = new TerraformStack(app, "plain");
    const bare = {
      cluster: "c",
      nodeConfig: { serviceAccount: "nodes@p.iam.gserviceaccount.com" },
    };
    Aspects.of(waived).add(
      new PolicyAspect({ waivers: [{ rule: "GKE_NODE_SECURE_BOOT", reason: "test" }] }),
    );
    new ContainerNodePool(waived, "Pool", bare);
    new ContainerNodePool(plain, "Pool", bare);
    expect(
      findPolicyFindings(app).map((f) => `${f.path} ${f.rule.id} ${f.waiver ? "waived" : ""}`),
    ).toEqual([
      "waived/Pool GKE_NODE_SECURE_BOOT waived",
      "waived/Pool GKE_NODE_METADATA_SERVER ",
      "plain/Pool GKE_NODE_SECURE_BOOT ",
      "plain/Pool GKE_NODE_METADATA_SERVER ",
    ]);
  });
});

test("an aspect on the app judges only what no stack's own aspect judges, once each", () => {
  // GIVEN the app's aspect without waivers and the stack's aspect with one
  const { app, stacks } = policyTestApp({
    cluster: { legacyAbac: true },
    policy: { waivers: [{ rule: "GKE_LEGACY_ABAC_DISABLED", reason: "test" }] },
  });
  const appAspect = new PolicyAspect();
  Aspects.of(app).add(appAspect);
  // WHEN the app's aspect visits the cluster, THEN it leaves the stack's aspect to judge it
  appAspect.visit(stacks.cluster.cluster.resource);
  const judged = (node: TerraformResource) =>
    node.node.metadata
      .filter((m) => m.type.startsWith("@cdktf/"))
      .map((m) => `${m.type} ${String(m.data).split(" ")[0]}`);
  expect(judged(stacks.cluster.cluster.resource)).toEqual([]);
  // and a resource under no other aspect is its to judge
  const user = new TerraformStack(app, "user");
  const pool = new ContainerNodePool(user, "Pool", {
    cluster: "c",
    nodeConfig: { serviceAccount: "nodes@p.iam.gserviceaccount.com" },
  });
  appAspect.visit(pool);
  expect(judged(pool)).toEqual([
    "@cdktf/error GKE_NODE_SECURE_BOOT",
    "@cdktf/error GKE_NODE_METADATA_SERVER",
  ]);
});
