import { onlyResource, synthEnvironments, environment } from "../fixtures";

describe("MeshStack (managed)", () => {
  const stacks = synthEnvironments(
    environment({ istio: { injectionNamespaces: ["default", { name: "shop", create: true }] } }),
  );
  const mesh = stacks["test-mesh"];

  test("the kubernetes provider reads the cluster's endpoint, token and CA", () => {
    expect(mesh.provider.kubernetes).toEqual([
      {
        host: "https://${data.google_container_cluster.Connection_Cluster_88F05D91.endpoint}",
        token: "${data.google_client_config.Connection_ClientConfig_0B7EEA18.access_token}",
        cluster_ca_certificate:
          "${base64decode(data.google_container_cluster.Connection_Cluster_88F05D91.master_auth[0].cluster_ca_certificate)}",
      },
    ]);
    expect(onlyResource({ resource: mesh.data }, "google_container_cluster")).toEqual({
      location: "europe-west1",
      name: "test",
      project: "test-project",
    });
  });

  test("a namespace is labelled, never created, unless the entry asks to create it", () => {
    expect(onlyResource(mesh, "kubernetes_labels")).toEqual({
      api_version: "v1",
      kind: "Namespace",
      metadata: { name: "default" },
      labels: { "istio-injection": "enabled" },
    });
    expect(onlyResource(mesh, "kubernetes_namespace_v1")).toEqual({
      metadata: { name: "shop", labels: { "istio-injection": "enabled" } },
      // Deleting a namespace deletes its workloads: a created one is protected.
      lifecycle: { prevent_destroy: true },
    });
  });
});

describe("MeshStack (cloud-service-mesh)", () => {
  const stacks = synthEnvironments(
    environment({
      mode: "cloud-service-mesh",
      istio: { injectionNamespaces: ["default", { name: "shop", create: true }] },
    }),
  );
  const mesh = stacks["test-mesh"];

  test("namespaces get CSM's default injection label, istio-injection=enabled, no revision label", () => {
    expect(onlyResource(mesh, "kubernetes_labels").labels).toEqual({
      "istio-injection": "enabled",
    });
    expect(onlyResource(mesh, "kubernetes_namespace_v1").metadata.labels).toEqual({
      "istio-injection": "enabled",
    });
  });

  test("strict mTLS (the default) is a mesh-wide PeerAuthentication released by the helm provider", () => {
    expect(Object.keys(mesh.provider).sort()).toEqual(["google", "helm", "kubernetes"]);
    expect(onlyResource(mesh, "helm_release")).toMatchObject({
      provider: "helm",
      name: "istio-mesh-policy",
      namespace: "istio-system",
      create_namespace: true,
      skip_crds: false,
      values: ["mtlsMode: STRICT\n"],
    });
  });

  test("PERMISSIVE adds no policy: managed CSM accepts plaintext by default", () => {
    const permissive = synthEnvironments(
      environment({ mode: "cloud-service-mesh", istio: { mtls: "PERMISSIVE" } }),
    );
    expect(permissive["test-mesh"].resource).toBeUndefined();
  });
});
