#!/usr/bin/env node
// `npm run mutation:changed`: Stryker on the source files changed since main's merge base
// (committed or not), so a developer checks a change's tests in minutes, not a full run.
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");

const MUTATED = /^(config|policy|constructs|stacks)\/.*\.ts$/;
const git = (...args) => execFileSync("git", args, { encoding: "utf8" }).trim();

const base = git("merge-base", "HEAD", process.env.MUTATION_BASE || "main");
const changed = new Set(
  [git("diff", "--name-only", base), git("ls-files", "--others", "--exclude-standard")]
    .join("\n")
    .split("\n")
    .filter((file) => MUTATED.test(file)),
);
if (changed.size === 0) {
  console.log(
    `mutation:changed: no file of config/, policy/, constructs/ or stacks/ changed since ${base.slice(0, 12)}`,
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
