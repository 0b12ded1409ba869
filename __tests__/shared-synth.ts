// One synthesis per environment file per jest run, shared by every test file that asks for it.
//
//   import { synthFileOnce, stacksOf } from "./shared-synth";
//   let run: AppRun;
//   beforeAll(async () => { run = await synthFileOnce("examples/demo-with-waivers.yaml"); }, 120_000);
//   // run.status, run.stderr, run.files["stacks/<stack>/cdk.tf.json"], stacksOf(run)
//
// The real app (node main.ts, as `cdktf synth` runs it) writes into a temporary folder; the result
// is stored under the jest run's cache folder (GKE_ISTIO_TEST_CACHE, made by
// __tests__/global-setup.ts and removed by __tests__/global-teardown.ts), keyed by the file's
// content and the extra environment. Two workers asking at once synthesize once: the first takes
// a lock (an atomic mkdir), the other waits for its result. Without the global setup (a test file
// run by another jest configuration), each process keeps its own cache.
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AppRun, PROJECT_ROOT, runAppAsync } from "./app-synth";
import type { TerraformJson } from "./fixtures";

export const TEST_CACHE_ENV = "GKE_ISTIO_TEST_CACHE";

let processCache: string | undefined;
function cacheRoot(): string {
  const shared = process.env[TEST_CACHE_ENV];
  if (shared && fs.existsSync(shared)) return shared;
  processCache ??= fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-synth-"));
  return processCache;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The app's run on an environment file (a path relative to the project root), synthesized once
 * per jest run. `env` adds environment variables (such as GKE_ISTIO_ENVIRONMENTS); it is part
 * of the key. The result is shared: do not modify it.
 */
export async function synthFileOnce(
  configFile: string,
  env: Record<string, string> = {},
): Promise<AppRun> {
  const content = fs.readFileSync(path.resolve(PROJECT_ROOT, configFile), "utf8");
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([configFile, content, Object.entries(env).sort()]))
    .digest("hex")
    .slice(0, 32);
  const root = cacheRoot();
  const result = path.join(root, `${key}.json`);
  const lock = path.join(root, `${key}.lock`);
  for (;;) {
    if (fs.existsSync(result)) return JSON.parse(fs.readFileSync(result, "utf8")) as AppRun;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      await sleep(50); // another worker is synthesizing this file
    }
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-shared-"));
  try {
    const run = await runAppAsync(PROJECT_ROOT, {
      GKE_ISTIO_CONFIG: configFile,
      CDKTF_OUTDIR: outdir,
      ...env,
    });
    // Write beside, then rename: a waiting worker never reads half a file.
    fs.writeFileSync(`${result}.${process.pid}.tmp`, JSON.stringify(run));
    fs.renameSync(`${result}.${process.pid}.tmp`, result);
    return run;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Every stack of a run, parsed, keyed by stack name. */
export function stacksOf(run: AppRun): Record<string, TerraformJson> {
  return Object.fromEntries(
    Object.entries(run.files)
      .filter(([file]) => file.endsWith("/cdk.tf.json"))
      .map(([file, text]) => [file.split("/")[1], JSON.parse(text)]),
  );
}
