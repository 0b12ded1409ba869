#!/usr/bin/env node
// Compares two cdktf.out folders: node .ci/compare-out.js <a> <b> [--as-json]
// Default: every file byte for byte. --as-json: the stacks' cdk.tf.json parsed, with the engine's
// version in their metadata set aside, and every other file byte for byte; the stacks whose bytes
// differ are listed with what differs (the version, or only the layout of the JSON).
// Exit 1 when a file is missing on one side or differs beyond that.
const fs = require("fs");
const path = require("path");
const { isDeepStrictEqual } = require("util");

const [a, b, mode] = process.argv.slice(2);
const asJson = mode === "--as-json";

function files(dir) {
  const out = [];
  const walk = (at) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  // manifest.json names the engine's version and the CLI's bookkeeping, not the stacks.
  return out.filter((f) => f !== "manifest.json").sort();
}

const left = files(a);
const right = files(b);
const problems = [];
const notes = [];
for (const f of left.filter((x) => !right.includes(x))) problems.push(`only in ${a}: ${f}`);
for (const f of right.filter((x) => !left.includes(x))) problems.push(`only in ${b}: ${f}`);
if (left.length === 0) problems.push(`${a} holds no file`);
for (const f of left.filter((x) => right.includes(x))) {
  const x = fs.readFileSync(path.join(a, f));
  const y = fs.readFileSync(path.join(b, f));
  if (x.equals(y)) continue;
  if (!asJson || !f.endsWith(".json")) {
    problems.push(`differs: ${f}`);
    continue;
  }
  const px = JSON.parse(x.toString());
  const py = JSON.parse(y.toString());
  const versions = [px["//"]?.metadata?.version, py["//"]?.metadata?.version];
  for (const p of [px, py]) if (p["//"]?.metadata) delete p["//"].metadata.version;
  if (!isDeepStrictEqual(px, py)) {
    problems.push(`differs as JSON: ${f}`);
    continue;
  }
  const sameButVersion =
    x.toString().replace(`"version": "${versions[0]}"`, `"version": "${versions[1]}"`) ===
    y.toString();
  const layout = sameButVersion ? "" : "layout (the same JSON written differently), ";
  notes.push(`${f}: ${layout}version ${versions.join(" vs ")}`);
}
const count = left.length;
if (problems.length > 0) {
  process.stderr.write(`${a} vs ${b}: ${problems.length} problems\n${problems.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(
  `${a} vs ${b}: ${count} files, equal byte for byte${notes.length ? `, but ${notes.length} equal only as JSON:\n${notes.join("\n")}` : ""}\n`,
);
