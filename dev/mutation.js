#!/usr/bin/env node
// `npm run mutation [-- stryker options]`: Stryker, with the shared tools named by absolute path.
// Stryker runs the tests in a sandbox under .stryker-tmp/, where `../shared` (the offline
// terraform validator and Istio's packaged charts, found beside the project root) does not
// resolve; the tests read TFVALIDATE_JS and HELMRENDER_CHARTS first.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const shared = path.resolve(__dirname, "..", "..", "shared");
const env = { ...process.env };
const validator = path.join(shared, "tfvalidate", "validate.js");
const charts = path.join(shared, "helmrender", "charts");
if (!env.TFVALIDATE_JS && fs.existsSync(validator)) env.TFVALIDATE_JS = validator;
if (!env.HELMRENDER_CHARTS && fs.existsSync(charts)) env.HELMRENDER_CHARTS = charts;

const args = process.argv.slice(2);
const run = spawnSync("npx", ["stryker", "run", ...args], { stdio: "inherit", env });

// The incremental file is committed: Stryker writes it with this machine's paths in the reasons
// of failed mutants (and the project root); rewrite it portable (dev/mutation-merge.js).
const named = args.indexOf("--incrementalFile");
const incremental = path.resolve(
  named >= 0 ? args[named + 1] : path.join(__dirname, "..", "mutation", "stryker-incremental.json"),
);
if (fs.existsSync(incremental)) {
  const { merge } = require("./mutation-merge");
  const report = JSON.parse(fs.readFileSync(incremental, "utf8"));
  fs.writeFileSync(incremental, JSON.stringify(merge([report])));
}
process.exit(run.status ?? 1);
