import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CHART_KEYS_FILE,
  chartKeysOf,
  chartTopLevelKeys,
  formatChartKeys,
  SHARED_CHARTS,
} from "../../upstream/chart-keys";

// config/chart-keys.json (the values synth knows per chart) is derived from Istio's real charts.
const haveCharts = fs.existsSync(SHARED_CHARTS);
if (!haveCharts) console.warn(`chart-keys check skipped: no charts folder ${SHARED_CHARTS}`);

(haveCharts ? test : test.skip)(
  "the committed config/chart-keys.json matches the charts (else: npm run chart-keys)",
  () => {
    expect(fs.readFileSync(CHART_KEYS_FILE, "utf8")).toBe(
      formatChartKeys(chartKeysOf(SHARED_CHARTS)),
    );
  },
);

test("declared keys, keys the templates read, and subcharts count; nothing else", () => {
  const chart = fs.mkdtempSync(path.join(os.tmpdir(), "chart-keys-"));
  try {
    fs.mkdirSync(path.join(chart, "templates"));
    fs.mkdirSync(path.join(chart, "charts", "sub", "templates"), { recursive: true });
    fs.writeFileSync(
      path.join(chart, "values.yaml"),
      "declared: 1\n_internal_defaults_do_not_set:\n  inner: 2\n",
    );
    fs.writeFileSync(
      path.join(chart, "templates", "a.yaml"),
      '{{ .Values.read.deep }} {{ (.Values).paren }} {{ index $.Values "indexed" }}\n',
    );
    fs.writeFileSync(
      path.join(chart, "charts", "sub", "templates", "b.yaml"),
      "{{ .Values.subOnly }}\n",
    );
    expect(chartTopLevelKeys(chart)).toEqual([
      "declared",
      "indexed",
      "inner",
      "paren",
      "read",
      "sub",
    ]);
  } finally {
    fs.rmSync(chart, { recursive: true, force: true });
  }
});
