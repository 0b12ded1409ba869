#!/usr/bin/env node
// `npm run mutation:score [-- report.json] [--survivors] [--ranges]`: the mutation score per
// mutated folder, from Stryker's JSON report (reports/mutation/mutation.json by default), as a
// Markdown table; --survivors also lists each surviving or uncovered mutant: file:line, mutator,
// replacement; --ranges prints only the `--mutate` list (file:first-last, comma-separated) that
// holds every such mutant whole, for `npm run mutation -- --force --mutate <list>` after adding
// tests (incremental mode does not retest a static survivor by itself).
// Score as Stryker counts it: (killed + timeout) / (killed + timeout + survived + no coverage);
// compile errors, runtime errors and ignored mutants are not valid mutants.
const fs = require("fs");
const path = require("path");

const FOLDERS = ["config", "policy", "constructs", "stacks"];
const args = process.argv.slice(2);
const file =
  args.find((a) => !a.startsWith("--")) ||
  path.join(__dirname, "..", "reports", "mutation", "mutation.json");
const report = JSON.parse(fs.readFileSync(file, "utf8"));

const empty = () => ({
  Killed: 0,
  Timeout: 0,
  Survived: 0,
  NoCoverage: 0,
  RuntimeError: 0,
  other: 0,
});
const byFolder = Object.fromEntries([...FOLDERS, "total"].map((f) => [f, empty()]));
let compileErrors = 0;
let ignored = 0;
let statics = 0;
for (const [name, { mutants }] of Object.entries(report.files)) {
  const folder = name.split(/[\\/]/)[0];
  for (const mutant of mutants) {
    if (mutant.static) statics++;
    if (mutant.status === "CompileError") compileErrors++;
    else if (mutant.status === "Ignored") ignored++;
    else
      for (const counts of [byFolder[folder], byFolder.total].filter(Boolean))
        counts[mutant.status in counts ? mutant.status : "other"]++;
  }
}

/** file:first-last ranges holding every surviving or uncovered mutant whole, merged. */
function survivorRanges(files) {
  const out = [];
  for (const [name, { mutants }] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const spans = mutants
      .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
      .map((m) => [m.location.start.line, m.location.end.line])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current;
    for (const [start, end] of spans) {
      if (current && start <= current[1] + 1) current[1] = Math.max(current[1], end);
      else out.push((current = [start, end, name]));
    }
  }
  return out.map(([start, end, name]) => `${name}:${start}-${end}`).join(",");
}
if (args.includes("--ranges")) {
  console.log(survivorRanges(report.files));
  process.exit(0);
}

const pct = (n, d) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)} %`);
console.log(
  "| folder | score | killed | timeout | survived | no coverage | runtime error | valid mutants |",
);
console.log("| --- | --: | --: | --: | --: | --: | --: | --: |");
for (const [folder, c] of Object.entries(byFolder)) {
  const valid = c.Killed + c.Timeout + c.Survived + c.NoCoverage;
  const detected = c.Killed + c.Timeout;
  const name = folder === "total" ? "**total**" : `\`${folder}/\``;
  console.log(
    `| ${name} | ${pct(detected, valid)} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.RuntimeError} | ${valid} |`,
  );
}
console.log(
  `\n${compileErrors} compile errors (discarded), ${ignored} ignored, ${statics} static mutants.`,
);

if (args.includes("--survivors"))
  for (const [name, { mutants }] of Object.entries(report.files).sort())
    for (const m of mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage"))
      console.log(
        `${name}:${m.location.start.line} ${m.status} ${m.mutatorName}${m.static ? " (static)" : ""}: ${JSON.stringify(m.replacement)}`,
      );
