import { Testing } from "cdktf";
import { loadConfig } from "../../config/load";
import { addEnvironments } from "../../stacks/environment-stacks";
import {
  TerraformJson,
  environment,
  onlyResource,
  parseEnvironments,
  resourcesOf,
  synthEnvironments,
} from "../fixtures";

const oss = (istio: Record<string, unknown> = {}) =>
  environment({
    mode: "oss",
    istio: { injectionNamespaces: ["default", { name: "shop", create: true }], ...istio },
  });

function helmAddress(stack: TerraformJson, name: string): string {
  const [key] = Object.entries(stack.resource.helm_release).find(
    ([, body]) => (body as TerraformJson).name === name,
  )!;
  return `helm_release.${key}`;
}

describe("oss mode, current charts (the default)", () => {
  const stacks = synthEnvironments(oss());
  const mesh = stacks["test-mesh"];

  test("the cluster stack has no Istio add-on", () => {
    const cluster = onlyResource(stacks["test-cluster"], "google_container_cluster");
    expect(cluster.addons_config?.istio_config).toBeUndefined();
  });

  test("a private cluster lets its control plane reach istiod's webhooks on the nodes", () => {
    const firewall = onlyResource(stacks["test-cluster"], "google_compute_firewall");
    expect(firewall).toMatchObject({
      provider: "google-beta",
      name: "test-europe-west1-istio-webhooks",
      source_ranges: [
        "${google_container_cluster.Cluster_EB0386A7.private_cluster_config[0].master_ipv4_cidr_block}",
      ],
      target_service_accounts: ["${google_service_account.NodeServiceAccount_E1BE4B73.email}"],
      allow: [{ protocol: "tcp", ports: ["15017"] }],
    });
    // privateNodes: false replaces the cluster, which deletion protection stops: the cluster may
    // still be private, so the rule stays (from the range the cluster was created with).
    const publicNodes = synthEnvironments({ ...oss(), cluster: { privateNodes: false } });
    expect(onlyResource(publicNodes["test-cluster"], "google_compute_firewall")).toMatchObject({
      name: "test-europe-west1-istio-webhooks",
      source_ranges: ["172.16.0.0/28"],
    });
    const migrated = synthEnvironments({
      ...oss(),
      cluster: { privateNodes: false, deletionProtection: false },
      policy: {
        waivers: [
          { rule: "GKE_PRIVATE_NODES", reason: "test" },
          { rule: "GKE_DELETION_PROTECTION", reason: "test" },
        ],
      },
    });
    expect(resourcesOf(migrated["test-cluster"], "google_compute_firewall")).toEqual([]);
    const managed = synthEnvironments(environment());
    expect(resourcesOf(managed["test-cluster"], "google_compute_firewall")).toEqual([]);
  });

  test("the mesh stack is applied after the cluster stack", () => {
    const app = Testing.app();
    const [env] = addEnvironments(app, parseEnvironments(oss()));
    expect(env.mesh!.dependencies).toEqual([env.cluster]);
  });

  test("helm and kubernetes providers read the cluster's endpoint, token and CA (helm 3.x: an attribute)", () => {
    const endpoint = {
      host: "https://${data.google_container_cluster.Connection_Cluster_88F05D91.endpoint}",
      token: "${data.google_client_config.Connection_ClientConfig_0B7EEA18.access_token}",
      cluster_ca_certificate:
        "${base64decode(data.google_container_cluster.Connection_Cluster_88F05D91.master_auth[0].cluster_ca_certificate)}",
    };
    expect(mesh.provider.kubernetes).toEqual([endpoint]);
    expect(mesh.provider.helm).toEqual([{ kubernetes: endpoint }]);
    for (const release of resourcesOf(mesh, "helm_release"))
      expect(release.provider).toBeUndefined();
  });

  test("the releases are the newest announced 1.31 patch", () => {
    const versions = resourcesOf(mesh, "helm_release")
      .filter((r) => r.repository)
      .map((r) => [r.name, r.version]);
    expect(versions).toEqual([
      ["istio-base", "1.31.1"],
      ["istio-ingress", "1.31.1"],
      ["istiod", "1.31.1"],
    ]);
  });

  test("cluster-admin for the deploying identity, before istio-system and so before every release", () => {
    const binding = onlyResource(mesh, "kubernetes_cluster_role_binding_v1");
    expect(binding.metadata.name).toBe("cluster-admin-binding");
    expect(binding.subject[0].name).toBe(
      "${data.google_client_openid_userinfo.ClusterAdminBinding_DeployingIdentity_37D32365.email}",
    );
    const system = resourcesOf(mesh, "kubernetes_namespace_v1").find(
      (n) => n.metadata.name === "istio-system",
    )!;
    expect(system.depends_on).toEqual([
      "kubernetes_cluster_role_binding_v1.ClusterAdminBinding_6EE302B5",
    ]);
  });

  test("injection labels and namespaces wait for istiod (its webhook injects)", () => {
    const istiod = helmAddress(mesh, "istiod");
    expect(onlyResource(mesh, "kubernetes_labels")).toMatchObject({
      metadata: { name: "default" },
      labels: { "istio-injection": "enabled" },
      depends_on: [istiod],
    });
    const shop = resourcesOf(mesh, "kubernetes_namespace_v1").find(
      (n) => n.metadata.name === "shop",
    )!;
    expect(shop).toEqual({
      metadata: { name: "shop", labels: { "istio-injection": "enabled" } },
      depends_on: [istiod],
      lifecycle: { prevent_destroy: true },
    });
  });

  test("clusterAdmins replace the deploying identity", () => {
    const custom = synthEnvironments(oss({ clusterAdmins: ["ops@example.com"] }))["test-mesh"];
    expect(custom.data.google_client_openid_userinfo).toBeUndefined();
    expect(onlyResource(custom, "kubernetes_cluster_role_binding_v1").subject).toEqual([
      { api_group: "rbac.authorization.k8s.io", kind: "User", name: "ops@example.com" },
    ]);
  });

  test("mtls, ingressGateway and values reach the releases", () => {
    const custom = synthEnvironments(
      oss({ mtls: "PERMISSIVE", ingressGateway: false, values: { pilot: { autoscaleMin: 2 } } }),
    )["test-mesh"];
    const byName = Object.fromEntries(resourcesOf(custom, "helm_release").map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(["istio-base", "istio-mesh-policy", "istiod"]);
    expect(byName["istio-mesh-policy"].values).toEqual(["mtlsMode: PERMISSIVE\n"]);
    expect(byName.istiod.values).toEqual([
      "global:\n  platform: gke\n  hub: docker.io/istio\n",
      "pilot:\n  autoscaleMin: 2\n",
    ]);
  });
});

describe("oss mode, legacy charts", () => {
  const mesh = synthEnvironments(oss({ version: "1.4.10", profile: "demo" }))["test-mesh"];

  test("istio-init then istio, pinned; injection waits for the istio release", () => {
    const names = resourcesOf(mesh, "helm_release").map((r) => [r.name, r.version]);
    expect(names.sort()).toEqual([
      ["istio", "1.4.10"],
      ["istio-init", "1.4.10"],
    ]);
    expect(onlyResource(mesh, "kubernetes_labels").depends_on).toEqual([
      helmAddress(mesh, "istio"),
    ]);
  });
});

describe("the default environment file and the article's legacy example", () => {
  const environments = [
    ...loadConfig("config/environments.yaml").environments,
    ...loadConfig("examples/article-oss-legacy.yaml").environments,
  ];
  const byName = Object.fromEntries(environments.map((e) => [e.name, e]));

  test("the example's oss reproduces the seed's OSS path: istio-tutorial, 4 n1-standard-2 nodes, legacy charts (1.4.10: 1.3.3 cannot render under Helm 3)", () => {
    expect(byName.oss).toMatchObject({
      mode: "oss",
      location: "us-central1-a",
      cluster: { name: "istio-tutorial" },
      nodePools: [
        {
          machineType: "n1-standard-2",
          initialNodeCount: 4,
          minNodeCount: 4,
          maxNodeCount: 4,
        },
      ],
      istio: { version: "1.4.10", profile: "default" },
    });
  });

  test("mesh runs current Istio with strict mTLS, an ingress gateway and injection", () => {
    expect(byName.mesh).toMatchObject({
      mode: "oss",
      istio: {
        version: "1.31.1",
        mtls: "STRICT",
        ingressGateway: true,
        injectionNamespaces: ["default"],
      },
    });
  });
});
