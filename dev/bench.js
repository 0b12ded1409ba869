#!/usr/bin/env node
// Speed and memory against the targets of docs/speed.md (`npm run bench`); exits 1 when one is
// missed. Not part of `npm test`: timings depend on the machine, so tests never assert them.
// Every measure runs BENCH_RUNS times (default 3), the measures alternating, and its median is
// compared with its target; relative targets compare with a reference measured in the same run.
//   npm run bench                        every measure
//   npm run bench -- --only app,fleet100 some of them (keys in the first column of the table)
//   npm run bench -- --skip test,baseline
"use strict";
const cp = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const YAML = require("yaml");

const root = path.resolve(__dirname, "..");
const rss = path.join(__dirname, "report-rss.js");
const register = path.join(root, "boot", "register-ts.js");
const RUNS = Number(process.env.BENCH_RUNS || 3);
const BASELINE = path.resolve(root, "../shared/baseline");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-bench-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

const argList = (flag) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? (process.argv[i + 1] || "").split(",") : undefined;
};
const only = argList("--only");
const skip = argList("--skip") || [];

/** An environment file of `count` environments: the default file's, renamed, round-robin. */
function fleetFile(count) {
  const base = YAML.parse(fs.readFileSync(path.join(root, "config/environments.yaml"), "utf8"));
  const environments = Array.from({ length: count }, (_, i) => {
    const env = JSON.parse(JSON.stringify(base.environments[i % base.environments.length]));
    env.name = `${env.name}-${i}`;
    if (env.cluster && env.cluster.name) env.cluster.name = `${env.cluster.name}-${i}`;
    return env;
  });
  const file = path.join(tmp, `fleet-${count}.yaml`);
  fs.writeFileSync(file, YAML.stringify({ ...base, environments }));
  return file;
}

/** The floor: `cdktf synth` of an app with one empty stack, with this project's cdktf. */
function floorProject() {
  const dir = path.join(tmp, "floor");
  fs.mkdirSync(dir);
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.writeFileSync(
    path.join(dir, "app.js"),
    'const { App, TerraformStack } = require("cdktf");\nconst app = new App();\nnew TerraformStack(app, "empty");\napp.synth();\n',
  );
  const config = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ ...config, app: "node app.js" }));
  return dir;
}

/** ../shared/baseline installed once per machine (keyed by its package.json), or why not. */
function baselineProject() {
  if (!fs.existsSync(BASELINE)) return { skipped: `${BASELINE} is not there` };
  const manifest = fs.readFileSync(path.join(BASELINE, "package.json"));
  const key = crypto.createHash("sha256").update(manifest).digest("hex").slice(0, 12);
  const dir = path.join(os.tmpdir(), `gke-istio-bench-baseline-${key}`);
  if (!fs.existsSync(path.join(dir, "node_modules", ".bin", "cdktf"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(BASELINE, dir, { recursive: true });
    for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
    process.stderr.write(`installing the baseline into ${dir} (once)...\n`);
    const r = cp.spawnSync("npm", ["install", "--no-audit", "--no-fund"], {
      cwd: dir,
      encoding: "utf8",
    });
    if (r.status !== 0)
      return { failed: `npm install of the baseline failed: ${r.stderr.slice(-300)}` };
  }
  return { dir };
}

const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** One run: wall seconds and the peak RSS of the largest process (report-rss.js or time -f %M). */
function runOnce(m) {
  const out = fs.mkdtempSync(path.join(tmp, "out-"));
  const env = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    CDKTF_OUTDIR: out,
    // Whole trees (npm test) are measured by time(1): the hook's output would reach their tests.
    ...(m.wholeTree ? {} : { NODE_OPTIONS: `--require ${rss}` }),
    ...m.env,
  };
  const [command, args] =
    m.wholeTree && TIME
      ? [TIME, ["-f", "BENCH_MAX_RSS_KB=%M BENCH_TREE_CPU_S=%U+%S", m.command, ...m.args]]
      : [m.command, m.args];
  const start = process.hrtime.bigint();
  const r = cp.spawnSync(command, args, {
    cwd: m.cwd || root,
    encoding: "utf8",
    env,
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  fs.rmSync(out, { recursive: true, force: true });
  if (r.status !== 0)
    throw new Error(
      `${m.label} failed (exit ${r.status}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`,
    );
  const text = `${r.stdout}\n${r.stderr}`;
  let peak = 0;
  for (const x of text.matchAll(/BENCH_MAX_RSS_KB=(\d+)/g)) peak = Math.max(peak, Number(x[1]));
  // CPU time of every process: less disturbed than wall time by other work on the machine.
  const tree = /BENCH_TREE_CPU_S=([\d.]+)\+([\d.]+)/.exec(text);
  const cpu = tree
    ? Number(tree[1]) + Number(tree[2])
    : [...text.matchAll(/BENCH_CPU_MS=(\d+)/g)].reduce((sum, x) => sum + Number(x[1]) / 1000, 0);
  process.stderr.write(
    `${m.key || m.label}: ${seconds.toFixed(2)} s, cpu ${cpu.toFixed(2)} s, ${(peak / 1024).toFixed(0)} MB\n`,
  );
  return { seconds, mb: peak / 1024, cpu };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The app as cdktf.json runs it (`node <flags> main.ts`).
const APP = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"))
  .app.split(" ")
  .slice(1);
const want = (key) => (!only || only.includes(key)) && !skip.includes(key);

// key, label, how to run it, and its target (a function of the medians measured so far).
const MEASURES = [
  {
    key: "floor",
    label: "floor: cdktf synth of an empty-stack app",
    command: bin("cdktf"),
    args: ["synth"],
    cwd: "floor",
  },
  {
    key: "synth",
    label: "cdktf synth (the CLI), the default stacks",
    command: bin("cdktf"),
    args: ["synth"],
    target: (r) =>
      r.floor && {
        seconds: r.floor.seconds + 0.4,
        text: `<= floor + 0.4 s (${(r.floor.seconds + 0.4).toFixed(2)} s)`,
      },
  },
  {
    key: "app",
    label: "app alone, default file, warm cache",
    command: process.execPath,
    args: APP,
    target: () => ({ seconds: 0.5, mb: 120 }),
  },
  {
    key: "fleet100",
    label: "app alone, 100 environments",
    command: process.execPath,
    args: APP,
    env: () => ({ GKE_ISTIO_CONFIG: fleetFile(100) }),
    target: () => ({ seconds: 3, mb: 400 }),
  },
  {
    key: "fleet1000",
    label: "app alone, 1000 environments",
    command: process.execPath,
    args: APP,
    env: () => ({ GKE_ISTIO_CONFIG: fleetFile(1000) }),
    target: (r) => {
      const linear = r.fleet100 ? 11 * r.fleet100.seconds : Infinity;
      return {
        seconds: Math.min(30, linear),
        mb: 1536,
        text: `<= 30 s and <= 11x 100 envs (${linear.toFixed(1)} s), <= 1.5 GB`,
      };
    },
  },
  {
    key: "generated",
    label: "npm run generated -- --check, default file",
    command: process.execPath,
    args: [
      "--require",
      register,
      "commands/generated.ts",
      "--check",
      "--out",
      "node_modules/.cache/gke-istio-bench-generated",
    ],
    prepare: () =>
      cp.execFileSync(
        process.execPath,
        [
          "--require",
          register,
          "commands/generated.ts",
          "--out",
          "node_modules/.cache/gke-istio-bench-generated",
        ],
        {
          cwd: root,
          stdio: "ignore",
        },
      ),
    wholeTree: true,
    target: () => ({ seconds: 2.5 }),
  },
  {
    key: "test",
    label: "npm test (whole, warm node_modules)",
    command: "npm",
    args: ["test", "--silent"],
    wholeTree: true,
    target: () => ({ seconds: 30, mb: 600 }),
  },
  {
    key: "baseline",
    label: "reference: cdktf init baseline, cdktf synth",
    command: "npx",
    args: ["cdktf", "synth"],
    cwd: "baseline",
    env: () => ({ NODE_OPTIONS: `--max-old-space-size=4096 --require ${rss}` }),
  },
];

const measures = MEASURES.filter((m) => want(m.key));
const notes = [];
for (const m of measures) {
  if (m.cwd === "floor") m.cwd = floorProject();
  if (m.cwd === "baseline") {
    const b = baselineProject();
    if (!b.dir) {
      notes.push(`baseline not measured: ${b.skipped || b.failed}`);
      m.unavailable = b.failed || b.skipped;
      continue;
    }
    m.cwd = b.dir;
  }
  if (typeof m.env === "function") m.env = m.env();
  if (m.prepare) m.prepare();
}
const runs = Object.fromEntries(measures.map((m) => [m.key, []]));
// Alternating rounds: drift in the machine's load hits every measure alike.
const todo = measures.filter((m) => !m.unavailable);
runOnce({ label: "warm-up", command: process.execPath, args: APP }); // fills the transpile cache
for (let i = 0; i < RUNS; i++) for (const m of todo) runs[m.key].push(runOnce(m));

const results = {};
for (const m of todo) {
  results[m.key] = {
    seconds: median(runs[m.key].map((r) => r.seconds)),
    mb: Math.max(...runs[m.key].map((r) => r.mb)),
    cpu: median(runs[m.key].map((r) => r.cpu)),
  };
}

let failed = false;
const rows = [];
for (const m of measures) {
  const r = results[m.key];
  if (!r) {
    rows.push([m.key, m.label, "-", "-", "-", "not measured", ""]);
    continue;
  }
  const t = m.target && m.target(results);
  let verdict = "";
  if (t) {
    // No memory figure (time(1) missing for a whole tree) is a missed target, not a pass.
    const ok = r.seconds <= t.seconds && (t.mb === undefined || (r.mb > 0 && r.mb <= t.mb));
    failed ||= !ok;
    verdict = ok ? "ok" : "MISSED";
  }
  const target = t
    ? t.text || [`<= ${t.seconds} s`, t.mb && `<= ${t.mb} MB`].filter(Boolean).join(", ")
    : "";
  rows.push([
    m.key,
    m.label,
    `${r.seconds.toFixed(2)} s`,
    `cpu ${r.cpu.toFixed(2)} s`,
    r.mb ? `${r.mb.toFixed(0)} MB` : "?",
    target,
    verdict,
  ]);
}
if (results.baseline && results.synth) {
  const time = results.synth.seconds / results.baseline.seconds;
  const mem = results.synth.mb / results.baseline.mb;
  const ok = time <= 0.13 && mem <= 0.1;
  failed ||= !ok;
  rows.push([
    "ratio",
    "npm run synth / baseline",
    `time ${time.toFixed(3)}`,
    `cpu ${(results.synth.cpu / results.baseline.cpu).toFixed(3)}`,
    `memory ${mem.toFixed(3)}`,
    "<= 0.13 time, <= 0.10 memory",
    ok ? "ok" : "MISSED",
  ]);
} else if (want("baseline") && want("synth")) {
  failed = true;
  notes.push("the ratio to the baseline is a target: it was not measured");
}
console.log(
  `median of ${RUNS} runs, alternating; CPU time of all its processes (less disturbed by load); peak RSS of the largest process; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end`,
);
const widths = [0, 1, 2, 3, 4, 5, 6].map((i) =>
  Math.max(...rows.map((row) => String(row[i]).length)),
);
for (const row of rows)
  console.log(
    row
      .map((c, i) =>
        i === 2 || i === 3 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]),
      )
      .join("  ")
      .trimEnd(),
  );
for (const n of notes) console.log(`note: ${n}`);
if (only || skip.length)
  console.log("note: some measures were left out (--only/--skip): not every target was checked");
process.exit(failed ? 1 : 0);
