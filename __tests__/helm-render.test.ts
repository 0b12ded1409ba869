import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { helmBinary } from "../dev/helm-binary";
import { loadConfig } from "../config/load";
import { ISTIO_HUB, RETIRED_HOSTS } from "../facts/istio-hosting";
import { TEST_CACHE_ENV } from "./shared-synth";
import { rememberedResultOf } from "./remembered-results";
import { chartTopLevelKeys } from "../upstream/chart-keys";
import {
  helmOnChart,
  imagesOf,
  K8sObject,
  chartKeysRemembered,
  contentOfChart,
  parseManifest,
  parsedManifestOf,
  PROJECT_ROOT,
  renderStack,
  renderStacks,
  RenderOptions,
  RenderResult,
  SHARED_CHARTS,
  synthFiles,
} from "./helm-render";

// Every helm_release of the default environment file and of every example renders with the
// real Helm 3 (what the helm provider embeds), against the chart it pins (or the nearest patch
// of the same minor, said in the test name), with no object on an API its Kubernetes removed.
// One synth per file, all at once, shared by every assertion and with the other test files.
const FILES = [
  "config/environments.yaml",
  ...fs
    .readdirSync(path.join(PROJECT_ROOT, "examples"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `examples/${f}`),
];
const runs = synthFiles(FILES);
const rendered = new Map(
  FILES.map((file) => {
    const run = runs.get(file)!;
    return [file, run.status === 0 ? renderStacks(run.outdir) : []] as const;
  }),
);

const label = (r: RenderResult) =>
  `${r.stack} ${r.name} (${r.chart.startsWith("assets/") ? "local chart" : `${r.chart}@${r.version}`})` +
  (r.note && !r.chart.startsWith("assets/") ? ` [${r.note}]` : "");

describe.each(FILES)("%s", (file) => {
  const results = rendered.get(file)!;

  test("synthesizes", () => {
    const run = runs.get(file)!;
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  });

  const renders = results.filter((r) => r.status !== "skip");
  for (const r of results.filter((r) => r.status === "skip")) {
    console.warn(`helm render skipped: ${file} ${label(r)}: ${r.detail}`);
    test.skip(`${label(r)} renders (skipped: ${r.detail})`, () => undefined);
  }
  if (renders.length > 0) {
    test.each(renders.map((r) => [label(r), r] as const))("%s renders", (_, r) => {
      expect({ status: r.status, detail: r.detail }).toEqual({
        status: "ok",
        detail: expect.stringMatching(/^\d+ objects$/),
      });
      expect(r.warnings).toEqual([]);
    });
  }
});

/**
 * Images that are not Istio's: the legacy charts' add-ons (Prometheus and the demo profile's
 * Grafana, Kiali, Jaeger) come from their projects' own registries, which Istio never hosted.
 */
const LEGACY_ADD_ONS = /^(docker\.io\/prom|grafana|quay\.io\/kiali|docker\.io\/jaegertracing)\//;

describe.each(FILES)("every Istio image of %s comes from its configured hub", (file) => {
  const hubs = new Map(
    loadConfig(file, undefined, {}).environments.map((e) => [
      `${e.name}-mesh`,
      e.istio?.hub ?? ISTIO_HUB,
    ]),
  );
  const renders = rendered.get(file)!.filter((r) => r.status === "ok");
  const withImages = renders.filter((r) => imagesOf(r.manifest).length > 0);
  const oss = loadConfig(file, undefined, {}).environments.filter((e) => e.mode === "oss");

  test("an oss environment's control plane renders images; other modes install none of ours", () => {
    const charts = withImages.map((r) => r.chart);
    if (oss.length === 0 || renders.length === 0) expect(charts).toEqual([]);
    else expect(charts).toEqual(expect.arrayContaining([expect.stringMatching(/^istiod?$/)]));
  });
  if (withImages.length === 0) return;

  test.each(withImages.map((r) => [label(r), r] as const))("%s", (_, r) => {
    const hub = hubs.get(r.stack)!;
    const images = imagesOf(r.manifest).filter((i) => !LEGACY_ADD_ONS.test(i));
    // The gateway's `image: auto` is injected by istiod, from istiod's hub (checked above).
    const expected =
      r.chart === "gateway"
        ? ["auto"]
        : images.map(() => expect.stringMatching(new RegExp(`^${hub.replace(/\./g, "\\.")}/`)));
    expect(images).toEqual(expected);
    expect(images.length).toBeGreaterThan(0);
  });

  const istiods = withImages.filter((r) => r.chart === "istiod");
  if (istiods.length > 0) {
    test.each(istiods.map((r) => [label(r), r] as const))(
      "%s: injected proxies and gateways take the same hub",
      (_, r) => {
        const injector = parseManifest(r.manifest).find(
          (o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("istio-sidecar-injector"),
        );
        expect(JSON.parse(injector?.data.values).global.hub).toBe(hubs.get(r.stack));
      },
    );
  }
});

describe.each(FILES)("no synthesized file of %s names a retired host", (file) => {
  const files = () => {
    const dir = runs.get(file)!.outdir;
    return (fs.readdirSync(dir, { recursive: true }) as string[])
      .map((f) => path.join(dir, f))
      .filter((f) => fs.statSync(f).isFile());
  };
  test.each(RETIRED_HOSTS.map((h) => [h.prefix] as const))("%s", (prefix) => {
    const all = files();
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((f) => fs.readFileSync(f, "utf8").includes(prefix))).toEqual([]);
  });
});

/** The objects of release `name` in stack `stack` of `file` (the default file unless named). */
function objectsOf(stack: string, name: string, file = "config/environments.yaml"): K8sObject[] {
  const r = rendered.get(file)!.find((x) => x.stack === stack && x.name === name);
  expect(r?.status).toBe("ok");
  return parseManifest(r!.manifest);
}
/** The seed article's legacy OSS path, which renders only for old Kubernetes versions. */
const LEGACY = "examples/article-oss-legacy.yaml";
/**
 * `test` when every named release (`stack name`, of `file`) rendered, else `test.skip` with
 * the first release's reason in the test's name: without Istio's charts (no `../shared`, no
 * network) a release is skipped, and so is every check of what it renders.
 */
const rendered_ = (releases: string[], file = "config/environments.yaml") => {
  const skipped = rendered
    .get(file)!
    .find((r) => r.status === "skip" && releases.includes(`${r.stack} ${r.name}`));
  return testUnless(skipped && `${skipped.name}: ${skipped.detail}`);
};
/** `test`, or `test.skip` with `reason` in the test's name when there is one. */
function testUnless(reason: string | undefined) {
  return (name: string, fn: () => void) =>
    reason ? test.skip(`${name} (skipped: ${reason})`, fn) : test(name, fn);
}
/** The planted checks use Istio's packaged charts: without them they are skipped, with the reason. */
const noCharts = `no charts folder ${path.relative(PROJECT_ROOT, SHARED_CHARTS)}`;
const withCharts = testUnless(fs.existsSync(SHARED_CHARTS) ? undefined : noCharts);
if (!fs.existsSync(SHARED_CHARTS)) console.warn(`planted render checks skipped: ${noCharts}`);
const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata?.name === name);
const names = (objects: K8sObject[], kind: string) =>
  objects
    .filter((o) => o.kind === kind)
    .map((o) => o.metadata.name)
    .sort();

describe("what the default file's releases contain", () => {
  test("every release of the default file is found and rendered", () => {
    expect(rendered.get("config/environments.yaml")!.map((r) => `${r.stack} ${r.name}`)).toEqual([
      "ambient-mesh istio-base",
      "ambient-mesh istio-cni",
      "ambient-mesh istio-ingress",
      "ambient-mesh istiod",
      "ambient-mesh istio-mesh-policy",
      "ambient-mesh ztunnel",
      "ambient-mesh kept-namespaces",
      "ambient-mesh istio-waypoint",
      "csm-mesh istio-mesh-policy",
      "csm-mesh kept-namespaces",
      "mesh-mesh istio-base",
      "mesh-mesh istio-ingress",
      "mesh-mesh istiod",
      "mesh-mesh istio-mesh-policy",
    ]);
  });

  rendered_(["mesh-mesh istiod"])("the istiod Deployment runs with the GKE platform", () => {
    const istiod = find(objectsOf("mesh-mesh", "istiod"), "Deployment", "istiod");
    const env = istiod?.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: "PLATFORM", value: "gke" });
  });

  rendered_(["mesh-mesh istio-base"])("the base chart's CRDs are there", () => {
    const crds = names(objectsOf("mesh-mesh", "istio-base"), "CustomResourceDefinition");
    expect(crds).toEqual(
      expect.arrayContaining([
        "authorizationpolicies.security.istio.io",
        "destinationrules.networking.istio.io",
        "gateways.networking.istio.io",
        "peerauthentications.security.istio.io",
        "virtualservices.networking.istio.io",
      ]),
    );
  });

  rendered_(["mesh-mesh istio-ingress"])(
    "the ingress gateway has its LoadBalancer Service in istio-ingress",
    () => {
      const service = find(objectsOf("mesh-mesh", "istio-ingress"), "Service", "istio-ingress");
      expect(service).toMatchObject({
        metadata: { namespace: "istio-ingress" },
        spec: { type: "LoadBalancer" },
      });
    },
  );

  test("the mesh-wide PeerAuthentication carries the configured mode (STRICT)", () => {
    for (const stack of ["mesh-mesh", "csm-mesh"]) {
      const policy = find(objectsOf(stack, "istio-mesh-policy"), "PeerAuthentication", "default");
      expect(policy).toMatchObject({
        metadata: { namespace: "istio-system" },
        spec: { mtls: { mode: "STRICT" } },
      });
    }
  });

  test("an example's PERMISSIVE reaches its PeerAuthentication, and no gateway without one", () => {
    const file = "examples/oss-on-an-existing-network.yaml";
    const policy = find(
      objectsOf("shared-vpc-mesh", "istio-mesh-policy", file),
      "PeerAuthentication",
      "default",
    );
    expect(policy?.spec).toEqual({ mtls: { mode: "PERMISSIVE" } });
    expect(rendered.get(file)!.map((r) => r.chart)).not.toContain("gateway");
  });

  test("the legacy releases are the article's two, in the example that keeps them", () => {
    expect(rendered.get(LEGACY)!.map((r) => `${r.stack} ${r.name}`)).toEqual([
      "oss-mesh istio",
      "oss-mesh istio-init",
    ]);
  });

  rendered_(["oss-mesh istio-init"], LEGACY)(
    "istio-init: the article's 23 Istio CRDs, applied by Jobs that the release waits for",
    () => {
      const init = objectsOf("oss-mesh", "istio-init", LEGACY);
      const crds = init
        .filter((o) => o.kind === "ConfigMap")
        .flatMap((o) => Object.values<string>(o.data ?? {}))
        .join("\n")
        .match(/^kind: CustomResourceDefinition$/gm);
      expect(crds).toHaveLength(23);
      expect(names(init, "Job")).toHaveLength(3);
    },
  );

  rendered_(["oss-mesh istio"], LEGACY)(
    "istio: the default profile's control plane, ingress gateway and injector",
    () => {
      const istio = objectsOf("oss-mesh", "istio", LEGACY);
      expect(names(istio, "Deployment")).toEqual([
        "istio-citadel",
        "istio-galley",
        "istio-ingressgateway",
        "istio-pilot",
        "istio-policy",
        "istio-sidecar-injector",
        "istio-telemetry",
        "prometheus",
      ]);
      expect(find(istio, "Service", "istio-ingressgateway")?.spec.type).toBe("LoadBalancer");
      expect(find(istio, "MutatingWebhookConfiguration", "istio-sidecar-injector")).toBeDefined();
      // PERMISSIVE: the mesh policy that Citadel's post-install Job applies.
      const security = find(istio, "ConfigMap", "istio-security-custom-resources");
      expect(security?.data["custom-resources.yaml"]).toMatch(
        /kind: "MeshPolicy"[\s\S]*mode: PERMISSIVE/,
      );
    },
  );
});

/* eslint-disable @typescript-eslint/no-explicit-any -- Terraform JSON, planted by hand */
describe("what the default file's ambient environment renders (docs/ambient.md)", () => {
  rendered_(["ambient-mesh istio-cni"])(
    "the cni DaemonSet mounts GKE's CNI bin dir /home/kubernetes/bin",
    () => {
      const cni = find(objectsOf("ambient-mesh", "istio-cni"), "DaemonSet", "istio-cni-node");
      const hostPaths = cni?.spec.template.spec.volumes.map((v: K8sObject) => v.hostPath?.path);
      expect(hostPaths).toContain("/home/kubernetes/bin");
      expect(hostPaths).not.toContain("/opt/cni/bin");
    },
  );

  rendered_(["ambient-mesh istio-cni", "ambient-mesh ztunnel"])(
    "the cni and ztunnel ResourceQuotas let their system-node-critical pods run",
    () => {
      for (const release of ["istio-cni", "ztunnel"]) {
        const objects = objectsOf("ambient-mesh", release);
        const [quota] = objects.filter((o) => o.kind === "ResourceQuota");
        expect(quota?.spec.scopeSelector.matchExpressions).toEqual([
          { operator: "In", scopeName: "PriorityClass", values: ["system-node-critical"] },
        ]);
        const [daemonSet] = objects.filter((o) => o.kind === "DaemonSet");
        expect(daemonSet.spec.template.spec.priorityClassName).toBe("system-node-critical");
      }
    },
  );

  rendered_(["ambient-mesh istiod"])("istiod carries the ambient profile's settings", () => {
    const objects = objectsOf("ambient-mesh", "istiod");
    const env = find(objects, "Deployment", "istiod")?.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: "PILOT_ENABLE_AMBIENT", value: "true" });
    const mesh = parseYaml(find(objects, "ConfigMap", "istio")?.data.mesh);
    expect(mesh.defaultConfig.proxyMetadata).toMatchObject({ ISTIO_META_ENABLE_HBONE: "true" });
  });

  rendered_(["ambient-mesh istio-waypoint"])(
    "the waypoint chart renders a Gateway of class istio-waypoint in its namespace",
    () => {
      expect(objectsOf("ambient-mesh", "istio-waypoint")).toEqual([
        {
          apiVersion: "gateway.networking.k8s.io/v1",
          kind: "Gateway",
          metadata: {
            name: "waypoint",
            namespace: "shop",
            labels: { "istio.io/waypoint-for": "service" },
          },
          spec: {
            gatewayClassName: "istio-waypoint",
            listeners: [{ name: "mesh", port: 15008, protocol: "HBONE" }],
          },
        },
      ]);
    },
  );

  rendered_([
    "ambient-mesh istio-cni",
    "ambient-mesh ztunnel",
    "ambient-mesh istio-waypoint",
    "ambient-mesh istiod",
  ])("ambient adds no webhook, APIService or Service the control plane would call", () => {
    // Why the private-cluster firewall needs no port beyond istiod's 15017.
    for (const release of ["istio-cni", "ztunnel", "istio-waypoint"]) {
      const kinds = objectsOf("ambient-mesh", release).map((o) => o.kind);
      expect(kinds.filter((k) => /WebhookConfiguration|APIService|^Service$/.test(k))).toEqual([]);
    }
    const istiod = objectsOf("ambient-mesh", "istiod");
    const webhookPorts = istiod
      .filter((o) => /WebhookConfiguration$/.test(o.kind))
      .flatMap((o) => o.webhooks.map((w: K8sObject) => w.clientConfig.service))
      .map((svc: K8sObject) => `${svc.name}:${svc.port ?? 443}`);
    expect([...new Set(webhookPorts)]).toEqual(["istiod:443"]);
    const service = find(istiod, "Service", "istiod");
    expect(service?.spec.ports.find((p: K8sObject) => p.port === 443).targetPort).toBe(15017);
  });
});

describe("each check can fail", () => {
  /** The default file's stacks, and the legacy example's `oss-mesh`. */
  const stackDir = (stack: string) =>
    path.join(
      runs.get(stack === "oss-mesh" ? LEGACY : "config/environments.yaml")!.outdir,
      "stacks",
      stack,
    );
  const tfOf = (stack: string) =>
    JSON.parse(fs.readFileSync(path.join(stackDir(stack), "cdk.tf.json"), "utf8"));
  /** One stack's releases, after `plant` changed the release named `name`. */
  function renderPlanted(
    stack: string,
    name: string,
    plant: (release: any) => void,
    options?: RenderOptions,
  ) {
    const releases = tfOf(stack).resource.helm_release;
    const id = Object.keys(releases).find((k) => releases[k].name === name)!;
    plant(releases[id]);
    const tf = { resource: { helm_release: { [id]: releases[id] } } };
    return renderStack(stack, tf, stackDir(stack), options)[0];
  }

  withCharts("a value the gateway chart's schema refuses", () => {
    const r = renderPlanted("mesh-mesh", "istio-ingress", (release) => {
      release.values = ["replicas: 2\n"]; // the chart's key is replicaCount
    });
    expect(r.status).toBe("fail");
    expect(r.detail).toMatch(/values don't meet the specifications of the schema/);
  });

  withCharts("a template error (the 1.3 chart with its ingress gateway)", () => {
    const r = renderPlanted("oss-mesh", "istio", (release) => {
      release.version = "1.3.3";
      release.repository = release.repository.replace("1.4.10", "1.3.3");
    });
    expect(r.status).toBe("fail");
    expect(r.detail).toContain("can't give argument to non-function $spec.sds");
  });

  withCharts("an object on an API the target Kubernetes removed", () => {
    const r = renderPlanted("oss-mesh", "istio", () => undefined, {
      legacyKubeVersion: "1.25.0-gke.100",
    });
    expect(r.status).toBe("fail");
    expect(r.detail).toContain(
      "PodDisruptionBudget istio-galley uses policy/v1beta1, removed in Kubernetes 1.25",
    );
  });

  withCharts("a value the chart neither declares nor reads is a warning", () => {
    const r = renderPlanted("mesh-mesh", "istiod", (release) => {
      release.values = [...release.values, "pilott:\n  autoscaleMin: 2\n"];
    });
    expect(r.status).toBe("ok");
    expect(r.warnings).toEqual(["value 'pilott' is neither declared nor read by the chart"]);
  });

  withCharts("a retired repository is a warning", () => {
    const r = renderPlanted("mesh-mesh", "istio-base", (release) => {
      release.repository = "https://istio-release.storage.googleapis.com/charts";
    });
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^repository https:\/\/istio-release\.storage\.googleapis\.com\/charts is retired: /,
      ),
    ]);
  });

  withCharts("an image left on the chart's default hub is a warning", () => {
    const r = renderPlanted("ambient-mesh", "ztunnel", (release) => {
      release.values = release.values.map((v: string) => v.replace(/^hub: .*\n/m, ""));
    });
    expect(r.status).toBe("ok");
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^image \S+\/ztunnel:\S+ comes from a chart's default or a retired hub/,
      ),
    ]);
  });

  // Renders are remembered by content: the same chart, values and flags read back the same
  // manifest; anything different renders again; a failure is never remembered.
  withCharts("the render cache keeps successful renders only, by content", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helm-render-cache-"));
    const saved = process.env.GKE_ISTIO_HELM_RENDER_CACHE;
    process.env.GKE_ISTIO_HELM_RENDER_CACHE = dir;
    try {
      const cached = () => fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"));
      const first = renderPlanted("mesh-mesh", "istiod", () => undefined);
      expect(first.status).toBe("ok");
      expect(cached()).toHaveLength(1);
      const again = renderPlanted("mesh-mesh", "istiod", () => undefined);
      expect(again).toEqual(first);
      expect(cached()).toHaveLength(1);
      // Another Kubernetes version, another value: rendered again.
      renderPlanted("mesh-mesh", "istiod", () => undefined, { kubeVersion: "1.32.0" });
      expect(cached()).toHaveLength(2);
      const changed = renderPlanted("mesh-mesh", "istiod", (release) => {
        release.values = [...release.values, "pilot:\n  autoscaleMin: 3\n"];
      });
      expect(changed.manifest).not.toEqual(first.manifest);
      expect(cached()).toHaveLength(3);
      const refused = renderPlanted("mesh-mesh", "istio-ingress", (release) => {
        release.values = ["replicas: 2\n"];
      });
      expect(refused.status).toBe("fail");
      expect(cached()).toHaveLength(3);
    } finally {
      if (saved === undefined) delete process.env.GKE_ISTIO_HELM_RENDER_CACHE;
      else process.env.GKE_ISTIO_HELM_RENDER_CACHE = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a local chart that is not beside the stack", () => {
    const r = renderPlanted("mesh-mesh", "istio-mesh-policy", (release) => {
      release.chart = "assets/missing";
    });
    expect(r).toMatchObject({
      status: "fail",
      detail: "local chart assets/missing not found beside the stack",
    });
  });

  withCharts("a minor with no chart at hand is skipped, with the reason", () => {
    const r = renderPlanted("mesh-mesh", "istiod", (release) => {
      release.version = "1.12.9";
    });
    expect(r).toMatchObject({ status: "skip", detail: "no local copy of chart istiod 1.12.x" });
  });

  test("a repository with no local copy that cannot be reached is skipped, with the reason", () => {
    const r = renderPlanted("mesh-mesh", "istiod", (release) => {
      release.repository = "https://charts.example.invalid/istio";
    });
    expect(r).toMatchObject({
      status: "skip",
      detail: "repository https://charts.example.invalid/istio unreachable and no local copy of it",
    });
  });

  test("an unreachable host is noted for the whole jest run: other test files do not try it again", () => {
    const saved = process.env[TEST_CACHE_ENV];
    const run = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-jest-test-"));
    process.env[TEST_CACHE_ENV] = run;
    try {
      const r = renderPlanted("mesh-mesh", "istiod", (release) => {
        release.repository = "https://other.example.invalid/istio";
      });
      expect(r).toMatchObject({ status: "skip" });
      expect(fs.readdirSync(path.join(run, "unreachable"))).toEqual(["other.example.invalid"]);
    } finally {
      if (saved === undefined) delete process.env[TEST_CACHE_ENV];
      else process.env[TEST_CACHE_ENV] = saved;
      fs.rmSync(run, { recursive: true, force: true });
    }
  });
});

describe("helm pull, when a repository serves the pinned chart", () => {
  // A chart repository on localhost (another process: helm runs synchronously), serving
  // Istio's istiod 1.30.3 chart with an index written by `helm repo index`.
  const haveCharts = fs.existsSync(path.join(SHARED_CHARTS, "istiod-1.30.3.tgz"));
  const maybe = testUnless(haveCharts ? undefined : "no istiod-1.30.3.tgz in the charts folder");
  // Made in beforeAll: jest runs no hook of a block whose tests are all skipped.
  let dir = "";
  let server: cp.ChildProcess | undefined;
  let repository = "";

  beforeAll(async () => {
    if (!haveCharts) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "helm-repo-"));
    fs.mkdirSync(path.join(dir, "repo"));
    fs.copyFileSync(
      path.join(SHARED_CHARTS, "istiod-1.30.3.tgz"),
      path.join(dir, "repo", "istiod-1.30.3.tgz"),
    );
    const serve = `const http = require("http"), fs = require("fs"), path = require("path");
      const s = http.createServer((q, r) => fs.readFile(path.join(process.argv[1], path.basename(q.url)),
        (e, b) => { r.statusCode = e ? 404 : 200; r.end(e ? "" : b); }));
      s.listen(0, "127.0.0.1", () => console.log(s.address().port));`;
    server = cp.spawn(process.execPath, ["-e", serve, path.join(dir, "repo")]);
    const port = await new Promise<string>((resolve) =>
      server!.stdout!.once("data", (d) => resolve(String(d).trim())),
    );
    repository = `http://127.0.0.1:${port}`;
    const index = cp.spawnSync(helmBinary(), ["repo", "index", path.join(dir, "repo")]);
    expect(index.status).toBe(0);
    process.env.HELM_RENDER_CACHE = path.join(dir, "cache");
  });
  afterAll(() => {
    server?.kill();
    delete process.env.HELM_RENDER_CACHE;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const release = (version: string) => ({
    resource: {
      helm_release: {
        Istiod: { name: "istiod", namespace: "istio-system", chart: "istiod", repository, version },
      },
    },
  });

  maybe("renders the exact pinned chart, pulled once into the cache", () => {
    const [r] = renderStack("s", release("1.30.3"), dir);
    expect(r).toMatchObject({ status: "ok", note: "" });
    expect(fs.readdirSync(path.join(dir, "cache", encodeURIComponent(repository)))).toEqual([
      "istiod-1.30.3.tgz",
    ]);
  });

  maybe("fails a version the repository does not hold, as the helm provider would", () => {
    const [r] = renderStack("s", release("1.30.4"), dir);
    expect(r.status).toBe("fail");
    expect(r.detail).toMatch(/^helm pull: .*istiod.*1\.30\.4.*not found/);
  });
});

describe("helmOnChart: a chart test's Helm run, remembered by content", () => {
  const saved = process.env.GKE_ISTIO_HELM_RENDER_CACHE;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "helm-on-chart-"));
  const chart = path.join(root, "chart");
  beforeAll(() => {
    process.env.GKE_ISTIO_HELM_RENDER_CACHE = path.join(root, "cache");
    fs.mkdirSync(chart);
    fs.writeFileSync(path.join(chart, "Chart.yaml"), "name: c\nversion: 1.0.0\n");
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.GKE_ISTIO_HELM_RENDER_CACHE;
    else process.env.GKE_ISTIO_HELM_RENDER_CACHE = saved;
    fs.rmSync(root, { recursive: true, force: true });
  });
  let runs = 0;
  const answer = (status: number) => () => {
    runs++;
    return { status, stdout: `rendered ${chart} ${runs}`, stderr: "" };
  };

  test("a success is remembered (the chart's path put back); a refusal runs every time", () => {
    const first = helmOnChart(["template", "x", chart], chart, undefined, answer(0));
    expect(helmOnChart(["template", "x", chart], chart, undefined, answer(0))).toEqual(first);
    expect(first.stdout).toBe(`rendered ${chart} 1`);
    expect(runs).toBe(1);
    helmOnChart(["lint", chart], chart, undefined, answer(1));
    helmOnChart(["lint", chart], chart, undefined, answer(1));
    expect(runs).toBe(3);
  });

  test("a rendered manifest's objects are remembered as JSON, each call with objects of its own", () => {
    const manifest =
      "---\n# Source: c/x.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n";
    const file = parsedManifestOf(manifest);
    expect(file.startsWith(path.join(root, "cache"))).toBe(true);
    const first = parseManifest(manifest);
    expect(first).toEqual([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }]);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(first);
    const second = parseManifest(manifest);
    expect(second).toEqual(first);
    expect(second[0]).not.toBe(first[0]);
    fs.writeFileSync(file, '[{"kind":"Planted"}]');
    expect(parseManifest(manifest)).toEqual([{ kind: "Planted" }]);
    expect(parsedManifestOf(`${manifest}\n`)).not.toBe(file);
  });

  test("a chart's keys are the app's, remembered by the chart's content", () => {
    const local = path.join(PROJECT_ROOT, "charts", "istio-waypoint");
    const keys = chartKeysRemembered(local);
    expect(keys).toEqual(chartTopLevelKeys(local));
    expect(keys.length).toBeGreaterThan(0);
    const file = rememberedResultOf("chartTopLevelKeys", contentOfChart(local));
    if (!file) return; // nothing is remembered in this run (GKE_ISTIO_SYNTH_CACHE=off, Stryker)
    const kept = fs.readFileSync(file, "utf8");
    try {
      fs.writeFileSync(file, '["planted"]');
      expect(chartKeysRemembered(local)).toEqual(["planted"]);
    } finally {
      fs.writeFileSync(file, kept);
    }
  });

  test("another argument, input or chart file runs Helm again", () => {
    const before = runs;
    helmOnChart(["template", "x", chart, "--set", "a=1"], chart, undefined, answer(0));
    helmOnChart(["template", "x", chart], chart, "a: 1\n", answer(0));
    fs.writeFileSync(path.join(chart, "values.yaml"), "a: 2\n");
    helmOnChart(["template", "x", chart], chart, undefined, answer(0));
    expect(runs).toBe(before + 3);
  });
});
