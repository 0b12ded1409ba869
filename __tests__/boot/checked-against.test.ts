// Each file of boot/ that replaces a dependency's behaviour names, in its header, what it replaces
// and the versions it was checked against ("Checked against: cdktf 0.21.0, node 22, ..."). These
// tests fail when the installed version is not one of them, or when the replaced function's shape
// changed: re-read the dependency, then update the header.
import * as fs from "fs";
import * as path from "path";
import NodeModule from "module";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(file, "utf8");
const packageDir = (name: string) =>
  path.dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] }));
const installedVersion = (name: string) =>
  (JSON.parse(read(path.join(packageDir(name), "package.json"))) as { version: string }).version;

/** The engine behind the `cdktf` import name: cdktf, or CDK Terrain (cdktn) through an alias. */
const engine = JSON.parse(read(path.join(packageDir("cdktf"), "package.json"))) as {
  name: string;
  version: string;
};

/** name -> versions, from a `// Checked against: a 1.2.3, node 22, ...` header line. */
function checkedAgainst(text: string): Map<string, string[]> {
  const line = text.match(/^\/\/ Checked against: (.+)\.$/m);
  const checked = new Map<string, string[]>();
  for (const entry of line ? line[1].split(", ") : []) {
    const [name, version] = entry.split(" ");
    checked.set(name, [...(checked.get(name) ?? []), version]);
  }
  return checked;
}

/** What the installed dependency's version is, in the header's terms (node: the major). */
function installed(name: string): string | undefined {
  if (name === "node") return process.versions.node.split(".")[0];
  if (name === "cdktf" || name === "cdktn")
    return engine.name === name ? engine.version : undefined;
  return installedVersion(name);
}

/** One line per way the header and what is installed disagree. */
function headerProblems(text: string, names: readonly string[]): string[] {
  const problems: string[] = [];
  if (!/^\/\/ Replaces: /m.test(text)) problems.push("no '// Replaces: ...' line");
  const checked = checkedAgainst(text);
  if (checked.size === 0) problems.push("no '// Checked against: ...' line");
  for (const name of names) {
    const versions = checked.get(name);
    const version = installed(name);
    if (!versions) problems.push(`names no version of ${name}`);
    else if (version !== undefined && !versions.includes(version)) {
      problems.push(`checked against ${name} ${versions.join(" | ")}, ${version} is installed`);
    }
  }
  return problems;
}

const PATCHES: Record<string, string[]> = {
  "boot/register-ts.js": ["typescript", "node"],
  "boot/defer-modules.js": ["cdktf", "cdktn", "zod", "node"],
  "boot/creation-stacks.js": ["cdktf", "cdktn", "node"],
  "boot/binary-versions.js": ["cdktf", "cdktn", "node"],
  "boot/resolve-cache.js": ["node"],
};

describe("boot/: each patch names what it replaces and the versions it was checked against", () => {
  test.each(Object.entries(PATCHES))("%s", (file, names) => {
    const text = read(path.join(ROOT, file));
    expect(headerProblems(text, names)).toEqual([]);
    expect([...checkedAgainst(text).keys()].sort()).toEqual([...names].sort());
  });

  test("the installed engine is one a patch names (cdktf or cdktn)", () => {
    expect(["cdktf", "cdktn"]).toContain(engine.name);
  });

  test("a planted header with another version, or none, fails", () => {
    const major = Number(installed("node"));
    expect(
      headerProblems(`// Replaces: x\n// Checked against: node ${major + 1}.\n`, ["node"]),
    ).toEqual([`checked against node ${major + 1}, ${major} is installed`]);
    expect(headerProblems("// Replaces: x\n", ["node"])).toEqual([
      "no '// Checked against: ...' line",
      "names no version of node",
    ]);
    expect(
      headerProblems(`// Checked against: typescript ${installed("typescript")}.\n`, [
        "typescript",
      ]),
    ).toEqual(["no '// Replaces: ...' line"]);
  });
});

describe("the shapes the patches rely on", () => {
  test('creation-stacks: cdktf\'s captureStackTrace records into a `{ stack: "" }` object', () => {
    const file = path.join(packageDir("cdktf"), "lib", "tokens", "private", "stack-trace.js");
    const source = read(file);
    expect(source).toContain('const object = { stack: "" };');
    expect(source).toContain("Error.captureStackTrace(object, below);");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { captureStackTrace } = require(file) as {
      captureStackTrace: (below?: unknown) => string[];
    };
    expect(captureStackTrace.length).toBe(1);
  });

  test("binary-versions: cdktf's ValidateBinaryVersion keeps its fields and runs its command in validate()", () => {
    const file = path.join(packageDir("cdktf"), "lib", "validations", "validate-binary-version.js");
    const source = read(file);
    for (const field of ["binary", "versionConstraint", "versionCommand", "hint"])
      expect(source).toContain(`this.${field} = ${field};`);
    expect(source).toContain("execSync)(this.versionCommand");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ValidateBinaryVersion } = require(file) as {
      ValidateBinaryVersion: { prototype: { validate: { length: number } } };
    };
    expect(ValidateBinaryVersion.prototype.validate.length).toBe(0);
  });

  test("defer-modules: each rule's file exists and makes that request (archiver: cdktf only)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DEFERRED } = require("../../boot/defer-modules") as {
      DEFERRED: { request: string; from: RegExp }[];
    };
    const archiver = DEFERRED.find((d) => d.request === "archiver")!;
    const fsFile = path.join(packageDir("cdktf"), "lib", "private", "fs.js");
    expect(archiver.from.test(fsFile)).toBe(true);
    // cdktf 0.21 requires archiver at load; CDK Terrain 0.24 zips with fflate, so the rule is inert.
    expect(read(fsFile).includes('require("archiver")')).toBe(engine.name === "cdktf");

    const locales = DEFERRED.find((d) => d.request === "../locales/index.cjs")!;
    const zod = packageDir("zod");
    for (const file of ["v4/core/index.cjs", "v4/classic/external.cjs"].map((f) =>
      path.join(zod, f),
    )) {
      expect(locales.from.test(file)).toBe(true);
      expect(read(file)).toContain('require("../locales/index.cjs")');
    }
    const names = read(path.join(zod, "v4", "locales", "index.cjs")).match(
      /defineProperty\(exports, "(\w+)"/g,
    );
    expect(names?.length).toBeGreaterThan(10);
  });

  test("resolve-cache and defer-modules: Module._resolveFilename, _load and isBuiltin as used", () => {
    const Module = NodeModule as unknown as {
      _resolveFilename: (...args: unknown[]) => string;
      _load: (...args: unknown[]) => unknown;
      isBuiltin: (name: string) => boolean;
    };
    expect(Module._resolveFilename.length).toBe(4); // request, parent, isMain, options
    expect(Module._load.length).toBe(3); // request, parent, isMain
    expect(Module.isBuiltin("fs")).toBe(true);
  });

  test("register-ts: TypeScript's transpileModule and require.extensions are there", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof import("typescript");
    expect(typeof ts.transpileModule).toBe("function");
    expect(typeof ts.readConfigFile).toBe("function");
    expect(typeof ts.parseJsonConfigFileContent).toBe("function");
    expect(typeof require.extensions).toBe("object");
  });
});
