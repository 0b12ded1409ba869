// The house's map (dev/rooms.ts): every import runs the way the table allows, no two files import
// each other, and docs/contributing.md opens with the same table. The checker itself is proven on
// a planted project: a back-import, a cycle, a require from boot/ and a file in no room each fail.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatRemembered } from "../tools/prettier-format";
import {
  codeFiles,
  docWithRooms,
  importCycles,
  importProblems,
  importsOf,
  roomOf,
  ROOMS,
  ROOMS_DOC,
} from "../../dev/rooms";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the project", () => {
  test("every import runs down the rooms of dev/rooms.ts, and no two files import each other", () => {
    expect(importProblems(ROOT)).toEqual([]);
  });

  test("the scan sees the project: the app's chain of imports and the boot path", () => {
    const files = codeFiles(ROOT);
    expect(files).toEqual(
      expect.arrayContaining(["main.ts", "boot/register-ts.js", "commands/synth.ts"]),
    );
    expect(files.some((f) => f.startsWith("node_modules/"))).toBe(false);
    expect(importsOf(ROOT, "main.ts")).toEqual(
      expect.arrayContaining(["config/load.ts", "stacks/environment-stacks.ts"]),
    );
    expect(importsOf(ROOT, "boot/register-ts.js")).toContain("boot/resolve-cache.js");
  });

  test("every room of the table exists", () => {
    for (const room of ROOMS)
      expect([room.path, fs.existsSync(path.join(ROOT, room.path))]).toEqual([room.path, true]);
  });

  test(`${ROOMS_DOC} opens with the map (npm run rooms rewrites it)`, () => {
    const doc = fs.readFileSync(path.join(ROOT, ROOMS_DOC), "utf8");
    expect(docWithRooms(doc, formatRemembered)).toBe(doc);
    expect(doc.indexOf("<!-- rooms:start -->")).toBeLessThan(doc.indexOf("\n## Layout"));
  });
});

describe("the checker, on a planted project", () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-"));
    write("facts/fact.ts", "export const FACT = 1;\n");
    write("config/rule.ts", 'import { FACT } from "../facts/fact";\nexport const RULE = FACT;\n');
    write(
      "constructs/part.ts",
      'import { RULE } from "../config/rule";\nexport const PART = RULE;\n',
    );
    write("boot/loader.js", 'const fs = require("fs");\nmodule.exports = fs;\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("imports that run down pass", () => {
    expect(importProblems(root)).toEqual([]);
  });

  test("a planted back-import (config/ importing constructs/) fails, and so does the cycle it closes", () => {
    write(
      "config/rule.ts",
      'import { FACT } from "../facts/fact";\nimport { PART } from "../constructs/part";\nexport const RULE = FACT;\nexport const BACK = PART;\n',
    );
    expect(importProblems(root)).toEqual([
      "config/rule.ts imports constructs/part.ts: config/ may import policy/, facts/",
      "files that import each other (a cycle): config/rule.ts, constructs/part.ts",
    ]);
  });

  test("two files of one room that import each other fail; a type-only import counts", () => {
    write("config/a.ts", 'import type { B } from "./b";\nexport type A = B;\n');
    write(
      "config/b.ts",
      'import { a } from "./a";\nexport type B = number;\nexport const b = a;\n',
    );
    expect(importProblems(root)).toEqual([
      "files that import each other (a cycle): config/a.ts, config/b.ts",
    ]);
  });

  test("require() from boot/ into the app fails; a file in no room fails", () => {
    write("boot/loader.js", 'module.exports = require("../config/rule");\n');
    write("scripts/tool.js", "module.exports = 1;\n");
    expect(importProblems(root)).toEqual([
      "boot/loader.js imports config/rule.ts: boot/ may import nothing of the project",
      "scripts/tool.js: in no room of dev/rooms.ts (add its folder to ROOMS)",
    ]);
  });

  test("roomOf takes the longest path; importCycles finds a chain of three", () => {
    expect(roomOf("__tests__/fuzz-environments.ts")?.path).toBe("__tests__/");
    expect(roomOf("main.ts")?.path).toBe("main.ts");
    expect(roomOf("mainly.ts")).toBeUndefined();
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(importCycles(graph)).toEqual([["a", "b", "c"]]);
    expect(importCycles(new Map([["s", ["s"]]]))).toEqual([["s"]]);
  });
});
