// One synthesis per environment file per jest run, shared by every test file that asks for it.
//
//   import { synthFileOnce, stacksOf } from "./shared-synth";
//   let run: AppRun;
//   beforeAll(async () => { run = await synthFileOnce("examples/demo-with-waivers.yaml"); }, 120_000);
//   // run.status, run.stderr, run.files["stacks/<stack>/cdk.tf.json"], stacksOf(run), run.outdir
//   const runs = synthFilesOnceSync(["config/environments.yaml", ...]); // blocking, in parallel
//
// The real app (node main.ts, as `cdktf synth` runs it) writes into a folder of the jest run's
// cache folder, kept until the run ends; the result is stored beside it (GKE_ISTIO_TEST_CACHE, made by
// __tests__/global-setup.ts and removed by __tests__/global-teardown.ts), keyed by the file's
// content and the extra environment. Two workers asking at once synthesize once: the first takes
// a lock (an atomic mkdir), the other waits for its result. Without the global setup (a test file
// run by another jest configuration), each process keeps its own cache.
//
// Across jest runs, the results are remembered by content too (node_modules/.cache/gke-istio-cdktf/
// app-synth, so a clean clone starts empty): the key adds to the file's content and the extra
// environment every file of the project but __tests__/, docs/ and Markdown (appInputsHash, computed once per run by
// the global setup), the installed packages (node_modules/.package-lock.json), Node's version,
// the variables the app or cdktf read (Terraform's version among them) and the date (Istio's
// end-of-support warnings). Any change to the app's code, charts, lock file or Node is a
// miss, and the app runs again. GKE_ISTIO_SYNTH_CACHE=off turns it off.
import * as cp from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AppRun, PROJECT_ROOT, readTree, runAppAsync, TerraformJson, writeTree } from "./app-synth";
import { writeWhole } from "./tools/cache-files";
// The tree hash of `npm test`'s checks, with the folders they skip.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { SKIPPED, hashTree } = require("../dev/unless-unchanged") as {
  SKIPPED: Set<string>;
  hashTree(
    hash: crypto.Hash,
    root: string,
    skipped?: Set<string>,
    keepFile?: (name: string) => boolean,
  ): crypto.Hash;
};

export const TEST_CACHE_ENV = "GKE_ISTIO_TEST_CACHE";
/** appInputsHash of the run, set by the global setup; without it nothing is remembered across runs. */
export const APP_INPUTS_ENV = "GKE_ISTIO_APP_INPUTS";

/**
 * Folders that hold no input of the app: tests, documents, dependencies, and what tools write.
 * Markdown files are not read either (the app names documents in its messages, never opens them).
 */
const NOT_APP_INPUTS = new Set([...SKIPPED, "__tests__", "docs", "dist"]);

/**
 * One hash of everything the app's output can depend on besides its environment file and
 * variables: every file of the project `root` outside NOT_APP_INPUTS (sources, charts, scripts,
 * package-lock.json, tsconfig), the installed packages as npm recorded them, and Node's version.
 */
export function appInputsHash(root: string = PROJECT_ROOT, node: string = process.version): string {
  const hash = hashTree(
    crypto.createHash("sha256").update(node),
    root,
    NOT_APP_INPUTS,
    (name) => !name.endsWith(".md"),
  );
  const installed = path.join(root, "node_modules", ".package-lock.json");
  hash
    .update("\0node_modules\0")
    .update(fs.existsSync(installed) ? fs.readFileSync(installed) : "");
  return hash.digest("hex");
}

/**
 * The variables of the test process that reach the app and may change what it does (the app's
 * own, cdktf's, Node's options, Stryker's, and GKE_ISTIO_TERRAFORM_VERSION: cdktf runs
 * `terraform version` at synth); the run's own bookkeeping is left out.
 */
export function appVariables(env: NodeJS.ProcessEnv = process.env): [string, string][] {
  const bookkeeping = new Set([
    TEST_CACHE_ENV,
    APP_INPUTS_ENV,
    "GKE_ISTIO_TERRAFORM_VALIDATOR",
    "GKE_ISTIO_TFVALIDATE_CACHE",
    "GKE_ISTIO_HELM_RENDER_CACHE",
    "GKE_ISTIO_SYNTH_CACHE",
    "GKE_ISTIO_TEST_TMP",
    "CDKTF_OUTDIR",
  ]);
  return Object.entries(env)
    .filter(([name]) => /^(GKE_ISTIO_|CDKTF_|SYNTH_|NODE_OPTIONS$|__STRYKER|STRYKER)/.test(name))
    .filter(([name]) => !bookkeeping.has(name))
    .map(([name, value]): [string, string] => [name, value ?? ""])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The folder of remembered runs for this run's inputs, or undefined when nothing is remembered. */
export function rememberedDir(): string | undefined {
  const inputs = process.env[APP_INPUTS_ENV];
  if (!inputs || process.env.GKE_ISTIO_SYNTH_CACHE === "off") return undefined;
  return path.join(appRunCacheRoot(), inputs.slice(0, 32));
}

/** node_modules/.cache/gke-istio-cdktf/app-synth: one folder per appInputsHash. */
export function appRunCacheRoot(): string {
  return path.join(PROJECT_ROOT, "node_modules", ".cache", "gke-istio-cdktf", "app-synth");
}

/**
 * For jest's globalSetup: the run's appInputsHash, and only the folders of the last few inputs
 * kept (a new one for every edit of the app's code would pile up).
 */
export function decideAppInputsForRun(keep = 4): void {
  if (process.env.GKE_ISTIO_SYNTH_CACHE === "off") return;
  process.env[APP_INPUTS_ENV] = appInputsHash();
  try {
    const root = appRunCacheRoot();
    const mine = rememberedDir()!;
    fs.mkdirSync(mine, { recursive: true });
    const now = new Date();
    fs.utimesSync(mine, now, now);
    const others = fs
      .readdirSync(root)
      .map((name) => path.join(root, name))
      .filter((dir) => dir !== mine)
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    for (const dir of others.slice(keep - 1)) fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

/** Today in UTC: the app warns about (or, strict, refuses) Istio minors past their end of support. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

let processCache: string | undefined;
function cacheRoot(): string {
  const shared = process.env[TEST_CACHE_ENV];
  if (shared && fs.existsSync(shared)) return shared;
  processCache ??= fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-synth-"));
  return processCache;
}

/** A shared run: the app's outcome, and the folder it wrote (kept until the jest run ends). */
export interface SharedRun extends AppRun {
  readonly outdir: string;
}

interface Slot {
  readonly file: string;
  readonly env: Record<string, string>;
  /** The stored result, once there. */
  readonly result: string;
  readonly lock: string;
  readonly outdir: string;
  /** Where the result is remembered across runs, when it is. */
  readonly remembered?: string;
  /** The run's cache folder, which a file written there (an edit) names in the app's messages. */
  readonly root: string;
}

/** Stands for the run's cache folder in what is remembered across runs (it differs per run). */
const RUN_FOLDER = "<jest run folder>";

function slotOf(configFile: string, env: Record<string, string>, today = todayUtc()): Slot {
  const content = fs.readFileSync(path.resolve(PROJECT_ROOT, configFile), "utf8");
  const root = cacheRoot();
  const key = crypto
    .createHash("sha256")
    .update(
      JSON.stringify([
        configFile.split(root).join(RUN_FOLDER),
        content,
        Object.entries(env).sort(),
        appVariables(),
        today,
      ]),
    )
    .digest("hex")
    .slice(0, 32);
  const remembered = rememberedDir();
  return {
    file: configFile,
    env,
    result: path.join(root, `${key}.json`),
    lock: path.join(root, `${key}.lock`),
    outdir: path.join(root, `${key}.out`),
    remembered: remembered && path.join(remembered, `${key}.json`),
    root,
  };
}

/** Where a run of `configFile` with `env` is remembered across jest runs (for the cache's own test). */
export function rememberedFileOf(
  configFile: string,
  env: Record<string, string> = {},
  today?: string,
) {
  return slotOf(configFile, env, today).remembered;
}

type Outcome = { status: number | null; stdout: string; stderr: string };
type RememberedRun = Outcome & { files: Record<string, string> };

/** A run remembered from an earlier jest run, its output folder written again; or undefined. */
function recall(slot: Slot): Outcome | undefined {
  if (!slot.remembered) return undefined;
  try {
    const text = fs.readFileSync(slot.remembered, "utf8").split(RUN_FOLDER).join(slot.root);
    const run = JSON.parse(text) as RememberedRun;
    writeTree(slot.outdir, run.files);
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } catch {
    return undefined; // not there (or unreadable): the app runs
  }
}

/** Remembers a run that ended by itself (an exit code, no signal) for later jest runs. */
function remember(slot: Slot, run: SharedRun): void {
  if (!slot.remembered || typeof run.status !== "number") return;
  const kept: RememberedRun = {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    files: run.files,
  };
  try {
    fs.mkdirSync(path.dirname(slot.remembered), { recursive: true });
    const text = JSON.stringify(kept).split(slot.root).join(RUN_FOLDER);
    writeWhole(slot.remembered, text);
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

const stored = (slot: Slot) =>
  fs.existsSync(slot.result)
    ? (JSON.parse(fs.readFileSync(slot.result, "utf8")) as SharedRun)
    : undefined;

/** True when this process now owns the slot's synthesis; false when another one does. */
function tryLock(slot: Slot): boolean {
  try {
    fs.mkdirSync(slot.lock);
    return true;
  } catch {
    return false;
  }
}

function store(slot: Slot, run: Outcome, fresh = true) {
  const shared: SharedRun = {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    dir: PROJECT_ROOT,
    outdir: slot.outdir,
    files: readTree(slot.outdir),
  };
  // Write beside, then rename: a waiting worker never reads half a file.
  writeWhole(slot.result, JSON.stringify(shared));
  fs.rmSync(slot.lock, { recursive: true, force: true });
  if (fresh) remember(slot, shared);
  return shared;
}

const appEnv = (slot: Slot) => ({
  GKE_ISTIO_CONFIG: slot.file,
  CDKTF_OUTDIR: slot.outdir,
  ...slot.env,
});

/**
 * The app's run on an environment file (a path relative to the project root), synthesized once
 * per jest run. `env` adds environment variables (such as GKE_ISTIO_ENVIRONMENTS); it is part
 * of the key. The result, and the folder it wrote (`outdir`), are shared: do not modify them.
 */
export async function synthFileOnce(
  configFile: string,
  env: Record<string, string> = {},
): Promise<SharedRun> {
  const slot = slotOf(configFile, env);
  for (;;) {
    const done = stored(slot);
    if (done) return done;
    if (tryLock(slot)) break;
    await new Promise((resolve) => setTimeout(resolve, 50)); // another worker is on it
  }
  try {
    const known = recall(slot);
    if (known) return store(slot, known, false);
    const run = await runAppAsync(PROJECT_ROOT, appEnv(slot));
    return store(slot, run);
  } finally {
    fs.rmSync(slot.lock, { recursive: true, force: true });
  }
}

/**
 * synthFileOnce for an environment file given as text: written once, by content, into the run's
 * cache folder under `name` (so its path, which the app's messages name, is the same every run and
 * the run is remembered across runs like a file's). `file` is where it was written.
 */
export async function synthTextOnce(
  text: string,
  env: Record<string, string> = {},
  name = "environments.yaml",
): Promise<SharedRun & { readonly file: string }> {
  const digest = crypto.createHash("sha256").update(text).digest("hex").slice(0, 16);
  const dir = path.join(cacheRoot(), "texts", digest);
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    writeWhole(file, text);
  }
  return { ...(await synthFileOnce(file, env)), file };
}

/**
 * synthFileOnce for several files at once, blocking (for test files that name their tests after
 * what was synthesized): the files not yet synthesized by anyone run in parallel.
 */
export function synthFilesOnceSync(
  configFiles: string[],
  env: Record<string, string> = {},
): Map<string, SharedRun> {
  const slots = configFiles.map((file) => slotOf(file, env));
  const locked = slots.filter((slot) => !stored(slot) && tryLock(slot));
  const mine = locked.filter((slot) => {
    const known = recall(slot);
    if (known) store(slot, known, false);
    return !known;
  });
  if (mine.length > 0) {
    const script = `
      const cp = require("child_process");
      const runs = JSON.parse(process.argv[1]);
      Promise.all(runs.map((env) => new Promise((resolve) => cp.execFile(
        process.execPath, ["--max-semi-space-size=6", "--require", "./boot/register-ts.js", "main.ts"],
        { env: { ...process.env, ...env }, maxBuffer: 1 << 26 },
        (error, stdout, stderr) => resolve({ status: error ? error.code ?? 1 : 0, stdout, stderr }))))
      ).then((done) => process.stdout.write(JSON.stringify(done)));`;
    const r = cp.spawnSync(process.execPath, ["-e", script, JSON.stringify(mine.map(appEnv))], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    try {
      if (r.status !== 0) throw new Error(`synthFilesOnceSync: ${r.stderr}`);
      const done = JSON.parse(r.stdout) as { status: number; stdout: string; stderr: string }[];
      mine.forEach((slot, i) => store(slot, done[i]));
    } finally {
      mine.forEach((slot) => fs.rmSync(slot.lock, { recursive: true, force: true }));
    }
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return new Map(
    slots.map((slot) => {
      let done = stored(slot);
      while (!done) {
        Atomics.wait(pause, 0, 0, 50); // another worker is on it
        done = stored(slot);
      }
      return [slot.file, done];
    }),
  );
}

/** Every stack of a run, parsed, keyed by stack name. */
export function stacksOf(run: AppRun): Record<string, TerraformJson> {
  return Object.fromEntries(
    Object.entries(run.files)
      .filter(([file]) => file.endsWith("/cdk.tf.json"))
      .map(([file, text]) => [file.split("/")[1], JSON.parse(text)]),
  );
}
