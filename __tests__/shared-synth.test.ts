import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  APP_INPUTS_ENV,
  appInputsHash,
  appRunCacheRoot,
  rememberedFileOf,
  synthFileOnce,
  synthTextOnce,
  TEST_CACHE_ENV,
} from "./shared-synth";

// The app's runs are remembered across jest runs by content (shared-synth.ts): every input that
// can change the app's output must change the key, and a remembered run must be what is returned.
describe("appInputsHash", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "app-inputs-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  beforeAll(() => {
    write("main.ts", "app();\n");
    write("constructs/pool.ts", "export const size = 1;\n");
    write("charts/mesh/values.yaml", "mtls: STRICT\n");
    write("package-lock.json", '{"lockfileVersion":3}\n');
    write("node_modules/.package-lock.json", '{"packages":{"node_modules/cdktf":{}}}\n');
    write("__tests__/pool.test.ts", "test();\n");
  });
  const hash = (node = "v22.12.0") => appInputsHash(root, node);

  test.each([
    ["a source file", "constructs/pool.ts", "export const size = 2;\n"],
    ["a new source file", "policy/rule.ts", "export {};\n"],
    ["a chart", "charts/mesh/values.yaml", "mtls: PERMISSIVE\n"],
    ["the lock file", "package-lock.json", '{"lockfileVersion":2}\n'],
    ["the installed packages", "node_modules/.package-lock.json", '{"packages":{}}\n'],
  ])("changes with %s", (_, file, text) => {
    const before = hash();
    const old = fs.existsSync(path.join(root, file))
      ? fs.readFileSync(path.join(root, file))
      : null;
    write(file, text);
    expect(hash()).not.toBe(before);
    if (old === null) fs.rmSync(path.join(root, file));
    else fs.writeFileSync(path.join(root, file), old);
    expect(hash()).toBe(before);
  });

  test("changes with Node's version, not with a test or a document (the app reads neither)", () => {
    const before = hash();
    expect(hash("v24.0.0")).not.toBe(before);
    write("__tests__/pool.test.ts", "test(); // edited\n");
    write("__tests__/new.test.ts", "test();\n");
    write("docs/modes.md", "# Modes\n");
    write("README.md", "# edited\n");
    expect(hash()).toBe(before);
  });
});

describe("an app run remembered across jest runs", () => {
  const saved = { cache: process.env[TEST_CACHE_ENV], inputs: process.env[APP_INPUTS_ENV] };
  const inputs = `cache-test-${process.pid}-${Date.now()}`;
  const runs: string[] = [];
  /** A fresh jest run's cache folder with the environment file `text` in it, as an edit is. */
  const newRun = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-jest-test-"));
    runs.push(dir);
    process.env[TEST_CACHE_ENV] = dir;
    fs.writeFileSync(path.join(dir, "edit.yaml"), text);
    return path.join(dir, "edit.yaml");
  };
  beforeAll(() => (process.env[APP_INPUTS_ENV] = inputs));
  afterAll(() => {
    for (const [name, value] of [
      [TEST_CACHE_ENV, saved.cache],
      [APP_INPUTS_ENV, saved.inputs],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    for (const dir of runs) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(appRunCacheRoot(), inputs.slice(0, 32)), { recursive: true, force: true });
  });
  const EMPTY = "environments: []\n";

  test("is returned for the same inputs, and missed when the file, a variable, the date, Terraform or the app's inputs change", async () => {
    const first = await synthFileOnce(newRun(EMPTY));
    expect(first.status).toBe(1);
    expect(first.stderr).toContain("environments: must list at least one environment");
    // The message names the file in this run's folder; remembered, it names the next run's.
    expect(first.stderr).toContain(runs[0]);
    const kept = rememberedFileOf(path.join(runs[0], "edit.yaml"))!;
    expect(fs.existsSync(kept)).toBe(true);
    // Planted: a run that returns it read the remembered run instead of running the app.
    const planted = JSON.parse(fs.readFileSync(kept, "utf8"));
    fs.writeFileSync(kept, JSON.stringify({ ...planted, stderr: "planted <jest run folder>\n" }));

    const again = await synthFileOnce(newRun(EMPTY));
    expect(again.stderr).toBe(`planted ${runs[1]}\n`);

    const file = newRun(EMPTY);
    expect(rememberedFileOf(file)).toBe(kept);
    expect(rememberedFileOf(file, { GKE_ISTIO_ENVIRONMENTS: "mesh" })).not.toBe(kept);
    process.env.GKE_ISTIO_STRICT = "1";
    try {
      expect(rememberedFileOf(file)).not.toBe(kept);
    } finally {
      delete process.env.GKE_ISTIO_STRICT;
    }
    // End-of-support warnings depend on the date; cdktf's synth on Terraform's version.
    expect(rememberedFileOf(file, {}, "2099-01-01")).not.toBe(kept);
    const terraform = process.env.GKE_ISTIO_TERRAFORM_VERSION;
    process.env.GKE_ISTIO_TERRAFORM_VERSION = '{"terraform_version":"9.9.9"}';
    try {
      expect(rememberedFileOf(file)).not.toBe(kept);
    } finally {
      if (terraform === undefined) delete process.env.GKE_ISTIO_TERRAFORM_VERSION;
      else process.env.GKE_ISTIO_TERRAFORM_VERSION = terraform;
    }
    process.env[APP_INPUTS_ENV] = `${inputs}-edited`;
    try {
      expect(rememberedFileOf(file)).not.toBe(kept);
    } finally {
      process.env[APP_INPUTS_ENV] = inputs;
    }

    // Another file's content misses, and the app runs on it.
    const edited = await synthFileOnce(newRun("environments: {}\n"));
    expect(edited.stderr).not.toContain("planted");
    expect(edited.status).toBe(1);
  }, 60_000);
});

test("synthTextOnce: a text is written once, by content, and run as that file", async () => {
  const text = "environments: []\n";
  const a = await synthTextOnce(text);
  const b = await synthTextOnce(text);
  expect(b.file).toBe(a.file);
  expect(fs.readFileSync(a.file, "utf8")).toBe(text);
  expect(a.status).toBe(1);
  expect(a.stderr).toContain(`${a.file}: environments: must list at least one environment`);
  const other = await synthTextOnce("environments: {}\n", {}, "other.yaml");
  expect(other.file).not.toBe(a.file);
  expect(path.basename(other.file)).toBe("other.yaml");
}, 60_000);
