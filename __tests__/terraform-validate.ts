import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "./app-synth";
import type { TerraformJson } from "./fixtures";

export interface StackValidation {
  readonly ok: boolean;
  readonly diagnostics: { severity: string; summary: string; detail?: string }[];
}

export type ValidationOutcome =
  | { readonly skipped: string; readonly results?: undefined }
  | {
      readonly skipped?: undefined;
      readonly via: string;
      readonly results: Record<string, StackValidation>;
    };

/** Where the offline validator may be: TFVALIDATE_JS, or the workplace's shared folder. */
const VALIDATOR_CANDIDATES = [
  process.env.TFVALIDATE_JS,
  path.resolve(PROJECT_ROOT, "../shared/tfvalidate/validate.js"),
  "/work/shared/tfvalidate/validate.js",
].filter((p): p is string => Boolean(p));

/**
 * Real `terraform validate` on every stack: with real providers when `terraform init`
 * can download them, else with the offline schema-only validator, else skipped (with why).
 */
export function validateWithTerraform(stacks: Record<string, TerraformJson>): ValidationOutcome {
  if (cp.spawnSync("terraform", ["version"], { encoding: "utf8" }).status !== 0) {
    return { skipped: "terraform is not on PATH" };
  }
  const real = validateWithRealProviders(stacks);
  if (real) return { via: "real providers", results: real };
  const validator = VALIDATOR_CANDIDATES.find((p) => fs.existsSync(p));
  if (!validator) {
    return {
      skipped: `providers cannot be downloaded and no offline validator was found (${VALIDATOR_CANDIDATES.join(", ")})`,
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateStacks } = require(validator) as {
    validateStacks(s: Record<string, TerraformJson>, root: string): Record<string, StackValidation>;
  };
  const raw = validateStacks(stacks, PROJECT_ROOT);
  const results = Object.fromEntries(
    Object.entries(raw).map(([name, r]) => [name, { ok: r.ok, diagnostics: r.diagnostics }]),
  );
  return { via: validator, results };
}

/** undefined when the providers cannot be installed here (no registry access). */
function validateWithRealProviders(
  stacks: Record<string, TerraformJson>,
): Record<string, StackValidation> | undefined {
  const results: Record<string, StackValidation> = {};
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  for (const [name, tf] of Object.entries(stacks)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tf-${name}-`));
    try {
      fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(tf));
      const init = cp.spawnSync(
        "terraform",
        ["init", "-backend=false", "-input=false", "-no-color"],
        { cwd: dir, env, encoding: "utf8", timeout: 180_000 },
      );
      if (init.status !== 0) return undefined;
      const v = cp.spawnSync("terraform", ["validate", "-json", "-no-color"], {
        cwd: dir,
        env,
        encoding: "utf8",
      });
      const json = JSON.parse(v.stdout);
      results[name] = { ok: json.valid === true, diagnostics: json.diagnostics ?? [] };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

/** Asserts every stack is valid Terraform, or prints why validation was skipped. */
export function expectValidTerraform(stacks: Record<string, TerraformJson>): void {
  const outcome = validateWithTerraform(stacks);
  if (outcome.skipped) {
    console.warn(`terraform validate skipped: ${outcome.skipped}`);
    return;
  }
  expect(outcome.results).toEqual(
    Object.fromEntries(Object.keys(stacks).map((name) => [name, { ok: true, diagnostics: [] }])),
  );
}
