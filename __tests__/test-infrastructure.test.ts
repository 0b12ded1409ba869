import { Lazy, TerraformOutput, Testing, Tokenization } from "cdktf";
import { KubernetesProvider as Provider } from "@cdktf/provider-kubernetes/lib/provider";
import { CDKTF_MATCHERS } from "./setup";
import { scratchBase } from "./global-setup";
import { appVariables, TEST_CACHE_ENV } from "./shared-synth";
import { formatRemembered, rememberedFormatOf } from "./tools/prettier-format";
import { parseHclRemembered, rememberedHclOf } from "./tools/hcl2json";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";

// The jest speed-ups (__tests__/fast-stack-traces.ts, __tests__/lazy-archiver.ts) change nothing
// a test can see but timing, and cdktf's creation stacks (boot/creation-stacks.js).
describe("the speed-ups of the jest setup", () => {
  test("an error thrown in a test keeps its source-mapped stack", () => {
    const error = new Error("planted");
    const frame = error.stack!.split("\n")[1];
    // The line of `new Error` above, in this file as it is on disk (swc's source map at work).
    const line = fs
      .readFileSync(__filename, "utf8")
      .split("\n")
      .indexOf('    const error = new Error("planted");');
    expect(frame).toMatch(
      new RegExp(`__tests__/test-infrastructure\\.test\\.ts:${line + 1}:\\d+\\)$`),
    );
  });

  test("with GKE_ISTIO_CREATION_STACKS=full, cdktf records where a token was created, cut to its first frames", () => {
    // The jest setup installed the skip; the test restores cdktf's own capture for this token.
    const skipping = Error.captureStackTrace;
    Error.captureStackTrace = (skipping as unknown as { original: typeof skipping }).original;
    try {
      const token = Lazy.stringValue({ produce: () => "x" });
      const [{ creationStack }] = Tokenization.reverse(token);
      expect(creationStack.length).toBeGreaterThan(1);
      expect(creationStack.length).toBeLessThanOrEqual(13);
      expect(creationStack.some((line) => line.includes("test-infrastructure.test"))).toBe(true);
    } finally {
      Error.captureStackTrace = skipping;
    }
  });

  // cdktf 0.21 requires archiver; CDK Terrain (`npm run engine -- cdktn`) zips with fflate instead.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engine = require("cdktf/package.json") as { name: string; dependencies?: object };
  const usesArchiver = "archiver" in (engine.dependencies ?? {});
  (usesArchiver ? test : test.skip)(
    `archiver, mapped to a lazy loader, loads on first use and works${usesArchiver ? "" : ` (skipped: the engine, ${engine.name}, does not use archiver)`}`,
    () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const archiver = require("archiver") as (format: string) => Record<string, unknown>;
      const archive = archiver("zip");
      expect(typeof archive.pipe).toBe("function");
      expect(typeof archive.finalize).toBe("function");
    },
  );
});

// zod's translations, mapped to the app's stand-in (__tests__/lazy-zod-locales.ts).
describe("zod's locales under jest", () => {
  test("load on first use, then work as zod's own", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { z } = require("zod") as typeof import("zod");
    const index = require.resolve("zod/package.json").replace("package.json", "v4/locales/");
    const loaded = () =>
      Object.keys(require.cache)
        .filter((f) => f.startsWith(index))
        .sort();
    // zod is loaded, with English (its default), but not the index of the others.
    expect(loaded()).toEqual([`${index}en.cjs`]);
    const french = z.locales.fr();
    expect(typeof french.localeError).toBe("function");
    expect(Object.keys(z.locales)).toContain("de");
    expect(z.locales.de).toBe(z.core.locales.de);
    expect(loaded()).toContain(`${index}index.cjs`);
    expect(loaded()).toContain(`${index}fr.cjs`);
  });
});

// semver, mapped to a lazy stand-in (__tests__/lazy-semver.ts).
describe("semver under jest", () => {
  test("loads on first use, then works as semver's own", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const semver = require("semver") as {
      satisfies(version: string, range: string): boolean;
      SemVer: new (version: string) => object;
    };
    // cdktf's own copy, the one cdktf would load.
    const folder = require
      .resolve("semver/package.json", { paths: [path.dirname(require.resolve("cdktf"))] })
      .replace("package.json", "");
    const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(folder));
    expect(loaded()).toEqual([]);
    expect(semver.satisfies("1.11.4", ">=1.5")).toBe(true);
    expect(semver.satisfies("1.4.0", ">=1.5")).toBe(false);
    expect(new semver.SemVer("1.2.3")).toBeInstanceOf(semver.SemVer);
    expect(Object.keys(semver)).toContain("satisfies");
    expect(loaded()).toContain(`${folder}index.js`);
  });
});

// jest's runtime with V8's code cache (__tests__/code-cache-runtime.js): a source compiled again
// in a new context gets the cache made after its first run; another source does not.
describe("the code cache of the jest runtime", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = require("./code-cache-runtime.js") as {
    codeCacheStats: { produced: number; used: number; rejected: number };
    compileWithCache(
      executor: object,
      jestCompile: (source: string, file: string) => unknown,
      source: string,
      file: string,
    ): (...args: unknown[]) => unknown;
    producePending(): void;
    shareInstalledSources(fileCache: { readFile(file: string): string }): void;
  };
  const executor = () => {
    const context = vm.createContext({});
    return {
      environment: { getVmContext: () => context },
      resolution: { isCoreModule: () => false },
      injectedModuleParameters: ["module", "exports"],
      dynamicImport: () => Promise.reject(new Error("no import here")),
    };
  };
  const jestCompile = () => {
    throw new Error("jest's own compile was called");
  };
  const run = (source: string, file = "/virtual/module.js") => {
    const module = { exports: {} as Record<string, unknown> };
    runtime.compileWithCache(executor(), jestCompile, source, file)(module, module.exports);
    return module.exports;
  };

  test("the second compile of a source uses the cache; a changed source makes its own", () => {
    const stats = runtime.codeCacheStats;
    const source = `exports.twice = (n) => n * 2; exports.value = exports.twice(21);`;
    const before = { ...stats };
    expect(run(source).value).toBe(42);
    runtime.producePending();
    expect(stats.produced).toBe(before.produced + 1);
    expect(run(source).value).toBe(42);
    expect(stats.used).toBe(before.used + 1);
    expect(run(source.replace("21", "20")).value).toBe(40);
    runtime.producePending();
    expect(stats.produced).toBe(before.produced + 2);
    expect(stats.rejected).toBe(before.rejected);
  });

  test("a cache is used only for the very source it was made from, under the same file name", () => {
    const stats = runtime.codeCacheStats;
    const before = { ...stats };
    const other = (source: string) => run(source, "/virtual/other.js");
    expect(other("exports.v = 1;").v).toBe(1);
    runtime.producePending();
    // Same length, other text: no cache is offered, so none is used or rejected.
    expect(other("exports.v = 2;").v).toBe(2);
    expect(stats.used).toBe(before.used);
    expect(stats.rejected).toBe(before.rejected);
    runtime.producePending();
    expect(other("exports.v = 2;").v).toBe(2);
    expect(stats.used).toBe(before.used + 1);
  });

  test("installed files are read once per worker; the project's files by each test file", () => {
    const reads: string[] = [];
    const fileCache = () => {
      const cache = {
        readFile: (file: string) => {
          reads.push(file);
          return `own ${file}`;
        },
      };
      runtime.shareInstalledSources(cache);
      return cache;
    };
    const installed = require.resolve("constructs/package.json");
    const project = path.join(__dirname, "..", "package.json");
    const first = fileCache();
    const second = fileCache();
    expect(first.readFile(installed)).toBe(fs.readFileSync(installed, "utf8"));
    expect(second.readFile(installed)).toBe(first.readFile(installed));
    expect(first.readFile(project)).toBe(`own ${project}`);
    expect(second.readFile(project)).toBe(`own ${project}`);
    expect(reads).toEqual([project, project]);
  });

  test("an error on the first line keeps its column (the wrapper is not counted)", () => {
    const source = `exports.x = 1; throw new Error("first line");`;
    let stack = "";
    try {
      run(source);
    } catch (error) {
      stack = String((error as Error).stack);
    }
    expect(stack).toContain("/virtual/module.js:1:22");
  });
});

// cdktf's jest matchers are registered by __tests__/setup.ts and load cdktf on first use.
describe("cdktf's jest matchers, loaded on first use", () => {
  test("the setup registers every matcher cdktf's setupJest makes, under its name", () => {
    const names: string[] = [];
    const scope = globalThis as unknown as { expect: unknown };
    const real = scope.expect;
    scope.expect = { extend: (m: object) => names.push(...Object.keys(m)) };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require("cdktf/lib/testing/adapters/jest") as { setupJest(): void }).setupJest();
    } finally {
      scope.expect = real;
    }
    expect([...CDKTF_MATCHERS].sort()).toEqual(names.sort());
  });

  test("they pass and fail as cdktf's do", () => {
    const synth = Testing.synthScope((scope) => {
      new TerraformOutput(scope, "o", { value: "x" });
      new Provider(scope, "p", {});
    });
    expect(synth).toHaveProvider(Provider);
    expect(() => expect(synth).toHaveResource(Provider)).toThrow(/Expected/);
    expect(synth).not.toHaveResource(Provider);
  });
});

test("temporary folders are made inside the jest run's folder, which the teardown removes", () => {
  const run = process.env[TEST_CACHE_ENV];
  expect(run).toBeDefined();
  expect(os.tmpdir()).toBe(path.join(run!, "tmp"));
  const app = Testing.app(); // cdktf makes its outdir with mkdtemp and never removes it
  expect(app.outdir.startsWith(`${os.tmpdir()}${path.sep}`)).toBe(true);
  // ... but the offline validator's installed dependencies and schemas stay across runs.
  expect(process.env.TFVALIDATE_HOME?.startsWith(run!)).toBe(false);
});

// The run's folder goes to a RAM-backed folder when there is one with room (global-setup.ts).
describe("scratchBase", () => {
  const ram = fs.mkdtempSync(path.join(os.tmpdir(), "ram-"));
  afterAll(() => fs.rmSync(ram, { recursive: true, force: true }));

  test("GKE_ISTIO_TEST_TMP wins; a writable folder with room is used; otherwise the system's", () => {
    expect(scratchBase({ GKE_ISTIO_TEST_TMP: "/elsewhere" }, ram, 1)).toBe("/elsewhere");
    expect(scratchBase({}, ram, 1)).toBe(ram);
    // Not enough free space (Docker's 64 MB /dev/shm), or no such folder: the system's.
    expect(scratchBase({}, ram, Number.MAX_SAFE_INTEGER)).toBe(os.tmpdir());
    expect(scratchBase({}, path.join(ram, "missing"), 1)).toBe(os.tmpdir());
  });

  test("the run's folder is where scratchBase says, and the variable is not one the app reads", () => {
    expect(path.dirname(process.env[TEST_CACHE_ENV]!)).toBe(scratchBase());
    expect(appVariables({ GKE_ISTIO_TEST_TMP: "/x", GKE_ISTIO_STRICT: "1" })).toEqual([
      ["GKE_ISTIO_STRICT", "1"],
    ]);
  });
});

// Prettier's output remembered by content (__tests__/tools/prettier-format.ts), for the tests that
// compare a generated document with the project's.
describe("formatRemembered", () => {
  const table = "| a | b |\n|-|-|\n| long cell | x |\n";
  /** Prettier's table, as `npx prettier docs/x.md` writes it (one Prettier run less per check). */
  const FORMATTED = "| a         | b   |\n| --------- | --- |\n| long cell | x   |\n";

  test("formats as Prettier does, then answers from what it remembered", () => {
    const file = `docs/remembered-${process.pid}.md`;
    const cached = rememberedFormatOf(table, file);
    fs.rmSync(cached, { force: true });
    try {
      expect(formatRemembered(table, file)).toBe(FORMATTED);
      fs.writeFileSync(cached, "planted\n");
      expect(formatRemembered(table, file)).toBe("planted\n");
      // Under Stryker (prettierFormat is mutated code), Prettier runs every time.
      const scope = globalThis as Record<string, unknown>;
      scope.__stryker__ = {};
      try {
        expect(formatRemembered(table, file)).toBe(FORMATTED);
      } finally {
        delete scope.__stryker__;
      }
    } finally {
      fs.rmSync(cached, { force: true });
    }
  });

  test("the key changes with the text and the file name", () => {
    const key = rememberedFormatOf(table, "docs/a.md");
    expect(rememberedFormatOf(table, "docs/a.md")).toBe(key);
    expect(rememberedFormatOf(`${table}\n`, "docs/a.md")).not.toBe(key);
    expect(rememberedFormatOf(table, "docs/b.md")).not.toBe(key);
  });
});

// hcl2json's parse remembered by content (__tests__/tools/hcl2json.ts), for the HCL output's test.
describe("parseHclRemembered", () => {
  test("parses as hcl2json does, then answers from what it remembered", async () => {
    const text = `locals {\n  run = "${process.pid}"\n}\n`;
    const cached = rememberedHclOf(text, "cdk.tf");
    fs.rmSync(cached, { force: true });
    try {
      expect(await parseHclRemembered("cdk.tf", text)).toEqual({
        locals: [{ run: `${process.pid}` }],
      });
      expect(JSON.parse(fs.readFileSync(cached, "utf8"))).toEqual({
        locals: [{ run: `${process.pid}` }],
      });
      fs.writeFileSync(cached, '{"planted":true}');
      expect(await parseHclRemembered("cdk.tf", text)).toEqual({ planted: true });
      expect(rememberedHclOf(text, "other.tf")).not.toBe(cached);
      expect(rememberedHclOf(`${text}\n`, "cdk.tf")).not.toBe(cached);
    } finally {
      fs.rmSync(cached, { force: true });
    }
  });
});
