#!/usr/bin/env node
// `npm run typecheck`, and the type check of `npm test`: `tsc --noEmit --incremental`, skipped
// when nothing it reads has changed since the last check that passed. tsc's own incremental mode
// still parses every file (about 4 s of CPU here) to find out that nothing changed; this compares
// one hash instead: every .ts and .json file of the project (not node_modules or generated
// output), tsconfig.json, package-lock.json and the TypeScript version. A failing check is never
// remembered. GKE_ISTIO_TYPECHECK_CACHE=off always runs tsc.
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

/** One hash of everything the type check reads, under `root`. */
function inputsHash(root) {
  const hash = crypto.createHash("sha256");
  hash.update(require("typescript/package.json").version);
  for (const file of ["tsconfig.json", "package-lock.json"]) {
    hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(root, file)));
  }
  const walk = (dir) => {
    const entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(rel);
      } else if (/\.(ts|json)$/.test(entry.name)) {
        hash.update(`\0${rel}\0`).update(fs.readFileSync(path.join(root, rel)));
      }
    }
  };
  walk("");
  return hash.digest("hex");
}

/** Runs `tsc` (command and arguments) unless nothing changed since it last passed; the exit code. */
function typecheck(root, tsc, env = process.env, log = console.log) {
  const cache = path.join(root, "node_modules", ".cache", "gke-istio-cdktf");
  const stamp = path.join(cache, "typecheck-passed");
  const useCache = env.GKE_ISTIO_TYPECHECK_CACHE !== "off";
  const before = useCache ? inputsHash(root) : "";
  if (useCache && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === before) {
    log("typecheck: nothing changed since the last passing check");
    return 0;
  }
  const run = spawnSync(tsc[0], tsc.slice(1), { cwd: root, stdio: "inherit" });
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

module.exports = { inputsHash, typecheck };

if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  const tsbuildinfo = path.join(root, "node_modules", ".cache", "gke-istio-cdktf", "tsbuildinfo");
  process.exit(
    typecheck(root, [
      process.execPath,
      require.resolve("typescript/bin/tsc"),
      "--noEmit",
      "--incremental",
      "--tsBuildInfoFile",
      tsbuildinfo,
    ]),
  );
}
