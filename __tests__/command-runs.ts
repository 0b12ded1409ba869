// A command of the project (`node --require ./boot/register-ts.js <script> [args]`, as its npm
// script runs it) run in a project copy (copyProject), remembered across jest runs by content.
//
//   const r = runCommand(dir, "commands/generated.ts", ["--check"], { GKE_ISTIO_ENVIRONMENTS: "" });
//   // r.status, r.stdout, r.stderr; the copy's files as the command left them
//
// The key is everything a hermetic command can read: every file of the copy (sources, charts, the
// environment file, the documents and the output folders a --check compares; only the linked
// node_modules is left out), the script and its arguments, the variables given and those the app or
// cdktf read (shared-synth.ts's appVariables, Terraform's version among them), which terraform the
// PATH finds (`npm run generated -- --hcl` formats with it), the date, and the run's appInputsHash
// (installed packages, Node's version). What is remembered: the exit code, both outputs and what the
// command did to the copy (files and folders written, changed, removed), applied again on a hit, so
// the test reads the copy as after a real run. The copy's path is replaced both ways. Only runs that
// ended by themselves are remembered; GKE_ISTIO_SYNTH_CACHE=off turns this off, like the app's runs.
// Use it only for commands that read nothing outside the copy and the network (not `upstream`).
import * as cp from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { appVariables, rememberedDir } from "./shared-synth";
import { recall, remember } from "./tools/cache-files";

export interface CommandRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** What a run did to its folder: files written (base64), files and folders removed, folders made. */
interface FolderChange {
  readonly written: Record<string, string>;
  readonly removed: string[];
  readonly madeFolders: string[];
  readonly removedFolders: string[];
}
type Remembered = CommandRun & { readonly change: FolderChange };

/** Stands for the copy's path in what is remembered (it differs per run). */
const COPY = "<project copy>";

/** Every file (path -> content) and folder of `dir` but the linked node_modules. */
function snapshot(dir: string): { files: Map<string, Buffer>; folders: Set<string> } {
  const files = new Map<string, Buffer>();
  const folders = new Set<string>();
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (child === "node_modules") continue;
      if (entry.isDirectory()) {
        folders.add(child);
        walk(child);
      } else if (entry.isFile()) files.set(child, fs.readFileSync(path.join(dir, child)));
    }
  };
  walk("");
  return { files, folders };
}

/** Which terraform a PATH finds (its folder), or "none". */
function terraformOn(searchPath: string): string {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean))
    if (fs.existsSync(path.join(dir, "terraform"))) return dir;
  return "none";
}

/** The key of a run: see the header. Exported for the helper's own test. */
export function commandKey(
  copy: ReturnType<typeof snapshot>,
  script: string,
  args: string[],
  env: Record<string, string>,
  today = new Date().toISOString().slice(0, 10),
): string {
  const hash = crypto.createHash("sha256");
  for (const [file, body] of copy.files) hash.update(`\0${file}\0`).update(body);
  const effective = { ...process.env, ...env };
  hash.update(
    JSON.stringify([
      script,
      args,
      Object.entries(env).sort(),
      appVariables(effective),
      terraformOn(effective.PATH ?? ""),
      today,
    ]),
  );
  return hash.digest("hex").slice(0, 32);
}

function changeOf(
  before: ReturnType<typeof snapshot>,
  after: ReturnType<typeof snapshot>,
  dir: string,
): FolderChange {
  const written: Record<string, string> = {};
  for (const [file, body] of after.files)
    if (!before.files.get(file)?.equals(body))
      written[file] = Buffer.from(body.toString("latin1").split(dir).join(COPY), "latin1").toString(
        "base64",
      );
  return {
    written,
    removed: [...before.files.keys()].filter((f) => !after.files.has(f)),
    madeFolders: [...after.folders].filter((f) => !before.folders.has(f)),
    removedFolders: [...before.folders].filter((f) => !after.folders.has(f)),
  };
}

function applyChange(change: FolderChange, dir: string): void {
  for (const folder of change.madeFolders)
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
  for (const [file, body] of Object.entries(change.written)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    const text = Buffer.from(body, "base64").toString("latin1").split(COPY).join(dir);
    fs.writeFileSync(path.join(dir, file), Buffer.from(text, "latin1"));
  }
  for (const file of change.removed) fs.rmSync(path.join(dir, file), { force: true });
  // Deepest first, so a folder is empty when its turn comes.
  for (const folder of [...change.removedFolders].sort((a, b) => b.length - a.length))
    fs.rmSync(path.join(dir, folder), { recursive: true, force: true });
}

/** How a command runs: as its npm script does, in the copy. Replaceable for the helper's own test. */
export type Runner = (
  dir: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
) => CommandRun;
const spawnCommand: Runner = (dir, script, args, env) => {
  const r = cp.spawnSync(
    process.execPath,
    ["--require", "./boot/register-ts.js", script, ...args],
    { cwd: dir, env, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/**
 * Runs `script` (relative to the copy) with `args` and the variables `env` added, in the project
 * copy `dir`; a run remembered by content is replayed instead (see the header).
 */
export function runCommand(
  dir: string,
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
  run: Runner = spawnCommand,
): CommandRun {
  const remembered = rememberedDir();
  const before = snapshot(dir);
  // The copy's path, in an argument or a variable, is keyed as the placeholder: it differs per run.
  const general = (text: string) => text.split(dir).join(COPY);
  const key = commandKey(
    before,
    script,
    args.map(general),
    Object.fromEntries(Object.entries(env).map(([name, value]) => [name, general(value)])),
  );
  const file = remembered && path.join(remembered, "commands", `${key}.json`);
  const text = file && recall(file);
  if (text) {
    const known = JSON.parse(text.split(COPY).join(dir)) as Remembered;
    applyChange(known.change, dir);
    return { status: known.status, stdout: known.stdout, stderr: known.stderr };
  }
  const result = run(dir, script, args, { ...process.env, ...env });
  if (file && typeof result.status === "number") {
    const kept: Remembered = { ...result, change: changeOf(before, snapshot(dir), dir) };
    remember(file, JSON.stringify(kept).split(dir).join(COPY));
  }
  return result;
}
