import { parse as parseYaml } from "yaml";
import {
  TerraformJson,
  environment,
  onlyResource,
  resourcesOf,
  synthEnvironments,
} from "../fixtures";

// One synthesis shared by every assertion below. The rendered manifests of the same releases
// (the default file's ambient environment) are asserted in __tests__/helm-render.test.ts.
const stacks = synthEnvironments(
  environment({
    mode: "oss",
    istio: {
      version: "1.30.5",
      dataplane: "ambient",
      injectionNamespaces: [
        "default",
        { name: "shop", waypoint: true, create: true },
        { name: "web", create: true },
      ],
    },
  }),
);
const cluster = stacks["test-cluster"];
const mesh = stacks["test-mesh"];

/** Releases by their helm name. */
const releases: Record<string, TerraformJson> = Object.fromEntries(
  resourcesOf(mesh, "helm_release").map((r) => [r.name, r]),
);
const address = (name: string) =>
  `helm_release.${Object.entries(mesh.resource.helm_release).find(([, r]) => (r as TerraformJson).name === name)![0]}`;
/** The first values document: the install's own (availability and update strategy follow). */
const valuesOf = (name: string) => parseYaml(releases[name].values[0]);

describe("ambient mode, synthesized", () => {
  test("base, istiod, istio-cni, ztunnel, then the gateway; a waypoint; the mesh policy", () => {
    expect(Object.keys(releases).sort()).toEqual([
      "istio-base",
      "istio-cni",
      "istio-ingress",
      "istio-mesh-policy",
      "istio-waypoint",
      "istiod",
      "kept-namespaces",
      "ztunnel",
    ]);
    expect(releases.istiod.depends_on).toContain(address("istio-base"));
    expect(releases["istio-cni"].depends_on).toContain(address("istiod"));
    expect(releases.ztunnel.depends_on).toContain(address("istio-cni"));
    expect(releases["istio-ingress"].depends_on).toContain(address("ztunnel"));
    for (const name of ["istio-cni", "ztunnel"]) {
      expect(releases[name]).toMatchObject({
        namespace: "istio-system",
        repository: "https://blob.istio.io/istio-release/charts",
        version: "1.30.5",
        atomic: true,
        cleanup_on_fail: true,
        timeout: 1800,
      });
    }
  });

  test("istiod and cni take the ambient profile; all three take platform gke and Istio's hub", () => {
    const global = { platform: "gke", hub: "docker.io/istio" };
    expect(valuesOf("istiod")).toEqual({ profile: "ambient", global });
    expect(valuesOf("istio-cni")).toEqual({ profile: "ambient", global });
    expect(valuesOf("ztunnel")).toEqual({ global: { platform: "gke" }, hub: "docker.io/istio" });
  });

  test("namespaces are enrolled by label after ztunnel, never with istio-injection", () => {
    const ztunnel = address("ztunnel");
    const labelled = Object.fromEntries(
      resourcesOf(mesh, "kubernetes_labels").map((n) => [n.metadata.name, n]),
    );
    expect(labelled.default).toMatchObject({
      kind: "Namespace",
      labels: { "istio.io/dataplane-mode": "ambient" },
      depends_on: [ztunnel],
    });
    expect(labelled.shop.labels).toEqual({
      "istio.io/dataplane-mode": "ambient",
      "istio.io/use-waypoint": "waypoint",
    });
    // Created ones also wait for their creation (kept-namespaces).
    expect(labelled.shop.depends_on).toEqual([ztunnel, address("kept-namespaces")]);
    expect(labelled.web.labels).toEqual({ "istio.io/dataplane-mode": "ambient" });
    expect(parseYaml(releases["kept-namespaces"].values[0])).toEqual({
      namespaces: ["shop", "web"],
    });
    for (const ns of ["default", "shop", "web"]) {
      expect(labelled[ns].labels["istio-injection"]).toBeUndefined();
    }
  });

  test("ztunnel is replaced node by node, when a node is drained: OnDelete", () => {
    expect(parseYaml(releases.ztunnel.values[1])).toEqual({
      updateStrategy: { type: "OnDelete", rollingUpdate: null },
    });
  });

  test("the waypoint is a local chart in its namespace, after istiod and the namespace", () => {
    const waypoint = releases["istio-waypoint"];
    expect(waypoint.namespace).toBe("shop");
    expect(waypoint.chart).toMatch(/^assets\/[^/]+\/[0-9A-F]+$/);
    expect(waypoint.depends_on).toEqual([
      address("istiod"),
      expect.stringMatching(/^kubernetes_labels\.SidecarInjection_shop_/),
    ]);
    // No lifecycle precondition: cdktf's HCL output (npm run generated -- --hcl) cannot write one.
    expect(waypoint.lifecycle).toBeUndefined();
  });

  test("the cluster gets the standard Gateway API channel because a waypoint is asked for", () => {
    const gke = onlyResource(cluster, "google_container_cluster");
    expect(gke.gateway_api_config).toEqual({ channel: "CHANNEL_STANDARD" });
    expect(gke.provider).toBe("google-beta");
  });

  test("the private-cluster firewall opens istiod's webhook port only: ambient adds none", () => {
    expect(onlyResource(cluster, "google_compute_firewall").allow).toEqual([
      { protocol: "tcp", ports: ["15017"] },
    ]);
  });

  // terraform validate: __tests__/main.test.ts validates every stack of the default environment
  // file, whose `ambient` environment has the same resources (ambient namespaces, a waypoint).
});

describe("the cluster's gatewayApi setting", () => {
  const gatewayApi = (env: Record<string, unknown>) =>
    onlyResource(synthEnvironments(env)["test-cluster"], "google_container_cluster")
      .gateway_api_config;

  test("is not set without a waypoint, and follows cluster.gatewayApi when given", () => {
    expect(
      gatewayApi(environment({ mode: "oss", istio: { dataplane: "ambient" } })),
    ).toBeUndefined();
    expect(gatewayApi(environment({ cluster: { gatewayApi: true } }))).toEqual({
      channel: "CHANNEL_STANDARD",
    });
    expect(gatewayApi(environment({ cluster: { gatewayApi: false } }))).toEqual({
      channel: "CHANNEL_DISABLED",
    });
  });
});

describe("switching an environment from sidecars to ambient", () => {
  const mesh = (dataplane: string) =>
    synthEnvironments(
      environment({
        mode: "oss",
        istio: { dataplane, injectionNamespaces: ["default", { name: "shop", create: true }] },
      }),
    )["test-mesh"];
  const sidecar = mesh("sidecar");
  const ambient = mesh("ambient");
  const addresses = (stack: TerraformJson, type: string) =>
    Object.keys(stack.resource[type] ?? {}).sort();

  test("relabels the namespaces in place: same Terraform addresses, new labels", () => {
    expect(addresses(ambient, "kubernetes_labels")).toEqual(
      addresses(sidecar, "kubernetes_labels"),
    );
    expect(addresses(sidecar, "kubernetes_labels")).toHaveLength(2);
    const shop = (stack: TerraformJson) =>
      resourcesOf(stack, "kubernetes_labels").find((n) => n.metadata.name === "shop")!;
    expect(shop(sidecar).labels).toEqual({ "istio-injection": "enabled" });
    expect(shop(ambient).labels).toEqual({ "istio.io/dataplane-mode": "ambient" });
  });

  test("keeps every sidecar-mode release address and adds only the node agents", () => {
    const added = addresses(ambient, "helm_release").filter(
      (a) => !addresses(sidecar, "helm_release").includes(a),
    );
    expect(addresses(sidecar, "helm_release").every((a) => ambient.resource.helm_release[a])).toBe(
      true,
    );
    expect(added.map((a) => ambient.resource.helm_release[a].name).sort()).toEqual([
      "istio-cni",
      "ztunnel",
    ]);
  });
});

describe("the dataplane record: sidecar <-> ambient in one apply is refused under STRICT", () => {
  // Synth cannot see the running dataplane; the record in state can: a switch replaces it, and
  // prevent_destroy stops that plan while STRICT would drop traffic (docs/ambient.md).
  const record = (istio: TerraformJson, cluster: TerraformJson = {}) =>
    synthEnvironments(environment({ mode: "oss", cluster, istio }))["test-mesh"].resource
      .terraform_data?.Dataplane;

  test("STRICT (the default) with deletion protection: the record refuses a change", () => {
    expect(record({ dataplane: "ambient" })).toEqual({
      triggers_replace: { dataplane: "ambient" },
      lifecycle: { prevent_destroy: true },
    });
    expect(record({})).toEqual({
      triggers_replace: { dataplane: "sidecar" },
      lifecycle: { prevent_destroy: true },
    });
  });

  test("PERMISSIVE lets the switch through (the middle of the three applies)", () => {
    expect(record({ dataplane: "ambient", mtls: "PERMISSIVE" }).lifecycle).toEqual({
      prevent_destroy: false,
    });
  });

  test("deletion protection off lifts it too, so the destroy recipe works", () => {
    expect(record({ dataplane: "ambient" }, { deletionProtection: false }).lifecycle).toEqual({
      prevent_destroy: false,
    });
  });

  test("the legacy charts have no dataplane to record", () => {
    expect(record({ version: "1.4.10" })).toBeUndefined();
  });
});
