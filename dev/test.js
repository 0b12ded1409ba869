#!/usr/bin/env node
// `npm test`: the type check, the linter and format check, and jest, at the same time, because
// on a 2-core machine the two short checks fit in the gaps jest leaves (its start, its last
// files). jest's output streams as it runs; each check prints its output when it ends. The exit
// code is 1 when any of the three failed. Arguments go to jest (`npm test -- __tests__/config`).
const { spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const cache = path.join(root, "node_modules", ".cache", "gke-istio-cdktf");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

// Each check is skipped when nothing changed since it last passed (dev/unless-unchanged.js).
const check = (name, label, tool, args) => ({
  name: `${name} (${label})`,
  command: process.execPath,
  args: [path.join(__dirname, "unless-unchanged.js"), name, bin(tool), ...args],
});
const checks = [
  check("typecheck", "tsc --noEmit", "tsc", [
    "--noEmit",
    "--incremental",
    "--tsBuildInfoFile",
    path.join(cache, "tsbuildinfo"),
  ]),
  check("lint", "eslint", "eslint", [
    "--cache",
    "--cache-location",
    path.join(cache, "eslint") + path.sep,
    ".",
  ]),
  check("format", "prettier --check", "prettier", [
    "--check",
    "--cache",
    "--cache-location",
    path.join(cache, "prettier-cache"),
    ".",
  ]),
];

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, ...options });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/**
 * Runs the checks and the main command at once; resolves to the exit code (1 when any failed).
 * `write` takes the summary lines and the checks' output.
 */
async function runAll(checkList, main, write = (text) => process.stderr.write(text)) {
  const started = Date.now();
  const pending = checkList.map(async (check) => {
    const r = await run(check.command, check.args, {});
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const status = r.code === 0 ? "ok" : `FAILED (exit ${r.code})`;
    write(`\n${check.name}: ${status}, ${seconds} s\n`);
    if (r.code !== 0 || r.output.trim()) write(r.output);
    return r.code;
  });
  const mainRun = run(main.command, main.args, { stdio: "inherit" });
  const codes = await Promise.all([...pending, mainRun.then((r) => r.code)]);
  const failed = checkList.filter((_, i) => codes[i] !== 0).map((c) => c.name);
  if (codes[codes.length - 1] !== 0) failed.push(main.name);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  write(
    failed.length
      ? `\nnpm test: FAILED: ${failed.join(", ")}\n`
      : `\nnpm test: ${[...checkList.map((c) => c.name), main.name].join(", ")} passed in ${seconds} s\n`,
  );
  return failed.length ? 1 : 0;
}

module.exports = { runAll };

if (require.main === module) {
  const jest = { name: "jest", command: bin("jest"), args: process.argv.slice(2) };
  runAll(checks, jest).then((code) => process.exit(code));
}
