import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configProblems, environment, synthEnvironments } from "./fixtures";
import {
  harnessHash,
  remembered,
  rememberedInTest,
  rememberedResultOf,
  underMutation,
} from "./remembered-results";
import { APP_INPUTS_ENV, rememberedDir } from "./shared-synth";

// In-process results of the app's code are remembered across jest runs (remembered-results.ts):
// each input must change the key, a remembered result must be what comes back, and nothing may be
// remembered under Stryker, whose mutants change no file.
describe("results remembered across jest runs", () => {
  const saved = process.env[APP_INPUTS_ENV];
  beforeAll(() => (process.env[APP_INPUTS_ENV] = `remembered-test-${process.pid}-${Date.now()}`));
  afterAll(() => {
    fs.rmSync(rememberedDir()!, { recursive: true, force: true });
    if (saved === undefined) delete process.env[APP_INPUTS_ENV];
    else process.env[APP_INPUTS_ENV] = saved;
  });

  test("the key changes with the kind, the input, the app's variables and the date", () => {
    const key = (kind = "k", input: unknown = [{ a: 1 }], today = "2026-12-03") =>
      rememberedResultOf(kind, input, today);
    const base = key();
    expect(base).toMatch(/[/\\]in-process[/\\][0-9a-f]{32}\.json$/);
    expect(path.dirname(path.dirname(base!))).toBe(rememberedDir());
    expect(key()).toBe(base);
    expect(key("other")).not.toBe(base);
    expect(key("k", [{ a: 2 }])).not.toBe(base);
    expect(key("k", [{ a: 1 }], "2026-12-04")).not.toBe(base);
    process.env.GKE_ISTIO_STRICT = "1";
    try {
      expect(key()).not.toBe(base);
    } finally {
      delete process.env.GKE_ISTIO_STRICT;
    }
    expect(key()).toBe(base);
  });

  test("nothing is remembered without the run's app inputs, or with the cache off", () => {
    const inputs = process.env[APP_INPUTS_ENV];
    delete process.env[APP_INPUTS_ENV];
    expect(rememberedResultOf("k", [])).toBeUndefined();
    process.env[APP_INPUTS_ENV] = inputs;
    process.env.GKE_ISTIO_SYNTH_CACHE = "off";
    try {
      expect(rememberedResultOf("k", [])).toBeUndefined();
    } finally {
      delete process.env.GKE_ISTIO_SYNTH_CACHE;
    }
  });

  test("Stryker is seen by its global or its variables, and then nothing is remembered", () => {
    expect(underMutation({}, {})).toBe(false);
    expect(underMutation({ __stryker__: {} }, {})).toBe(true);
    expect(underMutation({ __strykerGlobalNamespace__: "__s__" }, {})).toBe(true);
    expect(underMutation({}, { __STRYKER_ACTIVE_MUTANT__: "12" })).toBe(true);
    const scope = globalThis as Record<string, unknown>;
    scope.__stryker__ = {};
    try {
      expect(rememberedResultOf("k", [])).toBeUndefined();
    } finally {
      delete scope.__stryker__;
    }
    expect(rememberedResultOf("k", [])).toBeDefined();
  });

  test("the key changes with the tests' helpers, not with a test file", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
    try {
      fs.mkdirSync(path.join(root, "tools"));
      fs.writeFileSync(path.join(root, "fixtures.ts"), "export const a = 1;\n");
      fs.writeFileSync(path.join(root, "tools", "x.ts"), "export {};\n");
      fs.writeFileSync(path.join(root, "a.test.ts"), "test();\n");
      const before = harnessHash(root);
      fs.writeFileSync(path.join(root, "a.test.ts"), "test(); // edited\n");
      fs.mkdirSync(path.join(root, "__snapshots__"));
      fs.writeFileSync(path.join(root, "__snapshots__", "a.test.ts.snap"), "x");
      expect(harnessHash(root)).toBe(before);
      fs.writeFileSync(path.join(root, "tools", "x.ts"), "export const b = 2;\n");
      expect(harnessHash(root)).not.toBe(before);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test("remembered: a stored result comes back; a throw is not stored", () => {
    const input = { planted: process.pid };
    let runs = 0;
    expect(remembered("k", input, () => ({ run: ++runs }))).toEqual({ run: 1 });
    expect(remembered("k", input, () => ({ run: ++runs }))).toEqual({ run: 1 });
    expect(remembered("k", { other: 1 }, () => ({ run: ++runs }))).toEqual({ run: 2 });
    expect(() =>
      remembered("throws", input, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(remembered("throws", input, () => ({ run: ++runs }))).toEqual({ run: 3 });
  });

  test("rememberedInTest: by the test file, the test's name and the call's place in it", () => {
    const state = { testPath: __filename, currentTestName: `planted ${process.pid}` };
    let runs = 0;
    const compute = () => ({ run: ++runs });
    expect(rememberedInTest(compute, state)).toEqual({ run: 1 });
    expect(rememberedInTest(compute, state)).toEqual({ run: 2 }); // the second call of the test
    // The same test again (a later jest run): both calls come back as they were.
    const again = { ...state, currentTestName: `other ${process.pid}` };
    expect(rememberedInTest(compute, again)).toEqual({ run: 3 });
    expect(rememberedInTest(compute, state)).toEqual({ run: 1 });
    expect(rememberedInTest(compute, state)).toEqual({ run: 2 });
    expect(runs).toBe(3);
    // Outside a test, or a throw: computed every time.
    expect(rememberedInTest(compute, {})).toEqual({ run: 4 });
    const boom = () => {
      throw new Error("boom");
    };
    const third = { ...state, currentTestName: `throws ${process.pid}` };
    expect(() => rememberedInTest(boom, third)).toThrow("boom");
    expect(rememberedInTest(compute, { ...third, currentTestName: `x ${process.pid}` })).toEqual({
      run: 5,
    });
    expect(rememberedInTest(compute, third)).toEqual({ run: 6 });
  });

  test("synthEnvironments returns a remembered synthesis, and keeps a new one", () => {
    const planted = environment({ name: "planted" });
    const file = rememberedResultOf("synthEnvironments", [planted])!;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ "planted-cluster": { planted: true } }));
    expect(synthEnvironments(planted)).toEqual({ "planted-cluster": { planted: true } });

    const fresh = environment({ name: "fresh" });
    const kept = rememberedResultOf("synthEnvironments", [fresh])!;
    const stacks = synthEnvironments(fresh);
    expect(Object.keys(stacks)).toContain("fresh-cluster");
    expect(JSON.parse(fs.readFileSync(kept, "utf8"))).toEqual(stacks);
  });

  test("a refused synthesis is not remembered: it runs, and fails, every time", () => {
    const refused = environment({ name: "Bad Name" });
    const file = rememberedResultOf("synthEnvironments", [refused])!;
    expect(configProblems(() => synthEnvironments(refused))).not.toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
  });
});
