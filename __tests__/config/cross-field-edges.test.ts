import { parseConfig } from "../../config/load";
import { configProblems, environment } from "../fixtures";

// The edges of every cross-field rule: the last accepted value, and the first refused one.
// Each refused case names the field its problem is reported at, so a rule that fires on the
// wrong field, or an off-by-one in a comparison, fails here.

function problemsOf(env: Record<string, unknown>): string[] {
  return configProblems(() => parseConfig({ environments: [environment(env)] }, "envs.yaml"));
}

const pool = (counts: Record<string, number>) => ({ nodePools: [{ name: "pool", ...counts }] });

/** [rule, accepted edge, refused edge, the field path the refusal names] */
const EDGES: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
  [
    "minNodeCount against maxNodeCount",
    pool({ minNodeCount: 4, maxNodeCount: 4 }),
    pool({ minNodeCount: 5, maxNodeCount: 4 }),
    "nodePools[0].minNodeCount",
  ],
  [
    "initialNodeCount against the default maxNodeCount (3)",
    pool({ minNodeCount: 1, initialNodeCount: 3 }),
    pool({ minNodeCount: 1, initialNodeCount: 4 }),
    "nodePools[0].initialNodeCount",
  ],
  [
    "initialNodeCount against maxNodeCount",
    pool({ minNodeCount: 1, maxNodeCount: 4, initialNodeCount: 4 }),
    pool({ minNodeCount: 1, maxNodeCount: 4, initialNodeCount: 5 }),
    "nodePools[0].initialNodeCount",
  ],
  [
    "initialNodeCount against minNodeCount",
    pool({ minNodeCount: 2, maxNodeCount: 4, initialNodeCount: 2 }),
    pool({ minNodeCount: 2, maxNodeCount: 4, initialNodeCount: 1 }),
    "nodePools[0].initialNodeCount",
  ],
  [
    "spot against preemptible",
    { nodePools: [{ name: "pool", spot: true, preemptible: false }] },
    { nodePools: [{ name: "pool", spot: true, preemptible: true }] },
    "nodePools[0].spot",
  ],
  [
    "node pool names",
    { nodePools: [{ name: "a" }, { name: "b" }] },
    { nodePools: [{ name: "a" }, { name: "a" }] },
    "nodePools[1].name",
  ],
  [
    "node locations in the cluster's region",
    { cluster: { nodeLocations: ["europe-west1-b"] } },
    { cluster: { nodeLocations: ["europe-west2-b"] } },
    "cluster.nodeLocations[0]",
  ],
  [
    "authorized networks narrower than the internet",
    { cluster: { masterAuthorizedNetworks: [{ cidrBlock: "0.0.0.0/1" }] } },
    { cluster: { masterAuthorizedNetworks: [{ cidrBlock: "0.0.0.0/0" }] } },
    "cluster.masterAuthorizedNetworks[0].cidrBlock",
  ],
  [
    "networkPolicy false needs the legacy datapath",
    { cluster: { networkPolicy: false, datapath: "LEGACY_DATAPATH" } },
    { cluster: { networkPolicy: false, datapath: "ADVANCED_DATAPATH" } },
    "cluster.networkPolicy",
  ],
  [
    "privateEndpoint needs private nodes",
    { cluster: { privateEndpoint: true, privateNodes: true } },
    { cluster: { privateEndpoint: true, privateNodes: false } },
    "cluster.privateEndpoint",
  ],
  [
    "an existing network needs its subnet",
    { network: { existing: true, name: "corp", subnetName: "gke" } },
    { network: { existing: true, name: "corp" } },
    "network.existing",
  ],
  [
    "network.project needs an existing network",
    { network: { existing: true, project: "host-project", name: "corp", subnetName: "gke" } },
    { network: { existing: false, project: "host-project" } },
    "network.project",
  ],
  [
    "oss-only istio keys",
    { mode: "oss", istio: { ingressGateway: false } },
    { mode: "managed", istio: { ingressGateway: false } },
    "istio.ingressGateway",
  ],
  [
    "cloud-service-mesh needs Workload Identity",
    { mode: "cloud-service-mesh", cluster: { workloadIdentity: true } },
    { mode: "cloud-service-mesh", cluster: { workloadIdentity: false } },
    "cluster.workloadIdentity",
  ],
  [
    "cloud-service-mesh follows RAPID, REGULAR, STABLE or no channel",
    { mode: "cloud-service-mesh", cluster: { releaseChannel: "STABLE" } },
    { mode: "cloud-service-mesh", cluster: { releaseChannel: "EXTENDED" } },
    "cluster.releaseChannel",
  ],
  [
    "N4 and C4 boot disks are Hyperdisk",
    { nodePools: [{ name: "pool", machineType: "n4-standard-8", diskType: "hyperdisk-balanced" }] },
    { nodePools: [{ name: "pool", machineType: "n4-standard-8", diskType: "pd-balanced" }] },
    "nodePools[0].diskType",
  ],
  [
    "pd-* stays allowed beside the Hyperdisk-only series",
    { nodePools: [{ name: "pool", machineType: "n2-standard-8", diskType: "pd-ssd" }] },
    { nodePools: [{ name: "pool", machineType: "c4-standard-8", diskType: "pd-ssd" }] },
    "nodePools[0].diskType",
  ],
  [
    "a legacy profile needs the legacy charts",
    { mode: "oss", istio: { version: "1.4.10", profile: "minimal" } },
    {
      mode: "oss",
      istio: { version: "1.12.0", profile: "minimal" },
      cluster: { minMasterVersion: "1.22" },
    },
    "istio.profile",
  ],
  [
    "istio-ingress is injectable only where no current gateway owns it",
    { mode: "oss", istio: { ingressGateway: false, injectionNamespaces: ["istio-ingress"] } },
    { mode: "oss", istio: { ingressGateway: true, injectionNamespaces: ["istio-ingress"] } },
    "istio.injectionNamespaces[0]",
  ],
  [
    "a rule is waived once",
    { policy: { waivers: [{ rule: "GKE_PRIVATE_NODES", reason: "r" }] } },
    {
      policy: {
        waivers: [
          { rule: "GKE_PRIVATE_NODES", reason: "r" },
          { rule: "GKE_PRIVATE_NODES", reason: "r" },
        ],
      },
    },
    "policy.waivers[1].rule",
  ],
];

describe.each(EDGES)("%s", (_rule, accepted, refused, field) => {
  test("the edge is accepted", () => expect(problemsOf(accepted)).toEqual([]));
  test("one past the edge is refused, at the field", () => {
    const problems = problemsOf(refused);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^environments\\[0\\] \\(test\\): ${escape(field)}: `));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("Istio rules that only oss mode's Helm install needs", () => {
  test("a legacy version outside oss mode is one problem (the oss-only key), not a Helm 3 or profile problem too", () => {
    expect(problemsOf(environment({ mode: "managed", istio: { version: "1.3.3" } }))).toEqual([
      "environments[0] (test): istio.version: applies to mode oss only (Istio installed by Helm), got it with mode managed; remove it or set mode: oss",
    ]);
    expect(
      problemsOf(environment({ mode: "managed", istio: { version: "1.4.10", profile: "demo" } })),
    ).toEqual([
      "environments[0] (test): istio.version: applies to mode oss only (Istio installed by Helm), got it with mode managed; remove it or set mode: oss",
      "environments[0] (test): istio.profile: applies to mode oss only (Istio installed by Helm), got it with mode managed; remove it or set mode: oss",
    ]);
  });

  test("istio-ingress may be injected outside oss mode: no gateway install owns it there", () => {
    expect(
      problemsOf(
        environment({ mode: "managed", istio: { injectionNamespaces: ["istio-ingress"] } }),
      ),
    ).toEqual([]);
  });
});
