import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AppRun, PROJECT_ROOT, runAppAsync } from "./app-synth";
import { expectValidTerraform, testTerraformValidate } from "./terraform-validate";

// Every environment file in examples/ goes through the real app and passes terraform validate.
const EXAMPLES = fs
  .readdirSync(path.join(PROJECT_ROOT, "examples"))
  .filter((f) => f.endsWith(".yaml"));
const runs = new Map<string, AppRun>();
const outdirs: string[] = [];

beforeAll(async () => {
  const done = await Promise.all(
    EXAMPLES.map((file) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-example-"));
      outdirs.push(outdir);
      return runAppAsync(PROJECT_ROOT, {
        GKE_ISTIO_CONFIG: `examples/${file}`,
        CDKTF_OUTDIR: outdir,
      });
    }),
  );
  EXAMPLES.forEach((file, i) => runs.set(file, done[i]));
}, 120_000);

afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const stacksOf = (run: AppRun) =>
  Object.fromEntries(
    Object.entries(run.files)
      .filter(([file]) => file.endsWith("/cdk.tf.json"))
      .map(([file, text]) => [file.split("/")[1], JSON.parse(text)]),
  );

test("there are examples", () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(3));

test.each(EXAMPLES)(
  "examples/%s synthesizes with no error and no unwaived policy violation",
  (file) => {
    const run = runs.get(file)!;
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(Object.keys(stacksOf(run)).length).toBeGreaterThanOrEqual(2);
  },
);

testTerraformValidate(
  "every stack of every example passes terraform validate",
  () => {
    const stacks = Object.fromEntries(
      [...runs.entries()].flatMap(([file, run]) =>
        Object.entries(stacksOf(run)).map(([name, tf]) => [
          `${path.basename(file, ".yaml")}--${name}`,
          tf,
        ]),
      ),
    );
    expectValidTerraform(stacks);
  },
  300_000,
);
