import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** One stack's synthesized Terraform JSON, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TerraformJson = Record<string, any>;

export const PROJECT_ROOT = path.resolve(__dirname, "..");
const NOT_COPIED = new Set([
  "node_modules",
  ".git",
  "cdktf.out",
  "generated",
  "__tests__",
  "coverage",
  ".gen",
  ".stryker-tmp",
  "reports",
  "dist",
]);

export interface AppRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The project copy the app ran in. */
  readonly dir: string;
  /** Relative path → content of every file the app wrote under cdktf.out/. */
  readonly files: Record<string, string>;
}

/** A copy of the project's sources in a fresh folder (node_modules linked, not copied). */
export function copyProject(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  for (const entry of fs.readdirSync(PROJECT_ROOT)) {
    if (NOT_COPIED.has(entry)) continue;
    fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Where the app writes: CDKTF_OUTDIR, relative to the project folder, or cdktf.out. */
const outdirOf = (dir: string, env: Record<string, string>) =>
  path.resolve(dir, env.CDKTF_OUTDIR ?? "cdktf.out");
// As cdktf.json runs it.
const APP_ARGS = ["--max-semi-space-size=6", "--require", "./boot/register-ts.js", "main.ts"];
const appEnv = (env: Record<string, string>) => ({
  ...process.env,
  CDKTF_OUTDIR: "cdktf.out",
  ...env,
});

/** Runs main.ts the way `cdktf synth` does (CDKTF_OUTDIR=cdktf.out) in a project folder. */
export function runApp(dir: string, env: Record<string, string> = {}): AppRun {
  const r = cp.spawnSync(process.execPath, APP_ARGS, {
    cwd: dir,
    env: appEnv(env),
    encoding: "utf8",
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    dir,
    files: readTree(outdirOf(dir, env)),
  };
}

/** runApp without blocking, so several folders synthesize at once. */
export function runAppAsync(dir: string, env: Record<string, string> = {}): Promise<AppRun> {
  return new Promise((resolve) => {
    const options = { cwd: dir, env: appEnv(env), encoding: "utf8" as const };
    cp.execFile(process.execPath, APP_ARGS, options, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ status, stdout, stderr, dir, files: readTree(outdirOf(dir, env)) });
    });
  });
}

/** Every file under `root`, by its `/`-separated relative path (none when `root` is missing). */
export function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!fs.existsSync(root)) return files;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else files[child] = fs.readFileSync(path.join(root, child), "utf8");
    }
  };
  walk("");
  return files;
}

/** Writes each file of a tree readTree returned under `root` again, making folders. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, body] of Object.entries(files)) {
    const at = path.join(root, file);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.writeFileSync(at, body);
  }
}
