#!/usr/bin/env node
// Speed and memory of the app, checked against targets (`npm run bench`).
// Not part of `npm test`: timings depend on the machine, so tests never assert them.
"use strict";
const cp = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const rss = path.join(__dirname, "report-rss.js");
const RUNS = Number(process.env.BENCH_RUNS || 3);

/** Budgets on a 2-core machine; a plain cdktf project (ts-node, root imports) misses them by far. */
const TARGETS = {
  "app synth, warm transpile cache": { seconds: 2.5, megabytes: 200 },
  "app synth, cold transpile cache": { seconds: 5, megabytes: 300 },
  "cdktf synth (npm run synth)": { seconds: 10, megabytes: 300 },
};
const register = path.join(__dirname, "register-ts.js");
const APP = ["--require", rss, "--require", register, "main.ts"];

/** `perRun` gives environment variables that must differ between runs (a fresh cache folder). */
function run(label, command, args, env = {}, perRun = () => ({})) {
  const times = [];
  let peak = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
    const start = process.hrtime.bigint();
    const r = cp.spawnSync(command, args, {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: out, ...env, ...perRun() },
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    fs.rmSync(out, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`${label} failed:\n${r.stdout}\n${r.stderr}`);
    for (const m of `${r.stdout}\n${r.stderr}`.matchAll(/BENCH_MAX_RSS_KB=(\d+)/g))
      peak = Math.max(peak, Number(m[1]));
  }
  times.sort((a, b) => a - b);
  return { label, median: times[Math.floor(times.length / 2)], min: times[0], peakMb: peak / 1024 };
}

// One run to fill the transpile cache, so "warm" is what every synth after the first sees.
run("warm-up", process.execPath, APP);
const results = [
  run("app synth, warm transpile cache", process.execPath, APP),
  run("app synth, cold transpile cache", process.execPath, APP, {}, () => ({
    GKE_ISTIO_TS_CACHE: fs.mkdtempSync(path.join(os.tmpdir(), "bench-cache-")),
  })),
  run("cdktf synth (npm run synth)", path.join(root, "node_modules", ".bin", "cdktf"), ["synth"], {
    NODE_OPTIONS: `--max-old-space-size=4096 --require ${rss}`,
  }),
];
// For scale: what one provider root import alone costs (the import style the lint rule forbids).
const rootImport = run("reference: require('@cdktf/provider-google-beta') root", process.execPath, [
  "--require",
  rss,
  "-e",
  "require('@cdktf/provider-google-beta')",
]);

let failed = false;
console.log(`runs per measure: ${RUNS} (median wall time; peak RSS of the synthesizing process)`);
for (const r of [...results, rootImport]) {
  const target = TARGETS[r.label];
  const ok = !target || (r.median <= target.seconds && r.peakMb <= target.megabytes);
  failed ||= !ok;
  const budget = target
    ? `  target <= ${target.seconds} s, <= ${target.megabytes} MB  ${ok ? "ok" : "MISSED"}`
    : "";
  console.log(
    `${r.label.padEnd(56)} ${r.median.toFixed(2).padStart(6)} s  ${r.peakMb.toFixed(0).padStart(5)} MB${budget}`,
  );
}
process.exit(failed ? 1 : 0);
