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

const run = spawnSync("npx", ["stryker", "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
process.exit(run.status ?? 1);
