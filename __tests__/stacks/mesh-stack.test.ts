import { onlyResource, resourcesOf, synthEnvironments, environment } from "../fixtures";

describe("MeshStack (managed)", () => {
  const stacks = synthEnvironments(
    environment({ istio: { injectionNamespaces: ["default", { name: "shop", create: true }] } }),
  );
  const mesh = stacks["test-mesh"];

  test("the kubernetes provider reads the cluster's endpoint and CA, and runs gke-gcloud-auth-plugin for tokens", () => {
    expect(mesh.provider.kubernetes).toEqual([
      {
        host: "https://${data.google_container_cluster.Connection_Cluster_88F05D91.endpoint}",
        exec: [
          {
            api_version: "client.authentication.k8s.io/v1beta1",
            command: "gke-gcloud-auth-plugin",
            args: ["--use_application_default_credentials"],
          },
        ],
        cluster_ca_certificate:
          "${base64decode(data.google_container_cluster.Connection_Cluster_88F05D91.master_auth[0].cluster_ca_certificate)}",
      },
    ]);
    expect(mesh.data.google_client_config).toBeUndefined();
    expect(onlyResource({ resource: mesh.data }, "google_container_cluster")).toEqual({
      location: "europe-west1",
      name: "test",
      project: "test-project",
    });
  });

  test("every namespace is labelled; one whose entry asks is created first, by a release that never deletes it", () => {
    expect(resourcesOf(mesh, "kubernetes_labels").map((l) => [l.metadata.name, l.labels])).toEqual([
      ["default", { "istio-injection": "enabled" }],
      ["shop", { "istio-injection": "enabled" }],
    ]);
    expect(resourcesOf(mesh, "kubernetes_namespace_v1")).toEqual([]);
    expect(onlyResource(mesh, "helm_release")).toMatchObject({
      provider: "helm",
      name: "kept-namespaces",
      namespace: "kube-system",
      values: ["namespaces:\n  - shop\n"],
    });
  });

  test("an earlier release's namespace resources are forgotten, never destroyed (removed blocks)", () => {
    const ids = Object.keys(mesh.resource.kubernetes_labels);
    expect(mesh.removed).toEqual(
      ids.map((id) => ({ from: `kubernetes_namespace_v1.${id}`, lifecycle: [{ destroy: false }] })),
    );
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
    expect(resourcesOf(mesh, "kubernetes_labels").map((l) => l.labels)).toEqual([
      { "istio-injection": "enabled" },
      { "istio-injection": "enabled" },
    ]);
  });

  test("strict mTLS (the default) is a mesh-wide PeerAuthentication released by the helm provider", () => {
    expect(Object.keys(mesh.provider).sort()).toEqual(["google", "helm", "kubernetes"]);
    expect(
      resourcesOf(mesh, "helm_release").find((r) => r.name !== "kept-namespaces"),
    ).toMatchObject({
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
      "kept-namespaces",
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
    const shop = resourcesOf(mesh, "kubernetes_labels").find((n) => n.metadata.name === "shop")!;
    expect(shop.labels).toEqual({ "istio.io/rev": "prod-canary" });
    const labels = resourcesOf(mesh, "kubernetes_labels").find(
      (n) => n.metadata.name === "default",
    )!;
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

test("a managed mode mesh stack has a helm provider only to create namespaces; oss and cloud-service-mesh have one", () => {
  const providers = (mode: string, create = true) =>
    Object.keys(
      synthEnvironments(
        environment({ mode, istio: { injectionNamespaces: [{ name: "shop", create }] } }),
      )["test-mesh"].provider,
    ).sort();
  expect(providers("managed", false)).toEqual(["google", "kubernetes"]);
  expect(providers("managed")).toEqual(["google", "helm", "kubernetes"]);
  expect(providers("oss")).toEqual(["google", "helm", "kubernetes"]);
  expect(providers("cloud-service-mesh")).toEqual(["google", "helm", "kubernetes"]);
});
