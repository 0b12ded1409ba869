import * as fs from "fs";
import * as path from "path";
import { DEFAULT_CONFIG_FILE } from "../config/load";
import { AppRun, copyProject, readTree } from "./app-synth";
import { runCommand } from "./command-runs";
import { synthFileOnce } from "./shared-synth";
import { expectValidTerraform, testTerraformValidate } from "./terraform-validate";

// The real app on the default environment file, run in two unrelated folders: the project itself
// (the run shared with other test files) and a nested copy elsewhere.
let first: AppRun;
let second: AppRun;
const copies: string[] = [];

beforeAll(async () => {
  const b = path.join(copyProject("another-checkout"), "nested");
  copies.push(b);
  fs.mkdirSync(b);
  for (const entry of fs.readdirSync(path.dirname(b))) {
    if (entry !== "nested") fs.renameSync(path.join(path.dirname(b), entry), path.join(b, entry));
  }
  first = await synthFileOnce(DEFAULT_CONFIG_FILE);
  second = appRun(b, {});
}, 60_000);

afterAll(() =>
  copies.forEach((dir) => fs.rmSync(path.dirname(dir), { recursive: true, force: true })),
);

/** The real app in a project copy, as cdktf.json runs it, remembered by content (command-runs.ts). */
function appRun(dir: string, env: Record<string, string>): AppRun {
  const run = runCommand(dir, "main.ts", [], { CDKTF_OUTDIR: "cdktf.out", ...env });
  return { ...run, dir, files: readTree(path.join(dir, "cdktf.out")) };
}

const stackFiles = () => Object.keys(first.files).filter((f) => f.endsWith("cdk.tf.json"));

describe("the app on the default environment file", () => {
  test("synthesizes without error", () => {
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.status).toBe(0);
    expect(stackFiles().length).toBeGreaterThan(0);
  });

  test("gives byte-identical output in two different folders", () => {
    expect(second.status).toBe(0);
    expect(Object.keys(second.files).sort()).toEqual(Object.keys(first.files).sort());
    for (const [file, text] of Object.entries(first.files))
      expect({ file, text }).toEqual({ file, text: second.files[file] });
  });

  test("writes no absolute path, home folder or timestamp", () => {
    for (const [file, text] of Object.entries(first.files)) {
      expect({
        file,
        leak: text.includes(first.dir) || text.includes("/tmp/") || text.includes(process.cwd()),
      }).toEqual({ file, leak: false });
      expect({ file, timestamp: /\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text) }).toEqual({
        file,
        timestamp: false,
      });
    }
  });

  test("every stack matches its snapshot", () => {
    for (const file of stackFiles().sort())
      expect(JSON.parse(first.files[file])).toMatchSnapshot(file);
  });

  testTerraformValidate(
    "every stack passes terraform validate",
    () => {
      const stacks = Object.fromEntries(
        stackFiles().map((f) => [f.split("/")[1], JSON.parse(first.files[f])]),
      );
      expectValidTerraform(stacks);
    },
    300_000,
  );
});

describe("the app on an invalid environment file", () => {
  test("exits 1 with one line per problem, no stack trace, and writes nothing", () => {
    const dir = copies[0]; // the nested copy, its output already read
    fs.writeFileSync(
      path.join(dir, "bad.yaml"),
      "environments:\n  - name: demo\n    mode: managed\n    project: demo-project\n    location: mars-north1-z9\n    nodePools: [{ name: pool, maxNodeCount: 0 }]\n",
    );
    fs.rmSync(path.join(dir, "cdktf.out"), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "cdktf.out"));
    fs.writeFileSync(path.join(dir, "cdktf.out", "keep.txt"), "previous output");
    const run = appRun(dir, { GKE_ISTIO_CONFIG: "bad.yaml" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      "Invalid environment file, nothing was synthesized:",
      `bad.yaml: environments[0] (demo): location: must be a GCP region such as 'us-central1' or a zone such as 'us-central1-a', got "mars-north1-z9"`,
      "bad.yaml: environments[0] (demo): nodePools[0].maxNodeCount: Too small: expected number to be >=1, got 0",
    ]);
    expect(run.files).toEqual({ "keep.txt": "previous output" });
  }, 30_000);
});
