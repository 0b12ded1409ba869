// The generated/ folder of `npm run generated` (commands/generated.ts): its files as the command
// compares them (Terraform's own files left out), the differences, and the cleanup of a write.
import * as fs from "fs";
import * as path from "path";

/** Terraform's own files in a stack folder: `terraform init`'s and a local run's, not ours. */
function isTerraformsOwn(name: string, isDirectory: boolean): boolean {
  return isDirectory
    ? name === ".terraform"
    : name === ".terraform.lock.hcl" ||
        /\.tfstate(\.backup)?$|^\.terraform\.tfstate\.lock\.info$/.test(name);
}

/** The files `npm run generated` owns under `dir`: stacks/ (less Terraform's own) and README.md. */
export function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (isTerraformsOwn(entry.name, entry.isDirectory())) continue;
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(dir, child), "utf8"));
    }
  };
  walk("stacks");
  if (fs.existsSync(path.join(dir, "README.md"))) {
    files.set("README.md", fs.readFileSync(path.join(dir, "README.md"), "utf8"));
  }
  return files;
}

/** `added:   f`, `changed: f`, `removed: f` lines from `current` to `fresh`, by file name. */
export function treeDifferences(
  fresh: Map<string, string>,
  current: Map<string, string>,
): string[] {
  return [
    ...[...fresh.keys()].filter((f) => !current.has(f)).map((f) => `added:   ${f}`),
    ...[...fresh.keys()]
      .filter((f) => current.has(f) && current.get(f) !== fresh.get(f))
      .map((f) => `changed: ${f}`),
    ...[...current.keys()].filter((f) => !fresh.has(f)).map((f) => `removed: ${f}`),
  ].sort((a, b) => a.slice(9).localeCompare(b.slice(9)));
}

/** Removes the folders under `dir` that hold nothing, deepest first. */
export function removeEmptyFolders(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyFolders(path.join(dir, entry.name));
  }
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}
