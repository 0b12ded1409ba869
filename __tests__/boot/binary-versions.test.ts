import { TerraformStack, Testing } from "cdktf";
import { DataResource } from "cdktf/lib/terraform-data-resource";
import { ValidateBinaryVersion } from "cdktf/lib/validations/validate-binary-version";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { installBinaryVersions, engineClass } = require("../../boot/binary-versions") as {
  installBinaryVersions(target?: unknown, env?: Record<string, string>): void;
  engineClass(load?: () => unknown): unknown;
};

/** A class of cdktf's shape whose validate() counts its runs and answers by its command. */
function fakeClass() {
  const runs: string[] = [];
  class Check {
    constructor(
      readonly binary: string,
      readonly versionConstraint: string,
      readonly versionCommand: string,
      readonly hint?: string,
    ) {}
    validate(): string[] {
      runs.push(this.versionCommand);
      return this.versionCommand.startsWith("missing") ? [`no ${this.binary}`] : [];
    }
  }
  return { Check, runs };
}

describe("boot/binary-versions.js", () => {
  test("installed when cdktf loads its class, as in the app: cdktf's class asks once", () => {
    expect((ValidateBinaryVersion.prototype.validate as { once?: boolean }).once).toBe(true);
    // The class as cdktf's own modules require it ("./validate-binary-version") is that one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const viaCdktf = require("cdktf/lib/validations") as { ValidateBinaryVersion: unknown };
    expect(viaCdktf.ValidateBinaryVersion).toBe(ValidateBinaryVersion);
  });

  test("each distinct check runs once per process; the same answer, as a fresh list, every time", () => {
    const { Check, runs } = fakeClass();
    installBinaryVersions(Check, {});
    installBinaryVersions(Check, {}); // twice: still one wrapper
    const a = new Check("terraform", ">=1.4", "terraform version");
    const b = new Check("terraform", ">=1.4", "terraform version");
    const missing = new Check("tofu", ">=1.4", "missing version", "install it");
    expect(a.validate()).toEqual([]);
    expect(b.validate()).toEqual([]);
    const first = missing.validate();
    first.push("changed by a caller");
    expect(missing.validate()).toEqual(["no tofu"]);
    expect(runs).toEqual(["terraform version", "missing version"]);
    // Another constraint or hint is another check.
    new Check("terraform", ">=1.5", "terraform version").validate();
    new Check("terraform", ">=1.4", "terraform version", "upgrade").validate();
    expect(runs).toHaveLength(4);
  });

  test("an engine whose class moved is left alone: its own checks run, each time", () => {
    expect(engineClass()).toBe(ValidateBinaryVersion);
    const moved = engineClass(() => {
      throw new Error("Cannot find module");
    });
    expect(moved).toBeUndefined();
    expect(() => installBinaryVersions(moved, {})).not.toThrow();
  });

  test("GKE_ISTIO_BINARY_VERSIONS=each runs every check, as cdktf does", () => {
    const { Check, runs } = fakeClass();
    installBinaryVersions(Check, { GKE_ISTIO_BINARY_VERSIONS: "each" });
    new Check("terraform", ">=1.4", "terraform version").validate();
    new Check("terraform", ">=1.4", "terraform version").validate();
    expect(runs).toHaveLength(2);
  });

  test("cdktf's own messages come through unchanged (a binary that is not there)", () => {
    const patched = new ValidateBinaryVersion("nope", ">=1.0", "gke-istio-no-such-binary version");
    const original = (
      ValidateBinaryVersion.prototype.validate as unknown as { original: () => string[] }
    ).original.call(patched);
    expect(original[0]).toMatch(/^Could not determine version of nope, .* failed: /);
    expect(patched.validate()).toEqual(original);
  });

  test("cdktf's terraform_data resources share one answer: one `terraform version` per process", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    for (const id of ["a", "b", "c"]) new DataResource(stack, id, { input: { id } });
    const answers = (
      ValidateBinaryVersion.prototype.validate as unknown as { answers: Map<string, string[]> }
    ).answers;
    answers.clear();
    const results = stack.node.children.map((c) => c.node.validate());
    // One answer for the three ([] where a recent terraform is on PATH).
    expect(results.map((r) => JSON.stringify(r))).toEqual(
      Array(3).fill(JSON.stringify(results[0])),
    );
    expect([...answers.keys()]).toEqual([
      JSON.stringify([
        "terraform",
        ">=1.4",
        "terraform version",
        "The built-in Terraform data resource is only supported for Terraform >=1.4. Please upgrade your Terraform version.",
      ]),
    ]);
  });
});
