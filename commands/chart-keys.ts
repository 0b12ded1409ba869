// The top-level values each Istio chart knows: the keys its values.yaml declares, the keys its
// own templates read (`.Values.<key>`, `index .Values "<key>"`) and its subcharts. Helm ignores
// any other value silently, so synth warns about istio.values keys outside this list.
//   npm run chart-keys            writes config/chart-keys.json from ../shared/helmrender/charts
//   npm run chart-keys -- --check exits 1 when the committed file and the charts disagree
import * as fs from "fs";
import * as path from "path";
import {
  CHART_KEYS_FILE,
  chartKeysOf,
  formatChartKeys,
  ROOT,
  SHARED_CHARTS,
} from "../upstream/chart-keys";

if (!fs.existsSync(SHARED_CHARTS)) {
  console.error(`no charts folder at ${path.relative(ROOT, SHARED_CHARTS)}`);
  process.exit(2);
}
const fresh = formatChartKeys(chartKeysOf(SHARED_CHARTS));
const where = path.relative(ROOT, CHART_KEYS_FILE);
if (process.argv.includes("--check")) {
  const current = fs.existsSync(CHART_KEYS_FILE) ? fs.readFileSync(CHART_KEYS_FILE, "utf8") : "";
  if (current !== fresh) {
    console.error(`${where} is out of date; run \`npm run chart-keys\` and commit the result`);
    process.exit(1);
  }
  console.log(`${where} is up to date`);
} else {
  fs.writeFileSync(CHART_KEYS_FILE, fresh);
  console.log(`${where} written`);
}
