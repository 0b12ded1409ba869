// The boot path's two caches (boot/transpile-cache.js, boot/resolve-cache.js), input by
// input: each input that must invalidate a cache is changed alone, and the next run must miss.
// In-process (Node's module system stood in for), so that `npm run mutation` sees this code:
// Stryker cannot see coverage in the child processes of register-ts.test.ts and
// resolve-cache.test.ts, which test the same scripts end to end.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/* eslint-disable @typescript-eslint/no-require-imports */
const { createTranspileCache } = require("../../boot/transpile-cache") as {
  createTranspileCache(
    inputs: TranspileInputs & { cacheDir: string; transpile: Transpile },
  ): (source: string, filename: string) => string;
};
const { installResolveCache } = require("../../boot/resolve-cache") as {
  installResolveCache(root: string, env: Record<string, string>, host: object): void;
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Transpile = (source: string, filename: string) => string;
interface TranspileInputs {
  readonly typescriptVersion: string;
  readonly tsconfigText: string;
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "boot-caches-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe("the transpile cache (boot/transpile-cache.js)", () => {
  const SOURCE = "export const answer = 42;\n";
  const BASE: TranspileInputs = { typescriptVersion: "5.9.3", tsconfigText: '{"a":1}' };
  // One row per input of the key; the source is the third.
  const CHANGES: [string, Partial<TranspileInputs> & { source?: string }][] = [
    ["source", { source: "export const answer = 43;\n" }],
    ["TypeScript version", { typescriptVersion: "5.9.4" }],
    ["tsconfig.json", { tsconfigText: '{"a":2}' }],
  ];

  function setUp(name: string) {
    const cacheDir = path.join(temp, name);
    const transpiled: string[] = [];
    const transpile: Transpile = (source) => {
      transpiled.push(source);
      return `/* transpiled */ ${source}`;
    };
    const compile = (inputs: Partial<TranspileInputs> & { source?: string } = {}) =>
      createTranspileCache({ ...BASE, ...inputs, cacheDir, transpile })(
        inputs.source ?? SOURCE,
        "answer.ts",
      );
    return { cacheDir, transpiled, compile };
  }

  test("every input of the key has a row", () => {
    expect(CHANGES.map(([, c]) => Object.keys(c)[0]).sort()).toEqual(
      [...Object.keys(BASE), "source"].sort(),
    );
  });

  test("the same inputs hit, in a new process as in the same one", () => {
    const { cacheDir, transpiled, compile } = setUp("hit");
    expect(compile()).toBe(`/* transpiled */ ${SOURCE}`);
    expect(compile()).toBe(`/* transpiled */ ${SOURCE}`);
    expect(transpiled).toEqual([SOURCE]);
    // Prove it reads the cache: tamper with the cached output.
    const [file] = fs.readdirSync(cacheDir);
    expect(file).toMatch(/^[0-9a-f]{64}\.js$/); // the key's SHA-256, in hex
    fs.writeFileSync(path.join(cacheDir, file), "from cache");
    expect(compile()).toBe("from cache");
    expect(fs.readdirSync(cacheDir)).toEqual([file]); // no temporary file left behind
  });

  test.each(CHANGES)("a changed %s misses", (name, change) => {
    const { cacheDir, transpiled, compile } = setUp(name.replace(/\W/g, "-"));
    compile();
    for (const file of fs.readdirSync(cacheDir))
      fs.writeFileSync(path.join(cacheDir, file), "stale");
    expect(compile(change)).toBe(`/* transpiled */ ${change.source ?? SOURCE}`);
    expect(transpiled).toHaveLength(2);
    expect(fs.readdirSync(cacheDir)).toHaveLength(2);
    expect(compile(change)).toBe(`/* transpiled */ ${change.source ?? SOURCE}`);
    expect(transpiled).toHaveLength(2);
  });

  test("the key's parts are kept apart: moving text from one input to the next misses", () => {
    const { transpiled, compile } = setUp("apart");
    compile({ typescriptVersion: "5.9.3", tsconfigText: "{}", source: "x" });
    compile({ typescriptVersion: "5.9.3{", tsconfigText: "}", source: "x" });
    compile({ typescriptVersion: "5.9.3", tsconfigText: "{}x", source: "" });
    expect(transpiled).toEqual(["x", "x", ""]);
  });

  test("an unwritable cache folder only costs speed", () => {
    const blocker = path.join(temp, "a-file");
    fs.writeFileSync(blocker, "");
    const transpile: Transpile = (s) => `js:${s}`;
    const compile = createTranspileCache({ ...BASE, cacheDir: blocker, transpile });
    expect(compile(SOURCE, "answer.ts")).toBe(`js:${SOURCE}`);
  });
});

describe("the module-resolution cache (boot/resolve-cache.js)", () => {
  const NODE = "v20.0.0";
  let count = 0;

  /** A project folder: a lock file, a package `a`, and a decoy package the tests plant. */
  function project(): string {
    const root = path.join(temp, `project-${count++}`);
    for (const name of ["a", "decoy"]) {
      fs.mkdirSync(path.join(root, "node_modules", name), { recursive: true });
      fs.writeFileSync(path.join(root, "node_modules", name, "index.js"), "");
    }
    fs.writeFileSync(path.join(root, "package-lock.json"), "{}");
    return root;
  }

  /** One "process": installs the cache on a stand-in for Node, requires `a` from main.js, exits. */
  function run(root: string, nodeVersion = NODE) {
    const resolved: string[] = [];
    let exit = () => {};
    const Module = {
      _resolveFilename(request: string, _parent?: object) {
        resolved.push(request);
        return request === "fs" ? "fs" : path.join(root, "node_modules", request, "index.js");
      },
      isBuiltin: (file: string) => file === "fs",
    };
    installResolveCache(root, {}, { Module, nodeVersion, onExit: (f: () => void) => (exit = f) });
    const parent = { filename: path.join(root, "main.js") };
    const found = ["a", "fs"].map((r) => Module._resolveFilename(r, parent));
    exit();
    return { found: found[0], resolved };
  }

  const cacheDir = (root: string) => path.join(root, "node_modules", ".cache", "gke-istio-cdktf");
  /** Points every remembered answer at the decoy: a run that reads the cache finds the decoy. */
  function plantDecoy(root: string) {
    for (const file of fs.readdirSync(cacheDir(root))) {
      const known = JSON.parse(fs.readFileSync(path.join(cacheDir(root), file), "utf8"));
      for (const key of Object.keys(known))
        if (known[key] !== "fs") known[key] = path.join(root, "node_modules", "decoy", "index.js");
      fs.writeFileSync(path.join(cacheDir(root), file), JSON.stringify(known));
    }
  }

  // One row per input of the cache file's name.
  const CHANGES: [string, (root: string) => { root: string; nodeVersion?: string }][] = [
    [
      "lock file",
      (root) => {
        fs.writeFileSync(path.join(root, "package-lock.json"), '{"changed":true}');
        return { root };
      },
    ],
    ["Node version", (root) => ({ root, nodeVersion: "v22.0.0" })],
    [
      "project folder (a copy, cache and all)",
      (root) => {
        const copy = `${root}-copy`;
        fs.cpSync(root, copy, { recursive: true });
        return { root: copy };
      },
    ],
  ];

  test("the same inputs hit: the remembered answer is used, Node's resolver is not asked", () => {
    const root = project();
    expect(run(root)).toEqual({
      found: path.join(root, "node_modules", "a", "index.js"),
      resolved: ["a", "fs"],
    });
    expect(run(root)).toEqual({
      found: path.join(root, "node_modules", "a", "index.js"),
      resolved: [],
    });
    plantDecoy(root);
    expect(run(root).found).toBe(path.join(root, "node_modules", "decoy", "index.js"));
  });

  test.each(CHANGES)("a changed %s misses", (_, change) => {
    const root = project();
    run(root);
    plantDecoy(root);
    const changed = change(root);
    expect(run(changed.root, changed.nodeVersion)).toEqual({
      found: path.join(changed.root, "node_modules", "a", "index.js"),
      resolved: ["a", "fs"],
    });
    expect(run(changed.root, changed.nodeVersion).resolved).toEqual([]);
  });

  test("a remembered file that is gone is resolved again", () => {
    const root = project();
    run(root);
    plantDecoy(root);
    fs.rmSync(path.join(root, "node_modules", "decoy"), { recursive: true });
    expect(run(root)).toEqual({
      found: path.join(root, "node_modules", "a", "index.js"),
      resolved: ["a"],
    });
  });

  /**
   * Two "processes" making the same requests: which ones the second resolves again (the ones not
   * remembered). Each request is [request, from (relative to root), isMain, options]; the stand-in
   * resolver answers `lib/<request>` for names starting with "linked" (an npm link), the request
   * itself for absolute paths, else node_modules/<request>/index.js.
   */
  function resolvedAgain(requests: [string, string | undefined, boolean?, object?][]): string[] {
    const root = project();
    let resolved: string[] = [];
    for (let i = 0; i < 2; i++) {
      resolved = [];
      let exit = () => {};
      const Module = {
        _resolveFilename(request: string, _parent?: object, _isMain?: boolean, _options?: object) {
          resolved.push(request);
          if (path.isAbsolute(request)) return request;
          if (request.startsWith("linked")) return path.join(root, "lib", `${request}.js`);
          return path.join(root, "node_modules", request.replace(/^\.\//, ""), "index.js");
        },
        isBuiltin: () => false,
      };
      installResolveCache(
        root,
        {},
        { Module, nodeVersion: NODE, onExit: (f: () => void) => (exit = f) },
      );
      for (const [request, from, isMain, options] of requests) {
        const parent = from === undefined ? undefined : { filename: path.join(root, from) };
        Module._resolveFilename(request, parent, isMain, options);
      }
      exit();
    }
    return resolved;
  }

  test("remembered: package names from the project, anything from a package", () => {
    expect(
      resolvedAgain([
        ["a", "main.js"],
        ["./a", "node_modules/x/index.js"],
        ["a", "node_modules/x/index.js"],
      ]),
    ).toEqual([]);
  });

  test("not remembered: relative or absolute requests from the project, main, options, no parent, answers outside node_modules", () => {
    const absolute = path.join(temp, "elsewhere", "node_modules", "a", "index.js");
    const requests: [string, string | undefined, boolean?, object?][] = [
      ["./a", "main.js"],
      [absolute, "main.js"],
      ["a", "main.js", true],
      ["a", "main.js", false, { paths: ["."] }],
      ["a", undefined],
      ["linked-tool", "main.js"],
    ];
    expect(resolvedAgain(requests)).toEqual(requests.map(([r]) => r));
  });

  test("the cache file is named resolve-<20 hex digits>.json; installing twice wraps once", () => {
    const root = project();
    run(root);
    expect(fs.readdirSync(cacheDir(root))).toEqual([
      expect.stringMatching(/^resolve-[0-9a-f]{20}\.json$/),
    ]);
    const Module = { _resolveFilename: () => "x", isBuiltin: () => false };
    installResolveCache(root, {}, { Module, nodeVersion: NODE, onExit: () => {} });
    const once = Module._resolveFilename;
    installResolveCache(root, {}, { Module, nodeVersion: NODE, onExit: () => {} });
    expect(Module._resolveFilename).toBe(once);
  });

  test("by default the cache is written when the process exits", () => {
    const root = project();
    const once = jest.spyOn(process, "once").mockImplementation(() => process);
    try {
      const Module = {
        _resolveFilename: (_request: string, _parent: object) =>
          path.join(root, "node_modules", "a", "index.js"),
        isBuiltin: () => false,
      };
      installResolveCache(root, {}, { Module, nodeVersion: NODE });
      Module._resolveFilename("a", { filename: path.join(root, "main.js") });
      expect(once).toHaveBeenCalledWith("exit", expect.any(Function));
      expect(fs.existsSync(cacheDir(root))).toBe(false);
      (once.mock.calls[0][1] as () => void)();
      expect(fs.readdirSync(cacheDir(root))).toHaveLength(1);
    } finally {
      once.mockRestore();
    }
  });

  test("the project's relative requires are never remembered; off and no lock file: no cache", () => {
    const root = project();
    const Module = {
      _resolveFilename: (request: string, _parent?: object) => path.join(root, `${request}.js`),
      isBuiltin: () => false,
    };
    let exit = () => {};
    installResolveCache(
      root,
      {},
      { Module, nodeVersion: NODE, onExit: (f: () => void) => (exit = f) },
    );
    Module._resolveFilename("./own", { filename: path.join(root, "main.js") });
    exit();
    expect(fs.existsSync(cacheDir(root))).toBe(false);

    for (const [env, lock] of [
      [{ GKE_ISTIO_RESOLVE_CACHE: "off" }, true],
      [{}, false],
    ] as const) {
      const other = project();
      if (!lock) fs.rmSync(path.join(other, "package-lock.json"));
      const original = () => "x";
      const host = { Module: { _resolveFilename: original, isBuiltin: () => false } };
      installResolveCache(other, env, host);
      expect(host.Module._resolveFilename).toBe(original);
    }
  });
});
