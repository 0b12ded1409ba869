import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.join(__dirname, "..", "..", "dev", "mutation-score.js");
const at = (line: number, endLine = line) => ({
  start: { line, column: 1 },
  end: { line: endLine, column: 9 },
});
/** A Stryker report: config/ with every status, policy/ with one static survivor. */
const REPORT = {
  files: {
    "config/a.ts": {
      mutants: [
        { status: "Killed", location: at(1), mutatorName: "BooleanLiteral", replacement: "false" },
        { status: "Timeout", location: at(2), mutatorName: "BlockStatement", replacement: "{}" },
        { status: "Survived", location: at(5, 7), mutatorName: "ObjectLiteral", replacement: "{}" },
        { status: "NoCoverage", location: at(8), mutatorName: "StringLiteral", replacement: '""' },
        { status: "Survived", location: at(20), mutatorName: "Regex", replacement: "/a/" },
        {
          status: "CompileError",
          location: at(3),
          mutatorName: "StringLiteral",
          replacement: '""',
        },
        {
          status: "RuntimeError",
          location: at(4),
          mutatorName: "ArrowFunction",
          replacement: "() => undefined",
        },
        { status: "Ignored", location: at(9), mutatorName: "StringLiteral", replacement: '""' },
      ],
    },
    "policy/b.ts": {
      mutants: [
        {
          status: "Survived",
          location: at(3),
          mutatorName: "EqualityOperator",
          replacement: "a < b",
          static: true,
        },
        {
          status: "Killed",
          location: at(4),
          mutatorName: "EqualityOperator",
          replacement: "a > b",
          static: true,
        },
      ],
    },
  },
};

let file = "";
beforeAll(() => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mutation-score-")), "mutation.json");
  fs.writeFileSync(file, JSON.stringify(REPORT));
});
afterAll(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
const run = (...args: string[]) =>
  cp
    .execFileSync(process.execPath, [SCRIPT, file, ...args], { encoding: "utf8" })
    .trim()
    .split("\n");

describe("dev/mutation-score.js", () => {
  test("scores each folder as Stryker does: (killed + timeout) / (killed + timeout + survived + no coverage)", () => {
    const lines = run();
    expect(lines.slice(2, 7)).toEqual([
      "| `config/` | 40.0 % | 1 | 1 | 2 | 1 | 1 | 5 |",
      "| `policy/` | 50.0 % | 1 | 0 | 1 | 0 | 0 | 2 |",
      "| `constructs/` | n/a | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| `stacks/` | n/a | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| **total** | 42.9 % | 2 | 1 | 3 | 1 | 1 | 7 |",
    ]);
    expect(lines[lines.length - 1]).toBe(
      "1 compile errors (discarded), 1 ignored, 2 static mutants.",
    );
  });

  test("--survivors lists each surviving or uncovered mutant", () => {
    expect(run("--survivors").slice(-4)).toEqual([
      'config/a.ts:5 Survived ObjectLiteral: "{}"',
      'config/a.ts:8 NoCoverage StringLiteral: "\\"\\""',
      'config/a.ts:20 Survived Regex: "/a/"',
      'policy/b.ts:3 Survived EqualityOperator (static): "a < b"',
    ]);
  });

  test("--ranges: the --mutate list holding each survivor whole, neighbours merged", () => {
    expect(run("--ranges")).toEqual(["config/a.ts:5-8,config/a.ts:20-20,policy/b.ts:3-3"]);
  });
});
