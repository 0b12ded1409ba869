import {
  environment,
  onlyResource,
  resourcesOf,
  SynthesizedStacks,
  synthEnvironments,
  TerraformJson,
} from "../fixtures";

// Valid input never crashes: every mode with each family of options synthesizes.
const MODES = ["managed", "oss", "cloud-service-mesh"] as const;
const VARIANTS: Record<string, Record<string, unknown>> = {
  minimal: {},
  "zonal, named cluster, pinned version": {
    location: "europe-west1-b",
    cluster: { name: "a".repeat(40), minMasterVersion: "1.33", releaseChannel: "UNSPECIFIED" },
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

const clusterOf = (stacks: SynthesizedStacks) =>
  onlyResource(stacks["test-cluster"], "google_container_cluster");
const poolsOf = (stacks: SynthesizedStacks) =>
  resourcesOf(stacks["test-cluster"], "google_container_node_pool");

/** What each variant is about, read from the synthesized stacks. */
const CHECKS: Record<string, (stacks: SynthesizedStacks, mode: string) => void> = {
  minimal: (stacks, mode) => {
    expect(Object.keys(stacks)).toEqual(
      mode === "managed" ? ["test-cluster"] : ["test-cluster", "test-mesh"],
    );
    expect(clusterOf(stacks)).toMatchObject({
      name: "test",
      location: "europe-west1",
      provider: "google-beta",
      deletion_protection: true,
      datapath_provider: "ADVANCED_DATAPATH",
      private_cluster_config: { enable_private_nodes: true },
    });
  },
  "zonal, named cluster, pinned version": (stacks) => {
    expect(clusterOf(stacks)).toMatchObject({
      name: "a".repeat(40),
      location: "europe-west1-b",
      min_master_version: "1.33",
      release_channel: { channel: "UNSPECIFIED" },
    });
  },
  "existing network in a host project, no NAT": (stacks) => {
    const cluster = stacks["test-cluster"];
    for (const type of ["google_compute_network", "google_compute_router_nat"])
      expect({ type, found: resourcesOf(cluster, type).length }).toEqual({ type, found: 0 });
    expect(clusterOf(stacks)).toMatchObject({
      network: "projects/host-project/global/networks/corp",
      subnetwork: "projects/host-project/regions/europe-west1/subnetworks/gke",
    });
  },
  "public nodes, legacy datapath, everything weakened and waived": (stacks) => {
    const cluster = clusterOf(stacks);
    expect(cluster).toMatchObject({
      datapath_provider: "LEGACY_DATAPATH",
      deletion_protection: false,
      enable_intranode_visibility: false,
      binary_authorization: { evaluation_mode: "DISABLED" },
    });
    expect(cluster.private_cluster_config?.enable_private_nodes ?? false).toBe(false);
    expect(cluster.network_policy?.enabled ?? false).toBe(false);
    expect(resourcesOf(stacks["test-cluster"], "google_project_service")).toEqual([]);
  },
  "many pools, own service accounts, spot and taints": (stacks) => {
    const pools = poolsOf(stacks);
    expect(pools.map((p) => p.node_config.service_account)).toEqual([
      "a@p.iam.gserviceaccount.com",
      // The created account, by its address (the pool waits for it through depends_on).
      expect.stringMatching(/-nodes@test-project\.iam\.gserviceaccount\.com$/),
      expect.stringMatching(/-nodes@test-project\.iam\.gserviceaccount\.com$/),
    ]);
    expect(pools[0].autoscaling).toMatchObject({ min_node_count: 0, max_node_count: 1 });
    expect(pools[1].node_config).toMatchObject({
      spot: true,
      labels: { x: "y" },
      taint: [{ key: "k", value: "v", effect: "NO_EXECUTE" }],
    });
    expect(pools[2].node_config).toMatchObject({
      preemptible: true,
      disk_size_gb: 10,
      disk_type: "pd-ssd",
      oauth_scopes: ["https://www.googleapis.com/auth/cloud-platform"],
    });
  },
  "injection, permissive mTLS, gcs state": (stacks, mode) => {
    for (const [name, stack] of Object.entries(stacks))
      expect(stack.terraform.backend).toEqual({
        gcs: { bucket: "state-bucket", prefix: `test/${name}` },
      });
    const mesh = stacks["test-mesh"];
    const injected = [
      ...resourcesOf(mesh, "kubernetes_labels").map((l) => [l.metadata.name, l.labels]),
      ...Object.entries(mesh.resource.kubernetes_namespace_v1 ?? {})
        .filter(([address]) => address.startsWith("SidecarInjection_"))
        .map(([, ns]) => [
          (ns as TerraformJson).metadata.name,
          (ns as TerraformJson).metadata.labels,
        ]),
    ];
    expect(injected.sort()).toEqual([
      ["a", { "istio-injection": "enabled" }],
      ["b", { "istio-injection": "enabled" }],
      ["default", { "istio-injection": "enabled" }],
    ]);
    if (mode === "managed") {
      expect(clusterOf(stacks).addons_config.istio_config).toEqual({
        disabled: false,
        auth: "AUTH_NONE",
      });
    } else {
      const policy = resourcesOf(mesh, "helm_release").find((r) => r.name === "istio-mesh-policy");
      expect(mode === "oss" ? policy?.values : policy).toEqual(
        mode === "oss" ? ["mtlsMode: PERMISSIVE\n"] : undefined,
      );
    }
  },
};

test("every variant has its checks", () =>
  expect(Object.keys(CHECKS).sort()).toEqual(Object.keys(VARIANTS).sort()));

describe.each(MODES)("mode %s", (mode) => {
  test.each(Object.entries(VARIANTS))("%s", (name, variant) => {
    const stacks = synthEnvironments(environment({ mode, ...variant }));
    CHECKS[name](stacks, mode);
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
      istio: {
        version: "1.12.0",
        ingressGateway: false,
        clusterAdmins: { users: ["a@b.example"] },
      },
      // A Kubernetes Istio 1.12 supports (1.19 to 1.22), not the channel's default.
      cluster: { minMasterVersion: "1.22" },
    }),
  );
  expect(Object.keys(legacy)).toEqual(["test-cluster", "test-mesh"]);
  expect(Object.keys(current)).toEqual(["test-cluster", "test-mesh"]);
});
