import { AnnotationMetadataEntryType, Testing } from "cdktf";
import { Construct } from "constructs";
import { parse as parseYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import {
  IstioHelmInstall,
  IstioHelmInstallProps,
  legacyChartsWarning,
} from "../../constructs/istio-helm-install";
import { istiodAvailabilityValues } from "../../constructs/control-plane-availability";
import { TerraformJson, resourcesOf } from "../fixtures";
import { ISTIO_CHART_REPOSITORY } from "../../facts/istio-hosting";

/** istiod's availability document by default: two replicas spread over nodes (zonal). */
const ISTIOD_HA = istiodAvailabilityValues({ minReplicas: 2, regional: false });

/** GIVEN a stack with only an IstioHelmInstall: its synthesized JSON and the construct. */
function synthInstall(props: IstioHelmInstallProps = {}) {
  let install!: IstioHelmInstall;
  const json = Testing.synthScope((scope) => {
    install = new IstioHelmInstall(scope, "Istio", props);
  });
  return { json, stack: JSON.parse(json) as TerraformJson, install };
}

/** Releases by their helm name. */
function releases(stack: TerraformJson): Record<string, TerraformJson> {
  return Object.fromEntries(resourcesOf(stack, "helm_release").map((r) => [r.name, r]));
}

/** The helm_release address Terraform uses in depends_on for a release named `name`. */
function addressOf(stack: TerraformJson, name: string): string {
  const [key] = Object.entries(stack.resource.helm_release).find(
    ([, body]) => (body as TerraformJson).name === name,
  )!;
  return `helm_release.${key}`;
}

function warnings(construct: Construct): string[] {
  return construct.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
    .map((m) => m.data as string);
}

const RELIABLE = { atomic: true, cleanup_on_fail: true, max_history: 10 };

describe("IstioHelmInstall, current charts (1.12 and later)", () => {
  const { json, stack, install } = synthInstall({ version: "1.30.5" });
  const byName = releases(stack);

  test("base, then istiod, then the gateway and the mesh policy (depends_on), nothing else", () => {
    expect(Object.keys(byName).sort()).toEqual([
      "istio-base",
      "istio-ingress",
      "istio-mesh-policy",
      "istiod",
    ]);
    const namespace = `kubernetes_namespace_v1.${Object.keys(stack.resource.kubernetes_namespace_v1).find((k) => k.startsWith("Istio_Namespace"))}`;
    const ingressNamespace = `kubernetes_namespace_v1.${Object.keys(stack.resource.kubernetes_namespace_v1).find((k) => k.startsWith("Istio_IngressNamespace"))}`;
    expect(byName["istio-base"].depends_on).toEqual([namespace]);
    expect(byName.istiod.depends_on).toEqual([namespace, addressOf(stack, "istio-base")]);
    expect(byName["istio-ingress"].depends_on).toEqual([
      namespace,
      addressOf(stack, "istiod"),
      ingressNamespace,
    ]);
    expect(byName["istio-mesh-policy"].depends_on).toEqual([addressOf(stack, "istiod")]);
    expect(install.controlPlane.node.id).toBe("Istiod");
    expect(install.layout).toBe("current");
  });

  test("every chart is pinned to the repository and the exact version, reliable by default", () => {
    for (const [name, chart, namespace, timeout] of [
      ["istio-base", "base", "istio-system", 600],
      ["istiod", "istiod", "istio-system", 900],
      ["istio-ingress", "gateway", "istio-ingress", 600],
    ] as const) {
      expect(json).toHaveResourceWithProperties(Release, {
        name,
        chart,
        namespace,
        repository: ISTIO_CHART_REPOSITORY,
        version: "1.30.5",
        timeout,
        ...RELIABLE,
      });
    }
    expect(ISTIO_CHART_REPOSITORY).toBe("https://blob.istio.io/istio-release/charts");
  });

  test("base sets the default revision, as Istio's Helm guide does", () => {
    expect(byName["istio-base"].values).toEqual(["defaultRevision: default\n"]);
  });

  test("istiod gets global.platform=gke, then its availability document", () => {
    expect(byName.istiod.values.map((v: string) => parseYaml(v))).toEqual([
      { global: { platform: "gke", hub: "docker.io/istio" } },
      ISTIOD_HA,
    ]);
  });

  test("namespaces: istio-system, and istio-ingress labelled for injection (the gateway is injected)", () => {
    expect(json).toHaveResourceWithProperties(NamespaceV1, { metadata: { name: "istio-system" } });
    expect(json).toHaveResourceWithProperties(NamespaceV1, {
      metadata: { name: "istio-ingress", labels: { "istio-injection": "enabled" } },
    });
  });

  test("STRICT (the default) and PERMISSIVE are the mesh policy's values", () => {
    expect(parseYaml(byName["istio-mesh-policy"].values[0])).toEqual({ mtlsMode: "STRICT" });
    const permissive = releases(synthInstall({ mtls: "PERMISSIVE" }).stack);
    expect(parseYaml(permissive["istio-mesh-policy"].values[0])).toEqual({
      mtlsMode: "PERMISSIVE",
    });
    expect(permissive.istiod.values).toEqual(byName.istiod.values);
  });

  test("without a version: the newest announced 1.31 patch", () => {
    const { stack: defaulted } = synthInstall();
    for (const release of resourcesOf(defaulted, "helm_release").filter((r) => r.repository))
      expect(release.version).toBe("1.31.1");
  });

  test("ingressGateway false: no gateway release and no istio-ingress namespace", () => {
    const { stack: bare } = synthInstall({ ingressGateway: false });
    expect(Object.keys(releases(bare)).sort()).toEqual([
      "istio-base",
      "istio-mesh-policy",
      "istiod",
    ]);
    expect(resourcesOf(bare, "kubernetes_namespace_v1").map((n) => n.metadata.name)).toEqual([
      "istio-system",
    ]);
  });

  test("istio.values are a second istiod values document, so helm merges them last", () => {
    const { stack: custom } = synthInstall({
      values: { global: { platform: "openshift" }, pilot: { autoscaleMin: 2 } },
    });
    expect(releases(custom).istiod.values.map((v: string) => parseYaml(v))).toEqual([
      { global: { platform: "gke", hub: "docker.io/istio" } },
      ISTIOD_HA,
      { global: { platform: "openshift" }, pilot: { autoscaleMin: 2 } },
    ]);
  });

  test("empty istio.values add no second values document", () => {
    expect(releases(synthInstall({ values: {} }).stack).istiod.values).toEqual(
      byName.istiod.values,
    );
    expect(
      releases(synthInstall({ version: "1.4.10", values: {} }).stack).istio.values,
    ).toHaveLength(1);
  });

  test("no warning for current charts", () => {
    expect(warnings(install)).toEqual([]);
  });

  test("dependsOn reaches the namespace, which every release waits for", () => {
    const json2 = Testing.synthScope((scope) => {
      const first = new NamespaceV1(scope, "First", { metadata: { name: "x" } });
      new IstioHelmInstall(scope, "Istio", { dependsOn: [first] });
    });
    expect(json2).toHaveResourceWithProperties(NamespaceV1, {
      metadata: { name: "istio-system" },
      depends_on: ["kubernetes_namespace_v1.First"],
    });
  });
});

describe("IstioHelmInstall, legacy charts (1.3, 1.4)", () => {
  const { json, stack, install } = synthInstall({ version: "1.4.10" });
  const byName = releases(stack);
  const repository = "https://blob.istio.io/istio-release/releases/1.4.10/charts/";

  test("istio-init waits for its CRD Jobs, then istio; both pinned", () => {
    expect(Object.keys(byName).sort()).toEqual(["istio", "istio-init"]);
    expect(json).toHaveResourceWithProperties(Release, {
      name: "istio-init",
      chart: "istio-init",
      namespace: "istio-system",
      repository,
      version: "1.4.10",
      wait_for_jobs: true,
      timeout: 600,
      ...RELIABLE,
    });
    expect(json).toHaveResourceWithProperties(Release, {
      name: "istio",
      chart: "istio",
      namespace: "istio-system",
      repository,
      version: "1.4.10",
      timeout: 900,
      ...RELIABLE,
    });
    expect(byName.istio.depends_on).toContain(addressOf(stack, "istio-init"));
    expect(byName.istio.wait_for_jobs).toBeUndefined();
    expect(install.controlPlane.node.id).toBe("Istio");
    expect(install.layout).toBe("legacy");
  });

  test("1.3.x uses the same layout, pinned to its own folder", () => {
    const { json: v13 } = synthInstall({ version: "1.3.3", ingressGateway: false });
    expect(v13).toHaveResourceWithProperties(Release, {
      name: "istio-init",
      version: "1.3.3",
      repository: "https://blob.istio.io/istio-release/releases/1.3.3/charts/",
    });
  });

  test("STRICT maps to global.mtls.enabled and controlPlaneSecurityEnabled; PERMISSIVE clears both", () => {
    expect(parseYaml(byName.istio.values[0])).toEqual({
      global: {
        mtls: { enabled: true },
        controlPlaneSecurityEnabled: true,
        hub: "docker.io/istio",
      },
      gateways: { "istio-ingressgateway": { enabled: true } },
    });
    const permissive = releases(synthInstall({ version: "1.4.10", mtls: "PERMISSIVE" }).stack);
    expect(parseYaml(permissive.istio.values[0]).global).toEqual({
      mtls: { enabled: false },
      controlPlaneSecurityEnabled: false,
      hub: "docker.io/istio",
    });
  });

  test("no PeerAuthentication release and no gateway chart: the istio chart does both", () => {
    expect(install.peerAuthentication).toBeUndefined();
    expect(resourcesOf(stack, "kubernetes_namespace_v1").map((n) => n.metadata.name)).toEqual([
      "istio-system",
    ]);
    const noGateway = releases(synthInstall({ version: "1.4.10", ingressGateway: false }).stack);
    expect(parseYaml(noGateway.istio.values[0]).gateways).toEqual({
      "istio-ingressgateway": { enabled: false },
    });
  });

  test("profiles are translated from the chart's values-istio-<profile>.yaml; istio.mtls still decides", () => {
    const demo = releases(synthInstall({ version: "1.4.10", profile: "demo" }).stack);
    expect(parseYaml(demo.istio.values[0])).toMatchObject({
      global: {
        proxy: { accessLogFile: "/dev/stdout" },
        mtls: { enabled: true },
        controlPlaneSecurityEnabled: true,
      },
      grafana: { enabled: true },
      tracing: { enabled: true },
      kiali: { enabled: true },
      gateways: { "istio-egressgateway": { enabled: true } },
    });
    const minimal = releases(synthInstall({ version: "1.4.10", profile: "minimal" }).stack);
    expect(parseYaml(minimal.istio.values[0])).toMatchObject({
      galley: { enabled: false },
      sidecarInjectorWebhook: { enabled: false },
      global: { useMCP: false },
    });
    const sds = releases(
      synthInstall({ version: "1.4.10", profile: "sds", mtls: "PERMISSIVE" }).stack,
    );
    expect(parseYaml(sds.istio.values[0])).toMatchObject({
      global: { sds: { enabled: true }, mtls: { enabled: false } },
      nodeagent: { enabled: true },
    });
  });

  test("each profile's values file is written out whole, under istio.mtls and the gateway switch", () => {
    const strictMtls = {
      mtls: { enabled: true },
      controlPlaneSecurityEnabled: true,
      hub: "docker.io/istio",
    };
    const istioValues = (profile: IstioHelmInstallProps["profile"]) =>
      parseYaml(releases(synthInstall({ version: "1.4.10", profile }).stack).istio.values[0]);
    expect(istioValues("demo")).toEqual({
      global: {
        proxy: { accessLogFile: "/dev/stdout" },
        disablePolicyChecks: false,
        ...strictMtls,
      },
      pilot: { traceSampling: 100 },
      mixer: { adapters: { stdio: { enabled: true } } },
      grafana: { enabled: true },
      tracing: { enabled: true },
      kiali: { enabled: true, createDemoSecret: true },
      gateways: {
        "istio-egressgateway": { enabled: true },
        "istio-ingressgateway": { enabled: true },
      },
    });
    expect(istioValues("minimal")).toEqual({
      global: { useMCP: false, ...strictMtls },
      pilot: { enabled: true, sidecar: false },
      gateways: { enabled: false, "istio-ingressgateway": { enabled: true } },
      security: { enabled: false },
      sidecarInjectorWebhook: { enabled: false },
      galley: { enabled: false },
      mixer: { policy: { enabled: false }, telemetry: { enabled: false } },
      prometheus: { enabled: false },
    });
    expect(istioValues("sds")).toEqual({
      global: {
        sds: { enabled: true, udsPath: "unix:/var/run/sds/uds_path", token: { aud: "istio-ca" } },
        ...strictMtls,
      },
      nodeagent: {
        enabled: true,
        image: "node-agent-k8s",
        env: { CA_PROVIDER: "Citadel", CA_ADDR: "istio-citadel:8060", VALID_TOKEN: true },
      },
      gateways: { "istio-ingressgateway": { enabled: true } },
    });
  });

  test("istio.values are a second document of the istio chart", () => {
    const custom = releases(
      synthInstall({ version: "1.4.10", values: { global: { mtls: { enabled: false } } } }).stack,
    );
    expect(custom.istio.values).toHaveLength(2);
    expect(parseYaml(custom.istio.values[1])).toEqual({ global: { mtls: { enabled: false } } });
  });

  test("a synth-time warning names the removed Kubernetes APIs and the current alternative", () => {
    expect(warnings(install)).toEqual([legacyChartsWarning("1.4.10")]);
    expect(legacyChartsWarning("1.3.3")).toBe(
      "istio.version 1.3.3 uses the legacy Istio charts (istio-init, istio), which use Kubernetes APIs removed in 1.22 and 1.25 (apiextensions.k8s.io/v1beta1 CRDs, PodSecurityPolicy): they install only on clusters older than 1.22. Use the current charts instead: istio.version 1.31.1 (base, istiod, gateway).",
    );
  });
});

describe("IstioHelmInstall validation", () => {
  test.each([
    [
      "1.7.0",
      "'version': Istio 1.5 to 1.11 have no chart layout this app installs; supported: 1.3.x or 1.4.x (legacy charts istio-init and istio), or 1.12.x to 1.31.x (current charts base, istiod, gateway), such as '1.31.1', got '1.7.0'",
    ],
    [
      "1.30",
      "'version': must be an exact Istio version MAJOR.MINOR.PATCH; supported: 1.3.x or 1.4.x (legacy charts istio-init and istio), or 1.12.x to 1.31.x (current charts base, istiod, gateway), such as '1.31.1', got '1.30'",
    ],
    [
      "2.0.0",
      "'version': not a supported Istio version; supported: 1.3.x or 1.4.x (legacy charts istio-init and istio), or 1.12.x to 1.31.x (current charts base, istiod, gateway), such as '1.31.1', got '2.0.0'",
    ],
  ])("version %s is refused", (version, message) => {
    expect(() => synthInstall({ version })).toThrow(message);
  });

  test("a profile other than default needs the legacy charts", () => {
    expect(() => synthInstall({ version: "1.30.5", profile: "demo" })).toThrow(
      "'profile' applies to the legacy charts (1.3.x, 1.4.x) only, got 'demo' with version '1.30.5'; put such settings in 'values'",
    );
    // The default profile, named, is the current charts' own default: accepted.
    expect(
      releases(synthInstall({ version: "1.30.5", profile: "default" }).stack).istiod.values,
    ).toEqual(releases(synthInstall({ version: "1.30.5" }).stack).istiod.values);
  });

  test("1.3.x with a gateway is refused: its chart does not render under Helm 3", () => {
    expect(() => synthInstall({ version: "1.3.3" })).toThrow(
      `'version': '1.3.3' cannot render under Helm 3 with a gateway enabled, got istio-ingressgateway (enabled by 'ingressGateway', default true): the 1.3 istio chart's gateways role.yaml and rolebindings.yaml use '($spec.sds) and ...', which Helm 3 refuses ("can't give argument to non-function $spec.sds"); use 'version' '1.4.10' (same charts and values, renders), or set 'ingressGateway': false`,
    );
    expect(() =>
      synthInstall({
        version: "1.3.3",
        ingressGateway: false,
        values: { gateways: { "istio-egressgateway": { enabled: true } } },
      }),
    ).toThrow(
      "got istio-egressgateway (enabled by 'values'.gateways.istio-egressgateway.enabled): ",
    );
    expect(() =>
      synthInstall({ version: "1.3.3", profile: "demo", ingressGateway: false }),
    ).toThrow(
      /got istio-egressgateway \(enabled by 'profile' 'demo'\): .* or use 'profile' 'default'$/,
    );
    expect(() => synthInstall({ version: "1.3.3", ingressGateway: false })).not.toThrow();
    expect(() => synthInstall({ version: "1.3.3", profile: "minimal" })).not.toThrow();
  });

  test("a values key that the chart neither declares nor reads is a synth warning", () => {
    const { install: current } = synthInstall({ values: { pilot: {}, pilott: {} } });
    expect(warnings(current)).toEqual([
      "istio.values key 'pilott' is neither declared nor read by chart istiod 1.31: Helm ignores it; check its spelling against the chart's values.yaml",
    ]);
    const { install: legacy } = synthInstall({ version: "1.4.10", values: { mixr: {} } });
    expect(warnings(legacy)).toContain(
      "istio.values key 'mixr' is neither declared nor read by chart istio 1.4: Helm ignores it; check its spelling against the chart's values.yaml",
    );
  });

  test("mtls and profile are checked", () => {
    expect(() => synthInstall({ mtls: "OFF" as never })).toThrow(
      `'mtls' must be "STRICT" or "PERMISSIVE", got 'OFF'`,
    );
    // The legacy charts have no PeerAuthentication release to check it again.
    expect(() => synthInstall({ version: "1.4.10", mtls: "OFF" as never })).toThrow(
      `'mtls' must be "STRICT" or "PERMISSIVE", got 'OFF'`,
    );
    expect(() => synthInstall({ version: "1.3.3", profile: "tiny" as never })).toThrow(
      "'profile' must be one of default, demo, minimal, sds, got 'tiny'",
    );
  });
});

describe("IstioHelmInstall, ambient data plane", () => {
  test("adds istio-cni and ztunnel between istiod and the gateway", () => {
    const { stack, install } = synthInstall({ version: "1.24.0", dataplane: "ambient" });
    // Construct ids are Terraform addresses: the sidecar releases keep theirs.
    expect(install.releases.map((r) => r.node.id)).toEqual([
      "Base",
      "Istiod",
      "Cni",
      "Ztunnel",
      "Gateway",
    ]);
    expect(install.nodeAgents).toBe(install.releases[3]);
    expect(releases(stack)["istio-ingress"].depends_on).toContain(addressOf(stack, "ztunnel"));
    const byName = releases(stack);
    const global = { platform: "gke", hub: "docker.io/istio" };
    for (const [name, chart, values] of [
      ["istio-cni", "cni", [{ profile: "ambient", global }]],
      [
        "ztunnel",
        "ztunnel",
        [
          { global: { platform: "gke" }, hub: "docker.io/istio" },
          { updateStrategy: { type: "OnDelete", rollingUpdate: null } },
        ],
      ],
      ["istiod", "istiod", [{ profile: "ambient", global }, ISTIOD_HA]],
    ] as const) {
      expect([
        name,
        byName[name].chart,
        byName[name].values.map((v: string) => parseYaml(v)),
      ]).toEqual([name, chart, values]);
    }
    expect([byName["istio-cni"].timeout, byName.ztunnel.timeout]).toEqual([1800, 1800]);
    expect(byName["istio-cni"].depends_on).toContain(addressOf(stack, "istiod"));
    expect(byName.ztunnel.depends_on).toContain(addressOf(stack, "istio-cni"));
  });

  test("sidecar, the default, installs no node agent", () => {
    const { install } = synthInstall({ version: "1.30.5", dataplane: "sidecar" });
    expect(install.nodeAgents).toBeUndefined();
    expect(install.releases.map((r) => r.node.id)).toEqual(["Base", "Istiod", "Gateway"]);
  });

  test.each<[IstioHelmInstallProps, string]>([
    [
      { version: "1.23.6", dataplane: "ambient" },
      "'dataplane' ambient needs version 1.24.0 or later (current charts with ztunnel), got version '1.23.6'",
    ],
    [
      {
        dataplane: "ambient",
        revisions: {
          revisions: [{ name: "1-30-5", version: "1.30.5" }],
          defaultRevision: "1-30-5",
        },
      },
      "'dataplane' ambient and 'revisions' exclude each other (revisioned ambient installs are not supported), got 1 revisions",
    ],
    [
      { version: "1.30.5", dataplane: "sidecarless" as never },
      `'dataplane' must be "sidecar" or "ambient", got 'sidecarless'`,
    ],
  ])("refuses %j", (props, message) => {
    expect(() => synthInstall(props)).toThrow(message);
  });
});

describe("IstioHelmInstall, chart repository and image registry", () => {
  /** The registry our values document gives a chart (its first; istio.values come after). */
  const hubOf = (release: TerraformJson) => {
    const ours = parseYaml(release.values[0]);
    return "hub" in ours ? { hub: ours.hub } : { global: { hub: ours.global?.hub } };
  };

  test("by default every chart comes from blob.istio.io, every image from docker.io/istio", () => {
    const { stack, install } = synthInstall({ dataplane: "ambient" });
    const byName = releases(stack);
    expect([install.chartRepository, install.hub]).toEqual([
      "https://blob.istio.io/istio-release/charts",
      "docker.io/istio",
    ]);
    for (const name of ["istio-base", "istiod", "istio-cni", "ztunnel", "istio-ingress"])
      expect(byName[name].repository).toBe("https://blob.istio.io/istio-release/charts");
    // Our own values and hub in one document, then the availability document (output/hcl-output.ts
    // writes a list of several multi-line documents as valid HCL: generated-hcl.test.ts).
    expect(byName.istiod.values).toHaveLength(2);
    expect(hubOf(byName.istiod)).toEqual({ global: { hub: "docker.io/istio" } });
    expect(hubOf(byName["istio-cni"])).toEqual({ global: { hub: "docker.io/istio" } });
    expect(hubOf(byName.ztunnel)).toEqual({ hub: "docker.io/istio" });
    // The gateway's image is `auto` (injected from istiod's hub), base has none.
    expect(byName["istio-ingress"].values ?? []).not.toContainEqual(
      expect.stringContaining("hub:"),
    );
    expect(byName["istio-base"].values).toEqual(["defaultRevision: default\n"]);
  });

  test("a mirror: chartRepository (OCI too) and hub reach every release", () => {
    const chartRepository = "oci://europe-docker.pkg.dev/acme/istio-charts";
    const hub = "europe-docker.pkg.dev/acme/istio";
    const { stack } = synthInstall({ chartRepository, hub, dataplane: "ambient" });
    const byName = releases(stack);
    for (const release of resourcesOf(stack, "helm_release").filter((r) => r.repository))
      expect(release.repository).toBe(chartRepository);
    expect(hubOf(byName.istiod)).toEqual({ global: { hub } });
    expect(hubOf(byName.ztunnel)).toEqual({ hub });
  });

  test("legacy charts: the release's folder of Istio's archive, and the hub on both charts", () => {
    const { stack, install } = synthInstall({ version: "1.4.10" });
    expect(install.chartRepository).toBe(
      "https://blob.istio.io/istio-release/releases/1.4.10/charts/",
    );
    for (const release of resourcesOf(stack, "helm_release"))
      expect(hubOf(release)).toEqual({ global: { hub: "docker.io/istio" } });
    const mirrored = synthInstall({ version: "1.4.10", chartRepository: "https://m.example/i" });
    expect(mirrored.install.chartRepository).toBe("https://m.example/i");
  });

  test.each([
    ["chartRepository", "https://istio-release.storage.googleapis.com/charts"],
    ["chartRepository", "https://storage.googleapis.com/istio-release/releases/1.4.10/charts/"],
    ["hub", "gcr.io/istio-release"],
    ["hub", "registry.istio.io/release"],
  ] as const)("a retired host in '%s' is refused: %s", (prop, value) => {
    expect(() => synthInstall({ [prop]: value })).toThrow(
      new RegExp(
        `^'${prop}' names .*, which Istio retires by 2026-12-31, got '${value.replace(/[.]/g, "\\.")}'; use a mirror or the default$`,
      ),
    );
  });
});
