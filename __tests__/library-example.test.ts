// The README's "Using the constructs as a library" example, kept compiling and correct here.
import { Testing, TerraformStack } from "cdktf";
import { GoogleBetaProvider } from "@cdktf/provider-google-beta/lib/provider";
import { ClusterNetwork } from "../constructs/cluster-network";
import { GkeCluster } from "../constructs/gke-cluster";
import { NodePool } from "../constructs/node-pool";
import { NodeServiceAccount } from "../constructs/node-service-account";
import { checkResource } from "../policy/policy-aspect";
import { GoogleContainerCluster } from "@cdktf/provider-google-beta/lib/google-container-cluster";
import { GoogleContainerNodePool } from "@cdktf/provider-google-beta/lib/google-container-node-pool";

test("the README's library example synthesizes a hardened cluster that passes the policy", () => {
  const app = Testing.app();
  // --- README example (from `const stack` to the NodePool) ---
  const stack = new TerraformStack(app, "demo");
  const provider = new GoogleBetaProvider(stack, "GoogleBeta", { project: "my-project" });
  const net = new ClusterNetwork(stack, "Network", {
    provider,
    project: "my-project",
    region: "europe-west1",
    networkName: "demo-vpc",
    subnetName: "demo-nodes",
  });
  const cluster = new GkeCluster(stack, "Cluster", {
    provider,
    project: "my-project",
    location: "europe-west1",
    name: "demo",
    network: net.network,
    subnetwork: net.subnetwork,
    podsRangeName: net.podsRangeName,
    servicesRangeName: net.servicesRangeName,
    labels: { team: "platform" },
    masterAuthorizedNetworks: [{ cidrBlock: "198.51.100.0/24", displayName: "ci" }],
    istioAddon: { mtls: "STRICT" },
  });
  const nodes = new NodeServiceAccount(stack, "Nodes", {
    provider,
    project: "my-project",
    accountId: "demo-nodes",
  });
  new NodePool(stack, "Pool", {
    provider,
    project: "my-project",
    location: "europe-west1",
    cluster: cluster.resource.name,
    name: "pool",
    serviceAccount: nodes.email,
  });
  // --- end of the README example ---
  const out = Testing.synth(stack);
  expect(out).toHaveResourceWithProperties(GoogleContainerCluster, {
    name: "demo",
    provider: "google-beta",
    addons_config: { istio_config: { disabled: false, auth: "AUTH_MUTUAL_TLS" } },
  });
  expect(out).toHaveResourceWithProperties(GoogleContainerNodePool, {
    name: "pool",
    provider: "google-beta",
  });
  const resources = stack.node
    .findAll()
    .filter((n) => n instanceof GoogleContainerCluster || n instanceof GoogleContainerNodePool);
  expect(
    resources.flatMap((r) => checkResource(r as GoogleContainerCluster)).map((f) => f.rule.id),
  ).toEqual([]);
});
