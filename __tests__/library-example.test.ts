// The example of docs/library.md, kept compiling and correct here, and equal to the copy in the doc.
import * as fs from "fs";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { GoogleBetaProvider } from "@cdktf/provider-google-beta/lib/provider";
import { ClusterNetwork } from "../constructs/cluster-network";
import { GkeCluster } from "../constructs/gke-cluster";
import { NodePool } from "../constructs/node-pool";
import { NodeServiceAccount } from "../constructs/node-service-account";
import { checkResource } from "../policy/policy-aspect";
import { GoogleContainerCluster } from "@cdktf/provider-google-beta/lib/google-container-cluster";
import { GoogleContainerNodePool } from "@cdktf/provider-google-beta/lib/google-container-node-pool";

test("the library example of docs/library.md synthesizes a hardened cluster that passes the policy", () => {
  const app = Testing.app();
  // --- docs/library.md example (from `const stack` to the NodePool) ---
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
  // --- end of the docs/library.md example ---
  const out = Testing.synth(stack);
  expect(out).toHaveResourceWithProperties(GoogleContainerCluster, {
    name: "demo",
    provider: "google-beta",
    addons_config: { istio_config: { disabled: false, auth: "AUTH_MUTUAL_TLS" } },
  });
  expect(out).toHaveResourceWithProperties(GoogleContainerNodePool, {
    name: expect.stringMatching(/^pool-[0-9a-f]{6}$/),
    provider: "google-beta",
  });
  const resources = stack.node
    .findAll()
    .filter((n) => n instanceof GoogleContainerCluster || n instanceof GoogleContainerNodePool);
  expect(
    resources.flatMap((r) => checkResource(r as GoogleContainerCluster)).map((f) => f.rule.id),
  ).toEqual([]);
});

test("docs/library.md shows the same code as the test above", () => {
  const root = path.join(__dirname, "..");
  const lines = (text: string, from: string, to: string) => {
    const all = text.split("\n");
    const start = all.findIndex((l) => l.includes(from));
    const end = all.findIndex((l, i) => i > start && l.includes(to));
    return all.slice(start + 1, end).map((l) => l.trim());
  };
  const test = lines(
    fs.readFileSync(__filename, "utf8"),
    "// --- docs/library.md example",
    "// --- end of the docs/library.md",
  );
  const doc = fs.readFileSync(path.join(root, "docs", "library.md"), "utf8");
  const code = doc.slice(doc.indexOf("```ts"), doc.indexOf("```", doc.indexOf("```ts") + 5));
  const docLines = code.split("\n").map((l) => l.trim());
  const from = docLines.findIndex((l) => l.startsWith("const stack = "));
  expect(test.length).toBeGreaterThan(20);
  expect(docLines.slice(from, from + test.length)).toEqual(test);
});
