#!/usr/bin/env node
// `node dev/mutation-merge.js OUT IN...`: one Stryker incremental file from the reports of
// runs over different folders (`npm run mutation -- --mutate "config/**/*.ts"` and so on), so
// that the committed mutation/stryker-incremental.json holds every folder's results and the next
// `npm run mutation` reuses all of them. Stryker writes a report of what it mutated only, and
// numbers tests per run: ids are renumbered here from each test's file, line and name (what
// Stryker's incremental differ matches tests by). A later IN wins for a source or test file that
// several hold. Paths of the machine that ran Stryker are made relative to the project, and
// stack frames inside node_modules are dropped from the reasons: the file is committed.
const fs = require("fs");

/** What Stryker's incremental differ identifies a test by. */
const testKey = (file, test) => {
  const start = test.location?.start ?? { line: 0, column: 0 };
  return `${file}@${start.line}:${start.column}\n${test.name}`;
};

/** `reason` with the machine's absolute paths made relative and node_modules frames dropped. */
function portableReason(reason, root) {
  if (typeof reason !== "string") return reason;
  const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return reason
    .split("\n")
    .filter((line) => !/^\s+at .*node_modules/.test(line) && !/^\s+at .*node:internal/.test(line))
    .join("\n")
    .replace(new RegExp(`${escaped}/(?:\\.stryker-tmp/sandbox-[^/]+/)?`, "g"), "");
}

function merge(reports) {
  const out = { ...reports[reports.length - 1], files: {}, testFiles: {} };
  for (const report of reports) Object.assign(out.testFiles, report.testFiles ?? {});
  // Renumber: one id per test of the winning test files, in file and line order.
  const idOf = new Map();
  for (const file of Object.keys(out.testFiles).sort()) {
    out.testFiles[file] = {
      ...out.testFiles[file],
      tests: out.testFiles[file].tests.map((test) => {
        const id = String(idOf.size);
        idOf.set(testKey(file, test), id);
        return { ...test, id };
      }),
    };
  }
  for (const report of reports) {
    // This report's ids → keys; a test that a later report's version of its file no longer
    // holds (same file, line and name) is dropped from the mutants' lists (Stryker then retests what it killed).
    const keyOfId = new Map();
    for (const [file, entry] of Object.entries(report.testFiles ?? {}))
      for (const test of entry.tests) keyOfId.set(test.id, testKey(file, test));
    const translate = (ids) =>
      ids
        ?.map((id) => keyOfId.get(id))
        .filter((key) => key !== undefined && idOf.has(key))
        .map((key) => idOf.get(key));
    for (const [file, entry] of Object.entries(report.files)) {
      out.files[file] = {
        ...entry,
        mutants: entry.mutants.map((m) => ({
          ...m,
          statusReason: portableReason(m.statusReason, report.projectRoot ?? ""),
          ...(m.coveredBy && { coveredBy: translate(m.coveredBy) }),
          ...(m.killedBy && { killedBy: translate(m.killedBy) }),
        })),
      };
    }
  }
  out.files = Object.fromEntries(Object.entries(out.files).sort(([a], [b]) => a.localeCompare(b)));
  out.testFiles = Object.fromEntries(
    Object.entries(out.testFiles).sort(([a], [b]) => a.localeCompare(b)),
  );
  delete out.projectRoot;
  return out;
}

if (require.main === module) {
  const [outFile, ...inFiles] = process.argv.slice(2);
  if (!outFile || inFiles.length === 0) {
    console.error("usage: node dev/mutation-merge.js OUT IN...");
    process.exit(2);
  }
  const merged = merge(inFiles.map((f) => JSON.parse(fs.readFileSync(f, "utf8"))));
  fs.writeFileSync(outFile, JSON.stringify(merged));
  const mutants = Object.values(merged.files).reduce((n, f) => n + f.mutants.length, 0);
  console.log(
    `${outFile}: ${Object.keys(merged.files).length} source files, ${mutants} mutants, ${Object.keys(merged.testFiles).length} test files`,
  );
}

module.exports = { merge, portableReason, testKey };
