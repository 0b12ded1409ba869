import * as fs from "fs";
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { merge, portableReason } = require("../../dev/mutation-merge") as {
  merge(reports: Report[]): Report;
  portableReason(reason: string, root: string): string;
};

interface Test {
  id: string;
  name: string;
  location: { start: { line: number; column: number } };
}
interface Mutant {
  id: string;
  status: string;
  statusReason?: string;
  coveredBy?: string[];
  killedBy?: string[];
}
interface Report {
  projectRoot?: string;
  schemaVersion?: string;
  files: Record<string, { source: string; mutants: Mutant[] }>;
  testFiles: Record<string, { source: string; tests: Test[] }>;
}

const test_ = (id: string, name: string, line: number): Test => ({
  id,
  name,
  location: { start: { line, column: 2 } },
});

/** A run over `config/`: test ids numbered by that run. */
const configRun: Report = {
  projectRoot: "/home/a/project",
  files: {
    "config/schema.ts": {
      source: "config",
      mutants: [
        { id: "1", status: "Killed", coveredBy: ["0", "1"], killedBy: ["1"] },
        {
          id: "2",
          status: "Survived",
          coveredBy: ["0"],
          statusReason:
            "Error: x\n    at f (/home/a/project/.stryker-tmp/sandbox-AbC12/config/schema.ts:3:1)\n    at g (/home/a/project/node_modules/jest-circus/build/a.js:1:1)",
        },
      ],
    },
  },
  testFiles: {
    "__tests__/a.test.ts": {
      source: "a1",
      tests: [test_("0", "a one", 3), test_("1", "a two", 9)],
    },
  },
};
/** A later run over `stacks/`, with other ids, a changed a.test.ts and a new test file. */
const stacksRun: Report = {
  projectRoot: "/ci/project",
  schemaVersion: "2",
  files: {
    "stacks/mesh.ts": {
      source: "stacks",
      mutants: [{ id: "1", status: "Killed", coveredBy: ["7", "5"], killedBy: ["5"] }],
    },
  },
  testFiles: {
    "__tests__/b.test.ts": { source: "b", tests: [test_("5", "b one", 4)] },
    "__tests__/a.test.ts": { source: "a2", tests: [test_("7", "a two", 9)] },
  },
};

describe("dev/mutation-merge.js", () => {
  const merged = merge([configRun, stacksRun]);

  test("holds every run's source files, sorted, and the later run's version of a test file", () => {
    expect(Object.keys(merged.files)).toEqual(["config/schema.ts", "stacks/mesh.ts"]);
    expect(merged.testFiles["__tests__/a.test.ts"].source).toBe("a2");
    expect(merged.schemaVersion).toBe("2");
    expect(merged.projectRoot).toBeUndefined();
  });

  test("renumbers tests once, in file order, and maps each run's ids through file, line and name", () => {
    expect(merged.testFiles).toEqual({
      "__tests__/a.test.ts": { source: "a2", tests: [test_("0", "a two", 9)] },
      "__tests__/b.test.ts": { source: "b", tests: [test_("1", "b one", 4)] },
    });
    const [killed, survived] = merged.files["config/schema.ts"].mutants;
    // "a one" is gone from the later a.test.ts: dropped, so Stryker cannot reuse it by mistake.
    expect(killed).toMatchObject({ coveredBy: ["0"], killedBy: ["0"] });
    expect(survived.coveredBy).toEqual([]);
    expect(merged.files["stacks/mesh.ts"].mutants[0]).toMatchObject({
      coveredBy: ["0", "1"],
      killedBy: ["1"],
    });
  });

  test("reasons keep no path of the machine and no frame inside node_modules", () => {
    const [, survived] = merged.files["config/schema.ts"].mutants;
    expect(survived.statusReason).toBe("Error: x\n    at f (config/schema.ts:3:1)");
    expect(portableReason("at /r/x.ts and /r/.stryker-tmp/sandbox-1/y.ts", "/r")).toBe(
      "at x.ts and y.ts",
    );
  });

  test("the committed incremental file is portable: no absolute path in it", () => {
    const file = path.join(__dirname, "..", "..", "mutation", "stryker-incremental.json");
    const text = fs.readFileSync(file, "utf8");
    const absolute = /[\s("]\/[^\s"()]*\/(?:node_modules|\.stryker-tmp)\//g;
    expect(text.match(absolute) ?? []).toEqual([]);
    expect(JSON.parse(text).projectRoot).toBeUndefined();
  });
});
