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

  test("helm and kubernetes providers read the cluster's endpoint and CA, and run the auth plugin (helm 3.x: attributes)", () => {
    const endpoint = {
      host: "https://${data.google_container_cluster.Connection_Cluster_88F05D91.endpoint}",
      cluster_ca_certificate:
        "${base64decode(data.google_container_cluster.Connection_Cluster_88F05D91.master_auth[0].cluster_ca_certificate)}",
    };
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "gke-gcloud-auth-plugin",
      args: ["--use_application_default_credentials"],
    };
    expect(mesh.provider.kubernetes).toEqual([{ ...endpoint, exec: [exec] }]);
    expect(mesh.provider.helm).toEqual([{ kubernetes: { ...endpoint, exec } }]);
    // cluster.providerAuth: token keeps the access token of data google_client_config.
    const token = synthEnvironments({ ...oss(), cluster: { providerAuth: "token" } })["test-mesh"];
    const withToken = {
      ...endpoint,
      token: "${data.google_client_config.Connection_ClientConfig_0B7EEA18.access_token}",
    };
    expect(token.provider.kubernetes).toEqual([withToken]);
    expect(token.provider.helm).toEqual([{ kubernetes: withToken }]);
    // The stack's one helm provider, by default or by name.
    for (const release of resourcesOf(mesh, "helm_release"))
      expect([undefined, "helm"]).toContain(release.provider);
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

  test("no cluster-admin binding by default, and no read of the deploying identity", () => {
    expect(resourcesOf(mesh, "kubernetes_cluster_role_binding_v1")).toEqual([]);
    expect(mesh.data.google_client_openid_userinfo).toBeUndefined();
    const system = resourcesOf(mesh, "kubernetes_namespace_v1").find(
      (n) => n.metadata.name === "istio-system",
    )!;
    expect(system.depends_on).toBeUndefined();
  });

  test("injection labels and namespaces wait for istiod (its webhook injects)", () => {
    const istiod = helmAddress(mesh, "istiod");
    const [defaultNs, shop] = resourcesOf(mesh, "kubernetes_labels");
    expect(defaultNs).toMatchObject({
      metadata: { name: "default" },
      labels: { "istio-injection": "enabled" },
      depends_on: [istiod],
    });
    // shop also waits for its creation, which waits for nothing.
    expect(shop).toMatchObject({
      metadata: { name: "shop" },
      labels: { "istio-injection": "enabled" },
      depends_on: [istiod, helmAddress(mesh, "kept-namespaces")],
    });
    expect(
      mesh.resource.helm_release[helmAddress(mesh, "kept-namespaces").split(".")[1]].depends_on,
    ).toBeUndefined();
  });

  test("clusterAdmins bind exactly the listed identities, before istio-system and so before every release", () => {
    const custom = synthEnvironments(
      oss({ clusterAdmins: { users: ["ops@example.com"], groups: ["sre@example.com"] } }),
    )["test-mesh"];
    expect(custom.data.google_client_openid_userinfo).toBeUndefined();
    expect(onlyResource(custom, "kubernetes_cluster_role_binding_v1").subject).toEqual([
      { api_group: "rbac.authorization.k8s.io", kind: "User", name: "ops@example.com" },
      { api_group: "rbac.authorization.k8s.io", kind: "Group", name: "sre@example.com" },
    ]);
    const system = resourcesOf(custom, "kubernetes_namespace_v1").find(
      (n) => n.metadata.name === "istio-system",
    )!;
    expect(system.depends_on).toEqual([
      "kubernetes_cluster_role_binding_v1.ClusterAdminBinding_6EE302B5",
    ]);
  });

  test("clusterAdmins in every mode with a mesh stack", () => {
    for (const mode of ["managed", "cloud-service-mesh"]) {
      const stack = synthEnvironments(
        environment({
          mode,
          istio: {
            injectionNamespaces: ["default"],
            clusterAdmins: { serviceAccounts: ["ci@p.iam.gserviceaccount.com"] },
          },
        }),
      )["test-mesh"];
      expect([mode, onlyResource(stack, "kubernetes_cluster_role_binding_v1").subject]).toEqual([
        mode,
        [
          {
            api_group: "rbac.authorization.k8s.io",
            kind: "User",
            name: "ci@p.iam.gserviceaccount.com",
          },
        ],
      ]);
    }
  });

  test("mtls, ingressGateway and values reach the releases", () => {
    const custom = synthEnvironments(
      oss({ mtls: "PERMISSIVE", ingressGateway: false, values: { pilot: { autoscaleMin: 2 } } }),
    )["test-mesh"];
    const byName = Object.fromEntries(resourcesOf(custom, "helm_release").map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual([
      "istio-base",
      "istio-mesh-policy",
      "istiod",
      "kept-namespaces",
    ]);
    expect(byName["istio-mesh-policy"].values).toEqual(["mtlsMode: PERMISSIVE\n"]);
    expect(byName.istiod.values[0]).toEqual("global:\n  platform: gke\n  hub: docker.io/istio\n");
    expect(byName.istiod.values[2]).toEqual("pilot:\n  autoscaleMin: 2\n");
  });
});

describe("oss mode, legacy charts", () => {
  const mesh = synthEnvironments(oss({ version: "1.4.10", profile: "demo" }))["test-mesh"];

  test("istio-init then istio, pinned; injection waits for the istio release", () => {
    const names = resourcesOf(mesh, "helm_release").map((r) => [r.name, r.version]);
    expect(names.sort()).toEqual([
      ["istio", "1.4.10"],
      ["istio-init", "1.4.10"],
      ["kept-namespaces", undefined],
    ]);
    expect(resourcesOf(mesh, "kubernetes_labels")[0].depends_on).toEqual([
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
