import { onlyResource, resourcesOf, synthEnvironments, environment } from "../fixtures";

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

describe("oss mode with revisions and tags", () => {
  const mesh = synthEnvironments(
    environment({
      mode: "oss",
      istio: {
        revisions: [{ version: "1.29.6" }, { version: "1.30.5" }],
        defaultRevision: "1-29-6",
        tags: { "prod-canary": "1-30-5" },
        ingressGateway: { revision: "prod-canary" },
        injectionNamespaces: [{ name: "shop", create: true, revision: "prod-canary" }, "default"],
      },
    }),
  )["test-mesh"];
  const releases = resourcesOf(mesh, "helm_release");
  const release = (name: string) => releases.find((r) => r.name === name)!;

  test("one istiod per revision, one tag release per tag and the default tag, once", () => {
    expect(releases.map((r) => r.name).sort()).toEqual([
      "istio-base",
      "istio-ingress",
      "istio-mesh-policy",
      "istio-tag-default",
      "istio-tag-prod-canary",
      "istiod-1-29-6",
      "istiod-1-30-5",
    ]);
    expect(release("istio-tag-default").values).toEqual(["tag: default\nrevision: 1-29-6\n"]);
    expect(release("istio-tag-prod-canary").values).toEqual([
      "tag: prod-canary\nrevision: 1-30-5\n",
    ]);
  });

  test("the gateway runs on the revision it names", () => {
    expect(release("istio-ingress").values[0]).toMatch(/^revision: prod-canary\n/);
  });

  test("a namespace on a revision gets istio.io/rev, the others istio-injection; all wait for every istiod and tag", () => {
    const shop = resourcesOf(mesh, "kubernetes_namespace_v1").find(
      (n) => n.metadata.name === "shop",
    )!;
    expect(shop.metadata.labels).toEqual({ "istio.io/rev": "prod-canary" });
    const [labels] = resourcesOf(mesh, "kubernetes_labels");
    expect(labels).toMatchObject({
      metadata: { name: "default" },
      labels: { "istio-injection": "enabled" },
    });
    const waited = (labels.depends_on as string[]).filter((d) => d.startsWith("helm_release."));
    expect(
      waited.map((d) => d.replace(/^helm_release\.Istio_Revisions_|_[0-9A-F]{8}$/g, "")).sort(),
    ).toEqual(["Istiod-1-29-6", "Istiod-1-30-5", "Tag-default", "Tag-prod-canary"]);
  });
});

test("a managed mode mesh stack has no helm provider; oss and cloud-service-mesh have one", () => {
  const providers = (mode: string) =>
    Object.keys(
      synthEnvironments(
        environment({ mode, istio: { injectionNamespaces: [{ name: "shop", create: true }] } }),
      )["test-mesh"].provider,
    ).sort();
  expect(providers("managed")).toEqual(["google", "kubernetes"]);
  expect(providers("oss")).toEqual(["google", "helm", "kubernetes"]);
  expect(providers("cloud-service-mesh")).toEqual(["google", "helm", "kubernetes"]);
});
