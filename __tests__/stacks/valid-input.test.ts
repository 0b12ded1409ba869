import { environment, synthEnvironments } from "../fixtures";

// Valid input never crashes: every mode with each family of options synthesizes.
const MODES = ["managed", "oss", "cloud-service-mesh"] as const;
const VARIANTS: Record<string, Record<string, unknown>> = {
  minimal: {},
  "zonal, named cluster, pinned version": {
    location: "europe-west1-b",
    cluster: { name: "a".repeat(40), minMasterVersion: "1.30", releaseChannel: "UNSPECIFIED" },
    policy: { waivers: [{ rule: "GKE_RELEASE_CHANNEL", reason: "pinned for a test" }] },
  },
  "existing network in a host project, no NAT": {
    network: {
      existing: true,
      project: "host-project",
      name: "corp",
      subnetName: "gke",
      cloudNat: false,
    },
  },
  "public nodes, legacy datapath, everything weakened and waived": {
    cluster: {
      privateNodes: false,
      datapath: "LEGACY_DATAPATH",
      networkPolicy: false,
      deletionProtection: false,
      binaryAuthorization: false,
      intranodeVisibility: false,
    },
    enableApis: false,
    policy: {
      waivers: [
        { rule: "GKE_PRIVATE_NODES", reason: "test" },
        { rule: "GKE_NETWORK_POLICY", reason: "test" },
        { rule: "GKE_DELETION_PROTECTION", reason: "test" },
        { rule: "GKE_BINARY_AUTHORIZATION", reason: "test" },
        { rule: "GKE_INTRANODE_VISIBILITY", reason: "test" },
      ],
    },
  },
  "many pools, own service accounts, spot and taints": {
    nodePools: [
      {
        name: "a",
        serviceAccount: "a@p.iam.gserviceaccount.com",
        minNodeCount: 0,
        maxNodeCount: 1,
        initialNodeCount: 0,
      },
      {
        name: "b",
        spot: true,
        taints: [{ key: "k", value: "v", effect: "NO_EXECUTE" }],
        labels: { x: "y" },
      },
      {
        name: "c",
        preemptible: true,
        diskSizeGb: 10,
        diskType: "pd-ssd",
        oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
      },
    ],
  },
  "injection, permissive mTLS, gcs state": {
    istio: { mtls: "PERMISSIVE", injectionNamespaces: ["default", "a", "b"] },
    backend: { type: "gcs", bucket: "state-bucket" },
  },
};

describe.each(MODES)("mode %s", (mode) => {
  test.each(Object.entries(VARIANTS))("%s", (_name, variant) => {
    const stacks = synthEnvironments(environment({ mode, ...variant }));
    expect(Object.keys(stacks)).toContain("test-cluster");
  });
});

test("oss-only options synthesize in oss mode", () => {
  const legacy = synthEnvironments(
    environment({
      mode: "oss",
      istio: { version: "1.4.10", profile: "sds", values: { a: { b: 1 } }, ingressGateway: false },
    }),
  );
  const current = synthEnvironments(
    environment({
      mode: "oss",
      istio: { version: "1.12.0", ingressGateway: false, clusterAdmins: ["a@b.example"] },
    }),
  );
  expect(Object.keys(legacy)).toEqual(["test-cluster", "test-mesh"]);
  expect(Object.keys(current)).toEqual(["test-cluster", "test-mesh"]);
});
