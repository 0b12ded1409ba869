// The top-level values each Istio chart knows: the keys its values.yaml declares, the keys its
// own templates read (`.Values.<key>`, `index .Values "<key>"`) and its subcharts. Helm ignores
// any other value silently, so synth warns about istio.values keys outside this list.
// The library of `npm run chart-keys` (commands/chart-keys.ts); the tests' Helm render reads it too.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { parse as parseYaml } from "yaml";

export const ROOT = path.resolve(__dirname, "..");
export const CHART_KEYS_FILE = path.join(ROOT, "config", "chart-keys.json");
export const SHARED_CHARTS = path.resolve(ROOT, "..", "shared", "helmrender", "charts");

/** chart → minor ("1.30") → sorted top-level keys. */
export type ChartKeys = Record<string, Record<string, string[]>>;

/** Files of a chart (a packaged .tgz or a folder), by path below the chart's root folder. */
export function chartFiles(chart: string): Map<string, string> {
  const files = new Map<string, string>();
  if (fs.statSync(chart).isDirectory()) {
    const walk = (rel: string) => {
      for (const e of fs.readdirSync(path.join(chart, rel), { withFileTypes: true })) {
        const child = path.posix.join(rel, e.name);
        if (e.isDirectory()) walk(child);
        else files.set(child, fs.readFileSync(path.join(chart, child), "utf8"));
      }
    };
    walk("");
    return files;
  }
  // A .tgz: every entry sits below one folder named after the chart.
  for (const [name, data] of untar(zlib.gunzipSync(fs.readFileSync(chart)))) {
    files.set(name.split("/").slice(1).join("/"), data.toString("utf8"));
  }
  return files;
}

/** Regular files of a tar archive (ustar, with pax and GNU long names). */
function untar(tar: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let longName: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header.toString("utf8", start, start + length).replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1) || "0";
    const data = tar.subarray(at + 512, at + 512 + size);
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    if (type === "x") longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString("utf8"))?.[1];
    else if (type === "L") longName = data.toString("utf8").replace(/\0.*$/s, "");
    else if (type === "0") out.set(name, Buffer.from(data));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

const cache = new Map<string, string[]>();

/** The top-level keys a chart declares or reads (memoized per chart file). */
export function chartTopLevelKeys(chart: string): string[] {
  const hit = cache.get(chart);
  if (hit) return hit;
  const files = chartFiles(chart);
  const keys = new Set<string>();
  const declared = (parseYaml(files.get("values.yaml") ?? "") ?? {}) as Record<string, unknown>;
  // Istio's current charts keep their defaults one level down, under this key.
  const { _internal_defaults_do_not_set: inner, ...rest } = declared;
  for (const k of Object.keys(rest)) keys.add(k);
  for (const k of Object.keys((inner as Record<string, unknown>) ?? {})) keys.add(k);
  for (const [file, text] of files) {
    const sub = /^charts\/([^/]+)\//.exec(file);
    if (sub) {
      keys.add(sub[1]); // a subchart's values live under its name
      continue;
    }
    if (!/^(templates|files)\//.test(file)) continue;
    for (const m of text.matchAll(/\.Values\)?\.([A-Za-z_][A-Za-z0-9_]*)/g)) keys.add(m[1]);
    for (const m of text.matchAll(/index \$?\.Values "([^"]+)"/g)) keys.add(m[1]);
  }
  const sorted = [...keys].sort();
  cache.set(chart, sorted);
  return sorted;
}

/** Every chart of a charts folder (`<chart>-<x.y.z>.tgz`), by name and minor. */
export function chartKeysOf(chartsDir: string): ChartKeys {
  const out: ChartKeys = {};
  for (const f of fs.readdirSync(chartsDir).sort()) {
    const m = /^(.+)-(\d+\.\d+)\.\d+\.tgz$/.exec(f);
    if (!m) continue;
    (out[m[1]] ??= {})[m[2]] = chartTopLevelKeys(path.join(chartsDir, f));
  }
  return out;
}

export const formatChartKeys = (keys: ChartKeys) => JSON.stringify(keys, null, 2) + "\n";
