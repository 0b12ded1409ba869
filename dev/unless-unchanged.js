#!/usr/bin/env node
// The checks of `npm test` (type check, ESLint, Prettier), skipped when nothing they read has
// changed since they last passed. Their own caches (tsc --incremental, eslint --cache,
// prettier --cache) still start the tool and read every file to find that out: about 4 s of CPU
// for tsc and 1 to 2 s for each of the others here. One hash replaces that: every file of the
// project outside node_modules, .git and generated output, plus package-lock.json (the tools'
// versions). A failing check is never remembered; GKE_ISTIO_CHECK_CACHE=off always runs it.
//   node dev/unless-unchanged.js <name> <command> [args...]
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const SKIPPED = new Set([
  "node_modules",
  ".git",
  "cdktf.out",
  "generated",
  ".stryker-tmp",
  "reports",
  "coverage",
  ".gen",
]);

/**
 * Feeds `hash` every file under `root` (paths and contents, in name order) but the folders named
 * in `skipped` and the files `keepFile` refuses. Shared with the tests' app-input hash
 * (__tests__/shared-synth.ts), which skips more.
 */
function hashTree(hash, root, skipped = SKIPPED, keepFile = () => true) {
  const walk = (dir) => {
    const entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name)) walk(rel);
      } else if (entry.isFile() && keepFile(entry.name)) {
        hash.update(`\0${rel}\0`).update(fs.readFileSync(path.join(root, rel)));
      }
    }
  };
  walk("");
  return hash;
}

/** One hash of every file under `root` but the skipped folders. */
function inputsHash(root) {
  const hash = hashTree(crypto.createHash("sha256"), root);
  return hash.digest("hex");
}

/** Runs `command` unless nothing changed since the check `name` last passed; the exit code. */
function runUnlessUnchanged(name, root, command, env = process.env, log = console.log) {
  const cache = path.join(root, "node_modules", ".cache", "gke-istio-cdktf");
  const stamp = path.join(cache, `passed-${name}`);
  const useCache = env.GKE_ISTIO_CHECK_CACHE !== "off";
  const before = useCache ? inputsHash(root) : "";
  if (useCache && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === before) {
    log(`${name}: nothing changed since it last passed`);
    return 0;
  }
  const run = spawnSync(command[0], command.slice(1), { cwd: root, stdio: "inherit" });
  // Remembered only when it passed and nothing changed while it ran.
  if (run.status === 0 && useCache && inputsHash(root) === before) {
    try {
      fs.mkdirSync(cache, { recursive: true });
      fs.writeFileSync(stamp, before);
    } catch {
      // A read-only cache only costs speed.
    }
  }
  return run.status ?? 1;
}

module.exports = { SKIPPED, hashTree, inputsHash, runUnlessUnchanged };

if (require.main === module) {
  const [name, ...command] = process.argv.slice(2);
  if (!name || command.length === 0) {
    console.error("usage: node dev/unless-unchanged.js <name> <command> [args...]");
    process.exit(2);
  }
  process.exit(runUnlessUnchanged(name, path.resolve(__dirname, ".."), command));
}
