#!/usr/bin/env node
// `npm run mutation:changed`: Stryker on the source files changed since main's merge base
// (committed or not), so a developer checks a change's tests in minutes, not a full run.
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");

/**
 * Whether Stryker's `mutate` globs (stryker.config.json) take `file`: a `dir/**` glob of `*.ts`
 * takes every .ts file under dir, `dir/{a,b}.js` exactly those files. The boot patches are mutated
 * too, so a change to one is checked like a change to config/.
 */
function mutatedBy(globs) {
  const matchers = globs.map((glob) => {
    const tree = /^([\w-]+)\/\*\*\/\*\.(\w+)$/.exec(glob);
    if (tree) return (file) => file.startsWith(`${tree[1]}/`) && file.endsWith(`.${tree[2]}`);
    const braces = /^([\w-]+)\/\{([\w,-]+)\}\.(\w+)$/.exec(glob);
    if (braces) {
      const files = braces[2].split(",").map((name) => `${braces[1]}/${name}.${braces[3]}`);
      return (file) => files.includes(file);
    }
    throw new Error(`mutation:changed: cannot read the mutate glob ${glob}`);
  });
  return (file) => matchers.some((matches) => matches(file));
}

module.exports = { mutatedBy };
if (require.main !== module) return;

const MUTATED = mutatedBy(require("../stryker.config.json").mutate);
const git = (...args) => execFileSync("git", args, { encoding: "utf8" }).trim();

const base = git("merge-base", "HEAD", process.env.MUTATION_BASE || "main");
const changed = new Set(
  [git("diff", "--name-only", base), git("ls-files", "--others", "--exclude-standard")]
    .join("\n")
    .split("\n")
    .filter((file) => MUTATED(file)),
);
if (changed.size === 0) {
  console.log(
    `mutation:changed: no file Stryker mutates (config/, policy/, constructs/, stacks/, the boot patches) changed since ${base.slice(0, 12)}`,
  );
  process.exit(0);
}
console.log(`mutation:changed: ${[...changed].join(", ")}`);
const run = spawnSync(
  process.execPath,
  [
    path.join(__dirname, "mutation.js"),
    "--mutate",
    [...changed].join(","),
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
process.exit(run.status ?? 1);
