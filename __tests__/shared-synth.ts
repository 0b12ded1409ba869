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
import * as cp from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AppRun, PROJECT_ROOT, readTree, runAppAsync } from "./app-synth";
import type { TerraformJson } from "./fixtures";

export const TEST_CACHE_ENV = "GKE_ISTIO_TEST_CACHE";

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
}

function slotOf(configFile: string, env: Record<string, string>): Slot {
  const content = fs.readFileSync(path.resolve(PROJECT_ROOT, configFile), "utf8");
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([configFile, content, Object.entries(env).sort()]))
    .digest("hex")
    .slice(0, 32);
  const root = cacheRoot();
  return {
    file: configFile,
    env,
    result: path.join(root, `${key}.json`),
    lock: path.join(root, `${key}.lock`),
    outdir: path.join(root, `${key}.out`),
  };
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

function store(slot: Slot, run: { status: number | null; stdout: string; stderr: string }) {
  const shared: SharedRun = {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    dir: PROJECT_ROOT,
    outdir: slot.outdir,
    files: readTree(slot.outdir),
  };
  // Write beside, then rename: a waiting worker never reads half a file.
  fs.writeFileSync(`${slot.result}.${process.pid}.tmp`, JSON.stringify(shared));
  fs.renameSync(`${slot.result}.${process.pid}.tmp`, slot.result);
  fs.rmSync(slot.lock, { recursive: true, force: true });
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
    const run = await runAppAsync(PROJECT_ROOT, appEnv(slot));
    return store(slot, run);
  } finally {
    fs.rmSync(slot.lock, { recursive: true, force: true });
  }
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
  const mine = slots.filter((slot) => !stored(slot) && tryLock(slot));
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
