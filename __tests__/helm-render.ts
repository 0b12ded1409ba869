import * as cp from "child_process";
import * as crypto from "crypto";
import { synthFilesOnceSync, TEST_CACHE_ENV } from "./shared-synth";
import { recall, remember } from "./tools/cache-files";
import { remembered } from "./remembered-results";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { helmBinary } from "../dev/helm-binary";
import { chartTopLevelKeys } from "../upstream/chart-keys";
import {
  ISTIO_CHART_REPOSITORY,
  ISTIO_OCI_CHART_REPOSITORY,
  RETIRED_HOSTS,
} from "../facts/istio-hosting";

// Renders every helm_release of synthesized stacks with a real Helm 3, as the helm provider
// would: name, namespace, `values` documents in order, then set, set_list, set_sensitive.
// The chart: `helm pull` of the pinned repository and version when the network serves it, else
// Istio's packaged charts in ../shared/helmrender/charts (nearest patch of the same minor, said
// in `note`), else skip with the reason. A release without repository is a local chart.

export const PROJECT_ROOT = path.resolve(__dirname, "..");
/** Istio's charts packaged from its git tags, beside the project (read-only, offline). */
export const SHARED_CHARTS =
  process.env.HELMRENDER_CHARTS ||
  path.resolve(PROJECT_ROOT, "..", "shared", "helmrender", "charts");
/**
 * Current charts render for a current GKE version (the helmrender tool's default, and inside
 * Istio 1.31's Kubernetes window 1.32 to 1.36), as a GKE version string: charts detect GKE by its
 * `-gke` suffix.
 */
export const CURRENT_KUBE_VERSION = "1.34.1-gke.1000";
/** The legacy charts (1.3, 1.4) use APIs that Kubernetes 1.21 was the last minor to serve. */
export const LEGACY_KUBE_VERSION = "1.21.14-gke.2100";

/** Istio's repositories, which ../shared/helmrender/charts stands in for offline. */
const CURRENT_REPOS = [ISTIO_CHART_REPOSITORY, ISTIO_OCI_CHART_REPOSITORY];
/** A legacy release's folder of Istio's release archive (facts/istio-hosting.ts). */
const LEGACY_REPO =
  /^https:\/\/(?:blob\.istio\.io|storage\.googleapis\.com)\/istio-release\/releases\/([0-9.]+)\/charts\/?$/;
/**
 * Registries an image comes from when a release leaves a chart on its own default hub: the
 * testing hubs that the packaged charts keep from git, and the retired release hubs that Istio's
 * released charts before 1.31 default to (facts/istio-hosting.ts).
 */
const DEFAULT_HUBS = [
  "gcr.io/istio-testing",
  "registry.istio.io/testing",
  ...RETIRED_HOSTS.map((h) => h.prefix),
];
/** Pulled charts, kept between runs (HELM_RENDER_CACHE names another folder). */
const pulledDir = () =>
  process.env.HELM_RENDER_CACHE || path.join(PROJECT_ROOT, "node_modules", ".cache", "helm-charts");
/** Helm's own cache and config stay in the project's cache, not the user's home. */
const helmHome = () => {
  const home = path.join(PROJECT_ROOT, "node_modules", ".cache", "helm-home");
  return {
    HELM_CACHE_HOME: path.join(home, "cache"),
    HELM_CONFIG_HOME: path.join(home, "config"),
    HELM_DATA_HOME: path.join(home, "data"),
  };
};

export interface RenderResult {
  readonly stack: string;
  readonly address: string;
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  readonly version?: string;
  readonly status: "ok" | "fail" | "skip";
  /** Why it failed or skipped, else `N objects`. */
  readonly detail: string;
  /** Where the chart came from when not the exact pinned one (`rendered with the 1.30.3 chart`). */
  readonly note: string;
  /**
   * Top-level values that the chart neither declares nor reads, a retired repository, an image
   * left on a chart's default hub.
   */
  readonly warnings: string[];
  /** The rendered YAML ("" unless ok). */
  readonly manifest: string;
}

export interface RenderOptions {
  /** Kubernetes version for current and local charts. @default CURRENT_KUBE_VERSION */
  readonly kubeVersion?: string;
  /** Kubernetes version for the legacy charts. @default LEGACY_KUBE_VERSION */
  readonly legacyKubeVersion?: string;
}

/** Every helm_release of every stack under `outdir` (a cdktf.out folder), in stack order. */
export function renderStacks(outdir: string, opts: RenderOptions = {}): RenderResult[] {
  const stacksDir = path.join(outdir, "stacks");
  return fs
    .readdirSync(stacksDir)
    .sort()
    .filter((stack) => fs.existsSync(path.join(stacksDir, stack, "cdk.tf.json")))
    .flatMap((stack) => {
      const dir = path.join(stacksDir, stack);
      const tf = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
      return renderStack(stack, tf, dir, opts);
    });
}

/** Every helm_release of one stack's Terraform JSON; local charts are looked up in `stackDir`. */
export function renderStack(
  stack: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tf: Record<string, any>,
  stackDir: string,
  opts: RenderOptions = {},
): RenderResult[] {
  return Object.entries<HelmRelease>(tf.resource?.helm_release ?? {}).map(([id, release]) => ({
    stack,
    address: `helm_release.${id}`,
    name: release.name,
    namespace: release.namespace ?? "default",
    chart: release.chart,
    version: release.version,
    ...renderRelease(release, stackDir, opts),
  }));
}

/**
 * Synthesizes each environment file (relative to the project) with the real app, all at once,
 * each into its own folder: file → { outdir, status, stderr }. Blocking, so that tests can be
 * named after what was synthesized. The runs are shared with other test files (synthFilesOnceSync
 * in shared-synth.ts): the folders stay until the jest run ends, and must not be changed.
 */
export function synthFiles(files: string[]): Map<string, SynthRun> {
  const runs = synthFilesOnceSync(files);
  return new Map(
    files.map((file) => {
      const { outdir, status, stderr } = runs.get(file)!;
      return [file, { file, outdir, status: status ?? 1, stderr }];
    }),
  );
}

export interface SynthRun {
  readonly file: string;
  readonly outdir: string;
  readonly status: number;
  readonly stderr: string;
}

/**
 * A rendered manifest as objects (empty documents dropped), remembered by content beside Helm's
 * renders as JSON, which reads back far faster than the YAML parses (about a second of CPU a run:
 * the base chart's CRDs are parsed by several tests). Each call returns objects of its own.
 * GKE_ISTIO_HELM_RENDER_CACHE=off parses every time.
 */
export function parseManifest(manifest: string): K8sObject[] {
  const parse = () =>
    parseAllDocuments(manifest)
      .map((d) => d.toJS() as K8sObject)
      .filter((o) => o && typeof o === "object" && typeof o.kind === "string");
  if (process.env.GKE_ISTIO_HELM_RENDER_CACHE === "off") return parse();
  const file = parsedManifestOf(manifest);
  const known = recall(file);
  if (known !== undefined) return JSON.parse(known) as K8sObject[];
  const objects = parse();
  remember(file, JSON.stringify(objects));
  return objects;
}

/** Where parseManifest remembers a manifest's objects: by the YAML parser's version and the text. */
export function parsedManifestOf(manifest: string): string {
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([YAML_VERSION, manifest]))
    .digest("hex");
  return path.join(helmCacheDir(), "parsed", `${key}.json`);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const YAML_VERSION = (require("yaml/package.json") as { version: string }).version;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = { apiVersion: string; kind: string; metadata: any; [key: string]: any };

interface HelmRelease {
  name: string;
  chart: string;
  namespace?: string;
  repository?: string;
  version?: string;
  values?: string[];
  set?: { name: string; value: string; type?: string }[];
  set_sensitive?: { name: string; value: string; type?: string }[];
  set_list?: { name: string; value: string[] }[];
}

type Outcome = Pick<RenderResult, "status" | "detail" | "note" | "warnings" | "manifest">;

function renderRelease(release: HelmRelease, stackDir: string, opts: RenderOptions): Outcome {
  const where = findChart(release, stackDir);
  const none = { note: "", warnings: [], manifest: "" };
  if ("skip" in where) return { ...none, status: "skip", detail: where.skip };
  if ("fail" in where) return { ...none, status: "fail", detail: where.fail };
  const legacy = LEGACY_REPO.test(release.repository ?? "");
  const kubeVersion = legacy
    ? (opts.legacyKubeVersion ?? LEGACY_KUBE_VERSION)
    : (opts.kubeVersion ?? CURRENT_KUBE_VERSION);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "helm-render-"));
  try {
    const args = ["template", release.name, where.file];
    args.push("--namespace", release.namespace ?? "default", "--kube-version", kubeVersion);
    args.push("--include-crds");
    (release.values ?? []).forEach((text, i) => {
      const file = path.join(tmp, `values-${i}.yaml`);
      fs.writeFileSync(file, text);
      args.push("--values", file);
    });
    for (const s of [...(release.set ?? []), ...(release.set_sensitive ?? [])]) {
      const flag = { string: "--set-string", literal: "--set-literal" }[s.type ?? ""] ?? "--set";
      args.push(flag, `${s.name}=${s.value}`);
    }
    for (const s of release.set_list ?? []) args.push("--set", `${s.name}={${s.value.join(",")}}`);
    const r = templateCached(args, release.values ?? [], where.file);
    if (r.status !== 0) {
      const detail = (r.stderr || r.stdout || String(r.error)).trim().split("\n")[0];
      return { ...none, note: where.note, status: "fail", detail };
    }
    // Top-level fields read by line, not by a YAML parse: a big chart's manifest parses slowly.
    const objects = r.stdout.split(/^---\s*$/m).filter((doc) => /^kind:/m.test(doc));
    const minor = Number(kubeVersion.split(".")[1]);
    const problems = objects.flatMap((doc) => {
      const field = (re: RegExp) => re.exec(doc)?.[1].replace(/^["']|["']$/g, "") ?? "?";
      const [apiVersion, kind] = [field(/^apiVersion:\s*(\S+)/m), field(/^kind:\s*(\S+)/m)];
      const gone = removedIn(apiVersion, kind);
      const name = field(/^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*(\S+)/m);
      return gone !== undefined && minor >= gone
        ? [`${kind} ${name} uses ${apiVersion}, removed in Kubernetes 1.${gone}`]
        : [];
    });
    return {
      status: problems.length ? "fail" : "ok",
      detail: problems.length ? problems.join("; ") : `${objects.length} objects`,
      note: where.note,
      warnings: [
        ...unknownValueWarnings(release.values ?? [], where.file),
        ...sourceWarnings(release, r.stdout),
      ],
      manifest: r.stdout,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * `helm template`, remembered by content (node_modules/.cache, so a clean clone starts empty): the
 * same Helm binary, chart bytes, values and flags give the same manifest, so a render done before
 * is read back instead of run again. Only successful renders are kept; a failing one runs every
 * time. GKE_ISTIO_HELM_RENDER_CACHE=off turns it off; a path there names another folder.
 */
function templateCached(
  args: string[],
  values: string[],
  chart: string,
): { status: number | null; stdout: string; stderr: string; error?: Error } {
  const run = () =>
    cp.spawnSync(helmBinary(), args, {
      encoding: "utf8",
      maxBuffer: 256 << 20,
      env: { ...process.env, ...helmHome() },
    });
  const setting = process.env.GKE_ISTIO_HELM_RENDER_CACHE;
  if (setting === "off") return run();
  const dir =
    setting || path.join(PROJECT_ROOT, "node_modules", ".cache", "gke-istio-cdktf", "helm-render");
  // The values files' paths are temporary: their contents, in order, stand for them.
  const flags = args
    .filter((a) => a !== chart)
    .map((a) => (/helm-render-[^/\\]+[/\\]values-\d+\.yaml$/.test(a) ? "<values>" : a));
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([helmBinary(), contentOfChart(chart), flags, values]))
    .digest("hex");
  const file = path.join(dir, `${key}.yaml`);
  const known = recall(file);
  if (known !== undefined) return { status: 0, stdout: known, stderr: "" };
  const r = run();
  if (r.status === 0) remember(file, r.stdout);
  return r;
}

/** Where Helm's results are remembered (GKE_ISTIO_HELM_RENDER_CACHE names another folder). */
const helmCacheDir = () =>
  process.env.GKE_ISTIO_HELM_RENDER_CACHE ||
  path.join(PROJECT_ROOT, "node_modules", ".cache", "gke-istio-cdktf", "helm-render");

/**
 * `helm <args>` on one chart (a chart folder or a .tgz, named in `args`), with `input` on its
 * standard input, remembered by content like templateCached: the Helm binary, the chart's bytes,
 * the other arguments and the input. Only a run that succeeds is remembered, so a refusal runs
 * Helm every time. For the tests of the local charts (`helm template`, `helm lint`).
 * GKE_ISTIO_HELM_RENDER_CACHE=off runs Helm every time.
 */
export function helmOnChart(
  args: string[],
  chart: string,
  input?: string,
  run = (): { status: number | null; stdout: string; stderr: string } =>
    cp.spawnSync(helmBinary(), args, { encoding: "utf8", input, maxBuffer: 64 << 20 }),
): { status: number | null; stdout: string; stderr: string } {
  if (process.env.GKE_ISTIO_HELM_RENDER_CACHE === "off") return run();
  const key = crypto
    .createHash("sha256")
    .update(
      JSON.stringify([
        "helmOnChart",
        helmBinary(),
        contentOfChart(chart),
        args.map((a) => (a === chart ? "<chart>" : a)),
        input ?? null,
      ]),
    )
    .digest("hex");
  const file = path.join(helmCacheDir(), `${key}.json`);
  const known = recall(file);
  if (known !== undefined) return JSON.parse(known.split("<chart>").join(chart));
  const r = run();
  if (r.status === 0) {
    const kept = { status: r.status, stdout: r.stdout, stderr: r.stderr };
    remember(file, JSON.stringify(kept).split(chart).join("<chart>"));
  }
  return r;
}

/** A chart's bytes as a hash: the .tgz, or every file of a chart folder (local charts). */
const contentHashes = new Map<string, string>();
export function contentOfChart(chart: string): string {
  const stat = fs.statSync(chart);
  // Packaged charts are read once per process; a chart folder's files, every time.
  const id = stat.isDirectory() ? undefined : `${chart}\0${stat.mtimeMs}\0${stat.size}`;
  let hash = id === undefined ? undefined : contentHashes.get(id);
  if (!hash) {
    const h = crypto.createHash("sha256");
    if (stat.isDirectory()) {
      for (const f of (fs.readdirSync(chart, { recursive: true }) as string[]).sort()) {
        const full = path.join(chart, f);
        if (fs.statSync(full).isFile())
          h.update(`${f}\0`).update(fs.readFileSync(full)).update("\0");
      }
    } else h.update(fs.readFileSync(chart));
    hash = h.digest("hex");
    if (id !== undefined) contentHashes.set(id, hash);
  }
  return hash;
}

/**
 * Every container image of a rendered manifest (`image: auto` is filled in at injection).
 */
export function imagesOf(manifest: string): string[] {
  // Not inside a ConfigMap: istiod's injection templates are text there, not containers.
  const objects = manifest.split(/^---\s*$/m).filter((doc) => !/^kind:\s*ConfigMap\s*$/m.test(doc));
  const images = objects.flatMap((doc) => [
    ...doc.matchAll(/^\s*(?:-\s+)?image:\s*["']?([^"'\s]+)["']?\s*$/gm),
  ]);
  return [...new Set(images.map((m) => m[1]).filter((i) => !i.includes("{{")))];
}

/**
 * What the helmrender tool warns about too: a repository Istio retired, an image from a chart's
 * default hub (the release set none) or from a retired registry.
 */
function sourceWarnings(release: HelmRelease, manifest: string): string[] {
  const retired = RETIRED_HOSTS.find((h) => (release.repository ?? "").includes(h.prefix));
  return [
    ...(retired ? [`repository ${release.repository} is retired: ${retired.what}`] : []),
    ...imagesOf(manifest)
      .filter((image) => DEFAULT_HUBS.some((hub) => image.startsWith(`${hub}/`)))
      .map((image) => `image ${image} comes from a chart's default or a retired hub; set the hub`),
  ];
}

/**
 * chartTopLevelKeys (the app's code), remembered across jest runs like the app's runs
 * (remembered-results.ts), by the chart's content: it unpacks the chart and parses its values.
 */
export function chartKeysRemembered(chartFile: string): string[] {
  return remembered("chartTopLevelKeys", contentOfChart(chartFile), () =>
    chartTopLevelKeys(chartFile),
  );
}

function unknownValueWarnings(values: string[], chartFile: string): string[] {
  const known = new Set(chartKeysRemembered(chartFile));
  const given = new Set(values.flatMap((t) => Object.keys(parseAllDocuments(t)[0]?.toJS() ?? {})));
  return [...given]
    .filter((k) => !known.has(k))
    .map((k) => `value '${k}' is neither declared nor read by the chart`);
}

type Where = { file: string; note: string } | { skip: string } | { fail: string };

/**
 * Hosts this jest run could not reach: one failed pull per host, later ones are not tried, by this
 * process or (through a file in the run's cache folder, shared-synth.ts) by another test file.
 */
const unreachable = {
  dir: () => process.env[TEST_CACHE_ENV] && path.join(process.env[TEST_CACHE_ENV]!, "unreachable"),
  hosts: new Set<string>(),
  has(host: string): boolean {
    const dir = this.dir();
    return this.hosts.has(host) || Boolean(dir && fs.existsSync(path.join(dir, host)));
  },
  add(host: string): void {
    this.hosts.add(host);
    const dir = this.dir();
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, host), "");
  },
};
/** HELM_RENDER_OFFLINE=1 never pulls. */
const offline = (repository: string) =>
  Boolean(process.env.HELM_RENDER_OFFLINE) || unreachable.has(new URL(repository).host);

function findChart(release: HelmRelease, stackDir: string): Where {
  const { chart, repository, version } = release;
  if (!repository) {
    const dir = path.resolve(stackDir, chart);
    return fs.existsSync(dir)
      ? { file: dir, note: "local chart" }
      : { fail: `local chart ${chart} not found beside the stack` };
  }
  const want = /^(\d+)\.(\d+)\.(\d+)$/.exec(version ?? "");
  if (!want) return { fail: `version '${version}' is not an exact x.y.z version` };
  const legacy = LEGACY_REPO.exec(repository);
  if (legacy && legacy[1] !== version) {
    return { fail: `repository ${repository} holds release ${legacy[1]}, not '${version}'` };
  }
  const pulled = pull(repository, chart, version!);
  if (pulled && "file" in pulled) return { file: pulled.file, note: "" };
  // The repository answered and has no such chart: the helm provider would fail the same way.
  if (pulled) return { fail: `helm pull: ${pulled.error}` };
  // A retired repository held the same charts: rendered, and warned about (sourceWarnings).
  const retired = RETIRED_HOSTS.some((h) => repository.includes(h.prefix));
  if (!legacy && !retired && !CURRENT_REPOS.includes(repository.replace(/\/$/, ""))) {
    return { skip: `repository ${repository} unreachable and no local copy of it` };
  }
  if (!fs.existsSync(SHARED_CHARTS)) {
    return {
      skip: `repository unreachable and no charts folder ${path.relative(PROJECT_ROOT, SHARED_CHARTS)}`,
    };
  }
  const have = fs
    .readdirSync(SHARED_CHARTS)
    .map((f) => new RegExp(`^${chart}-(\\d+)\\.(\\d+)\\.(\\d+)\\.tgz$`).exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .filter((m) => m[1] === want[1] && m[2] === want[2])
    .sort((a, b) => Math.abs(+a[3] - +want[3]) - Math.abs(+b[3] - +want[3]) || +b[3] - +a[3]);
  if (have.length === 0) return { skip: `no local copy of chart ${chart} ${want[1]}.${want[2]}.x` };
  const file = path.join(SHARED_CHARTS, have[0][0]);
  const used = `${have[0][1]}.${have[0][2]}.${have[0][3]}`;
  return { file, note: used === version ? "" : `rendered with the ${used} chart` };
}

/**
 * `helm pull` of the pinned chart into node_modules/.cache, once. Undefined when offline (no
 * network, a blocked host, a timeout); the error when the repository answered without the chart.
 */
function pull(
  repository: string,
  chart: string,
  version: string,
): { file: string } | { error: string } | undefined {
  const dir = path.join(pulledDir(), encodeURIComponent(repository));
  const file = path.join(dir, `${chart}-${version}.tgz`);
  if (fs.existsSync(file)) return { file };
  if (offline(repository)) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(dir, "pull-"));
  try {
    // An OCI repository names the chart by reference; an HTTPS one serves an index.
    const what = repository.startsWith("oci://")
      ? [`${repository.replace(/\/$/, "")}/${chart}`]
      : [chart, "--repo", repository];
    const r = cp.spawnSync(
      helmBinary(),
      ["pull", ...what, "--version", version, "--destination", tmp],
      { encoding: "utf8", timeout: 10_000, env: { ...process.env, ...helmHome() } },
    );
    const got = path.join(tmp, `${chart}-${version}.tgz`);
    if (r.status === 0 && fs.existsSync(got)) {
      fs.renameSync(got, file);
      return { file };
    }
    const error = (r.stderr ?? "").trim().split("\n")[0];
    if (r.error || OFFLINE.test(error)) {
      unreachable.add(new URL(repository).host); // fail fast for its later releases
      return undefined;
    }
    return { error };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** helm's words for a repository it could not reach. */
const OFFLINE =
  /no such host|dial tcp|i\/o timeout|connection refused|network is unreachable|TLS handshake timeout|proxyconnect/i;

/**
 * Group versions the API server stopped serving, by the minor that removed them (Kubernetes'
 * deprecated API migration guide); `kinds` limits the entry when only some kinds went.
 */
const REMOVED: readonly [minor: number, groupVersion: string, kinds?: string[]][] = [
  [16, "extensions/v1beta1", ["Deployment", "DaemonSet", "ReplicaSet", "NetworkPolicy"]],
  [16, "extensions/v1beta1", ["PodSecurityPolicy"]],
  [16, "apps/v1beta1"],
  [16, "apps/v1beta2"],
  [22, "admissionregistration.k8s.io/v1beta1"],
  [22, "apiextensions.k8s.io/v1beta1"],
  [22, "apiregistration.k8s.io/v1beta1"],
  [22, "authentication.k8s.io/v1beta1"],
  [22, "authorization.k8s.io/v1beta1"],
  [22, "certificates.k8s.io/v1beta1"],
  [22, "coordination.k8s.io/v1beta1"],
  [22, "extensions/v1beta1", ["Ingress"]],
  [22, "networking.k8s.io/v1beta1", ["Ingress", "IngressClass"]],
  [22, "rbac.authorization.k8s.io/v1beta1"],
  [22, "rbac.authorization.k8s.io/v1alpha1"],
  [22, "scheduling.k8s.io/v1beta1"],
  [22, "storage.k8s.io/v1beta1", ["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"]],
  [25, "batch/v1beta1", ["CronJob"]],
  [25, "discovery.k8s.io/v1beta1"],
  [25, "events.k8s.io/v1beta1"],
  [25, "autoscaling/v2beta1"],
  [25, "policy/v1beta1"],
  [25, "node.k8s.io/v1beta1"],
  [26, "flowcontrol.apiserver.k8s.io/v1beta1"],
  [26, "autoscaling/v2beta2"],
  [27, "storage.k8s.io/v1beta1", ["CSIStorageCapacity"]],
  [29, "flowcontrol.apiserver.k8s.io/v1beta2"],
  [32, "flowcontrol.apiserver.k8s.io/v1beta3"],
];

/** The Kubernetes minor that stopped serving this kind at this group version, if any. */
export function removedIn(apiVersion: string, kind: string): number | undefined {
  return REMOVED.find(
    ([, gv, kinds]) => gv === apiVersion && (!kinds || kinds.includes(kind)),
  )?.[0];
}
