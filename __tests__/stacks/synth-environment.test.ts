import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../config/load";
import { PolicyViolationError, synthEnvironment } from "../../stacks/synth-environment";
import { PROJECT_ROOT } from "../app-synth";
import { synthFileOnce } from "../shared-synth";
import { environment } from "../fixtures";

describe("synthEnvironment", () => {
  test("gives, for the default file, exactly the Terraform the app writes", async () => {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, "config", "environments.yaml"), "utf8");
    const stacks = synthEnvironment(text);
    const run = await synthFileOnce("config/environments.yaml");
    expect(run.status).toBe(0);
    const fromApp = Object.fromEntries(
      Object.entries(run.files)
        .filter(([file]) => file.endsWith("/cdk.tf.json"))
        .map(([file, json]) => [file.split("/")[1], JSON.parse(json)]),
    );
    expect(Object.keys(stacks).sort()).toEqual(Object.keys(fromApp).sort());
    expect(stacks).toEqual(fromApp);
  }, 60_000);

  test("takes one environment as an object, or a whole file with defaults", () => {
    expect(Object.keys(synthEnvironment(environment()))).toEqual(["test-cluster"]);
    const whole = synthEnvironment({
      defaults: { project: "p-from-defaults" },
      environments: [
        { name: "a", mode: "oss", location: "europe-west1", nodePools: [{ name: "x" }] },
      ],
    });
    expect(Object.keys(whole)).toEqual(["a-cluster", "a-mesh"]);
    expect(whole["a-cluster"].provider["google-beta"]).toEqual([{ project: "p-from-defaults" }]);
  });

  test("refuses invalid input with the app's one-line messages", () => {
    expect(() => synthEnvironment("name: x\nmode: istio\n", { file: "mine.yaml" })).toThrow(
      ConfigError,
    );
    expect(() =>
      synthEnvironment({ ...environment(), mode: "istio" }, { file: "mine.yaml" }),
    ).toThrow(/^mine\.yaml: environments\[0\] \(test\): mode: must be one of/m);
    expect(() => synthEnvironment("name: [unclosed")).toThrow(/^<inline>: not valid YAML: /);
  });

  test("refuses an unwaived policy violation, naming the rule", () => {
    const bad = environment({ cluster: { privateNodes: false } });
    expect(() => synthEnvironment(bad)).toThrow(PolicyViolationError);
    expect(() => synthEnvironment(bad)).toThrow(
      /^Policy check failed:\nGKE_PRIVATE_NODES at test-cluster\//,
    );
  });

  test("the README's example is __tests__/readme-example.test.ts, character for character", () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const example = fs.readFileSync(
      path.join(PROJECT_ROOT, "__tests__", "readme-example.test.ts"),
      "utf8",
    );
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});

describe("synthEnvironment's errors, exactly", () => {
  test("a policy violation: one line per violation, the lines in the error too", () => {
    const bad = environment({ cluster: { privateNodes: false, legacyAbac: true } });
    let error: PolicyViolationError | undefined;
    try {
      synthEnvironment(bad);
    } catch (e) {
      error = e as PolicyViolationError;
    }
    expect(error).toBeInstanceOf(PolicyViolationError);
    expect(error!.name).toBe("PolicyViolationError");
    expect(error!.violations.map((v) => v.split(" ")[0])).toEqual([
      "GKE_LEGACY_ABAC_DISABLED",
      "GKE_PRIVATE_NODES",
    ]);
    expect(error!.message).toBe(`Policy check failed:\n${error!.violations.join("\n")}`);
  });

  test("invalid YAML: one line, the parser's message and where, without its excerpt of the file", () => {
    expect(() => synthEnvironment("name: [unclosed")).toThrow(
      /^<inline>: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \] at line 1, column 16$/,
    );
  });

  test("leaves no folder behind in the temp folder, on success or on a violation", async () => {
    // Other test files may be synthesizing at the same moment: their folders come and go, a
    // leaked one stays. (TMPDIR cannot be redirected here: jest gives tests a copy of process.env.)
    const ours = () =>
      new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("gke-istio-synth-")));
    const before = ours();
    synthEnvironment(environment());
    expect(() => synthEnvironment(environment({ cluster: { legacyAbac: true } }))).toThrow(
      PolicyViolationError,
    );
    let left = [...ours()].filter((name) => !before.has(name));
    for (let wait = 0; left.length > 0 && wait < 50; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = [...ours()].filter((name) => !before.has(name));
    }
    expect(left).toEqual([]);
  });
});
