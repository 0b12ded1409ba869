import * as cp from "child_process";
import * as crypto from "crypto";
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

/** Where the offline validator may be: TFVALIDATE_JS, or the shared folder beside the project. */
const VALIDATOR_CANDIDATES = [
  process.env.TFVALIDATE_JS,
  path.resolve(PROJECT_ROOT, "../shared/tfvalidate/validate.js"),
].filter((p): p is string => Boolean(p));

/** The providers of our stacks, as `terraform init` would need them. */
const PROVIDER_PROBE = {
  terraform: {
    required_providers: {
      google: { source: "hashicorp/google" },
      "google-beta": { source: "hashicorp/google-beta" },
      helm: { source: "hashicorp/helm" },
      kubernetes: { source: "hashicorp/kubernetes" },
    },
  },
};

let validator: { readonly via: string } | { readonly skipped: string } | undefined;

/**
 * How stacks get validated here, decided once: real providers when `terraform init` can
 * install them, else the offline schema-only validator, else the reason it cannot run.
 */
export function terraformValidator(): { readonly via: string } | { readonly skipped: string } {
  const decided = process.env[VALIDATOR_ENV];
  validator ??= decided ? JSON.parse(decided) : findValidator();
  return validator!;
}

/** Where jest's globalSetup leaves its decision, so each test file does not probe again. */
const VALIDATOR_ENV = "GKE_ISTIO_TERRAFORM_VALIDATOR";
const TERRAFORM_VERSION_ENV = "GKE_ISTIO_TERRAFORM_VERSION";

/**
 * For jest's globalSetup: decide once per run how stacks get validated (the probe runs
 * `terraform init`), and read Terraform's version once; the workers inherit both.
 */
export function decideTerraformValidatorForRun(): void {
  process.env[VALIDATOR_ENV] = JSON.stringify(findValidator());
  process.env[TERRAFORM_VERSION_ENV] = terraformVersion();
}

/** `terraform version -json`, read once per jest run (globalSetup) and inherited by the workers. */
export function terraformVersion(): string {
  return (
    process.env[TERRAFORM_VERSION_ENV] ??
    cp.spawnSync("terraform", ["version", "-json"], { encoding: "utf8" }).stdout ??
    ""
  );
}

function findValidator(): { readonly via: string } | { readonly skipped: string } {
  if (cp.spawnSync("terraform", ["version"], { encoding: "utf8" }).status !== 0) {
    return { skipped: "terraform is not on PATH" };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-probe-"));
  try {
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(PROVIDER_PROBE));
    const init = cp.spawnSync("terraform", ["init", "-backend=false", "-input=false"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 180_000,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
    });
    if (init.status === 0) return { via: "real providers" };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const offline = VALIDATOR_CANDIDATES.find((p) => fs.existsSync(p));
  return offline
    ? { via: offline }
    : {
        skipped: `providers cannot be downloaded and no offline validator was found (${VALIDATOR_CANDIDATES.join(", ")})`,
      };
}

/**
 * A test that runs real `terraform validate`: skipped, visibly and with the reason in its
 * name, when neither real providers nor the offline validator can run here.
 */
export function testTerraformValidate(name: string, fn: () => void, timeout?: number): void {
  const found = terraformValidator();
  if ("skipped" in found) {
    console.warn(`terraform validate skipped: ${found.skipped}`);
    test.skip(`${name} (skipped: ${found.skipped})`, fn);
  } else {
    test(
      `${name} (${found.via === "real providers" ? "real providers" : "offline validator"})`,
      fn,
      timeout,
    );
  }
}

/**
 * Real `terraform validate` on every stack, with the validator `terraformValidator()` found.
 */
export function validateWithTerraform(stacks: Record<string, TerraformJson>): ValidationOutcome {
  const found = terraformValidator();
  if ("skipped" in found) return found;
  if (found.via === "real providers") {
    const real = validateWithRealProviders(stacks);
    if (real) return { via: "real providers", results: real };
  }
  const validator = VALIDATOR_CANDIDATES.find((p) => fs.existsSync(p));
  if (!validator) return { skipped: "real providers could not be installed for these stacks" };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateStacks } = require(validator) as {
    validateStacks(s: Record<string, TerraformJson>, root: string): Record<string, StackValidation>;
  };
  const cache = new ValidationCache(validator);
  const results: Record<string, StackValidation> = {};
  const unknown: Record<string, TerraformJson> = {};
  for (const [name, tf] of Object.entries(stacks)) {
    if (cache.isValid(tf)) results[name] = { ok: true, diagnostics: [] };
    else unknown[name] = tf;
  }
  if (Object.keys(unknown).length > 0) {
    // All stacks not known valid in one Terraform run.
    for (const [name, r] of Object.entries(validateStacks(unknown, PROJECT_ROOT))) {
      results[name] = { ok: r.ok, diagnostics: r.diagnostics };
      if (r.ok && r.diagnostics.length === 0) cache.remember(unknown[name]);
    }
  }
  return { via: validator, results };
}

/**
 * Stacks the offline validator found valid, remembered by content (node_modules/.cache, so a
 * clean clone starts empty): a stack byte-identical to one validated before, by the same
 * validator, Terraform and provider bindings, is not validated again. Only clean results are
 * kept; anything else runs every time. GKE_ISTIO_TFVALIDATE_CACHE=off turns it off; a path there
 * names another parent folder (resultCacheDir).
 */
class ValidationCache {
  private readonly dir?: string;
  private salt = "";

  constructor(validator: string) {
    const setting = process.env.GKE_ISTIO_TFVALIDATE_CACHE;
    if (setting === "off") return;
    try {
      this.salt = offlineToolSalt(validator);
      this.dir = resultCacheDir("tfvalidate");
    } catch {
      // Without a key there is no cache: every stack is validated.
    }
  }

  /** A stack by its content: its JSON, or (a string) the files of an HCL stack folder. */
  private file(tf: TerraformJson | string): string | undefined {
    if (!this.dir) return undefined;
    const content = typeof tf === "string" ? tf : cacheContent(tf);
    const key = crypto.createHash("sha256").update(this.salt).update(content);
    return path.join(this.dir, `${key.digest("hex")}.valid`);
  }

  isValid(tf: TerraformJson | string): boolean {
    const file = this.file(tf);
    return file !== undefined && fs.existsSync(file);
  }

  remember(tf: TerraformJson | string): void {
    const file = this.file(tf);
    if (!file) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "");
    } catch {
      // A read-only cache only costs speed.
    }
  }
}

/**
 * A stack as the caches key it: its JSON without cdktf's top-level metadata block (`//`: the
 * engine's version, the stack's name), which Terraform ignores. So the same Terraform from another
 * engine (CDK Terrain) or another copy of the project finds the results already made.
 */
export function cacheContent(stack: TerraformJson): string {
  const rest = { ...stack };
  delete rest["//"];
  return JSON.stringify(rest);
}

/**
 * The folder of one kind of cached result: GKE_ISTIO_TFVALIDATE_CACHE names a parent folder that
 * several copies of the project share (CI's Node 22, Node 24 and CDK Terrain runs); by default
 * node_modules/.cache, so a clean clone starts empty.
 */
export function resultCacheDir(kind: string): string {
  const setting = process.env.GKE_ISTIO_TFVALIDATE_CACHE;
  return setting
    ? path.join(setting, kind)
    : path.join(PROJECT_ROOT, "node_modules", ".cache", "gke-istio-cdktf", kind);
}

/**
 * What an offline result depends on besides the stack: Terraform's version, the tool's own files
 * and the provider bindings it serves. Part of every cache key (validation, mock apply, plans).
 */
export function offlineToolSalt(validator: string): string {
  const validatorDir = path.dirname(validator);
  const parts = [
    terraformVersion(),
    ...fs
      .readdirSync(validatorDir)
      .filter((f) => /\.(js|proto)$/.test(f))
      .sort()
      .map((f) => fs.readFileSync(path.join(validatorDir, f), "utf8")),
    ...BINDINGS.map((pkg) =>
      fs.readFileSync(path.join(PROJECT_ROOT, "node_modules", pkg, "package.json"), "utf8"),
    ),
  ];
  return crypto.createHash("sha256").update(parts.join("\0")).digest("hex");
}

/** The offline validator's validate.js, when there is one: TFVALIDATE_JS or ../shared/tfvalidate. */
export function offlineValidator(): string | undefined {
  return VALIDATOR_CANDIDATES.find((p) => fs.existsSync(p));
}

const BINDINGS = [
  "@cdktf/provider-google",
  "@cdktf/provider-google-beta",
  "@cdktf/provider-helm",
  "@cdktf/provider-kubernetes",
];

/**
 * `terraform init` then `terraform validate` in a folder that holds one stack; undefined when
 * the providers cannot be installed here (no registry access).
 */
function initAndValidate(dir: string): StackValidation | undefined {
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  const init = cp.spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
    cwd: dir,
    env,
    encoding: "utf8",
    timeout: 180_000,
  });
  if (init.status !== 0) return undefined;
  const v = cp.spawnSync("terraform", ["validate", "-json", "-no-color"], {
    cwd: dir,
    env,
    encoding: "utf8",
  });
  const json = JSON.parse(v.stdout);
  return { ok: json.valid === true, diagnostics: json.diagnostics ?? [] };
}

/** undefined when the providers cannot be installed here (no registry access). */
function validateWithRealProviders(
  stacks: Record<string, TerraformJson>,
): Record<string, StackValidation> | undefined {
  const results: Record<string, StackValidation> = {};
  for (const [name, tf] of Object.entries(stacks)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tf-${name}-`));
    try {
      fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(tf));
      const result = initAndValidate(dir);
      if (!result) return undefined;
      results[name] = result;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}

/**
 * Asserts every stack is valid Terraform. Call it inside `testTerraformValidate`, which skips
 * the test when no validator can run; here a validator that cannot run is a failure.
 */
export function expectValidTerraform(stacks: Record<string, TerraformJson>): void {
  const outcome = validateWithTerraform(stacks);
  if (outcome.skipped) throw new Error(`terraform validate could not run: ${outcome.skipped}`);
  expect(Object.keys(stacks).length).toBeGreaterThan(0);
  expect(outcome.results).toEqual(
    Object.fromEntries(Object.keys(stacks).map((name) => [name, { ok: true, diagnostics: [] }])),
  );
}

/** Real `terraform validate` on a folder of HCL stack folders (`<stack>/cdk.tf`), as the JSON ones above. */
export function validateFolderWithTerraform(stacksDir: string): ValidationOutcome {
  const found = terraformValidator();
  if ("skipped" in found) return found;
  const stacks = fs.readdirSync(stacksDir).sort();
  if (found.via === "real providers") {
    const results: Record<string, StackValidation> = {};
    let real = true;
    for (const name of stacks) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tf-${name}-`));
      try {
        fs.cpSync(path.join(stacksDir, name), dir, { recursive: true });
        const result = initAndValidate(dir);
        if (!result) {
          real = false;
          break;
        }
        results[name] = result;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    if (real) return { via: "real providers", results };
  }
  const validator = VALIDATOR_CANDIDATES.find((p) => fs.existsSync(p));
  if (!validator) return { skipped: "real providers could not be installed for these stacks" };
  return { via: validator, results: validateFoldersOffline(stacksDir, stacks, validator) };
}

/**
 * The offline validator on HCL stack folders, all in one Terraform run (each stack a child module
 * of a throwaway root, as `validateStacks` does for JSON: the providers start once, not once per
 * stack), and a stack whose files are byte-identical to a clean one validated before is not
 * validated again (the same cache as the JSON stacks).
 */
function validateFoldersOffline(
  stacksDir: string,
  stacks: string[],
  validator: string,
): Record<string, StackValidation> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateFolder } = require(validator) as {
    validateFolder(dir: string, root: string): StackValidation;
  };
  const cache = new ValidationCache(validator);
  const results: Record<string, StackValidation> = {};
  const unknown = new Map<string, string>();
  for (const name of stacks) {
    const key = `hcl\0${JSON.stringify(readFolder(path.join(stacksDir, name)))}`;
    if (cache.isValid(key)) results[name] = { ok: true, diagnostics: [] };
    else unknown.set(name, key);
  }
  if (unknown.size === 0) return results;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tf-hcl-"));
  const moduleOf = (name: string) => `s_${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  try {
    const modules: Record<string, { source: string }> = {};
    for (const name of unknown.keys()) {
      const dir = path.join(root, moduleOf(name));
      fs.cpSync(path.join(stacksDir, name), dir, { recursive: true });
      const file = path.join(dir, "cdk.tf");
      fs.writeFileSync(file, asChildModule(fs.readFileSync(file, "utf8")));
      modules[moduleOf(name)] = { source: `./${moduleOf(name)}` };
    }
    fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify({ module: modules }));
    const r = validateFolder(root, PROJECT_ROOT) as StackValidation & {
      diagnostics: { address?: string }[];
    };
    for (const name of unknown.keys()) results[name] = { ok: true, diagnostics: [] };
    for (const d of r.diagnostics) {
      const address = d.address ?? "";
      const owner = [...unknown.keys()].find(
        (n) => address.startsWith(`${moduleOf(n)}/`) || address.includes(`module.${moduleOf(n)}`),
      );
      const { severity, summary, detail } = d;
      for (const n of owner ? [owner] : [...unknown.keys()]) {
        const own = results[n];
        results[n] = {
          ok: own.ok && severity !== "error",
          diagnostics: [...own.diagnostics, { severity, summary, ...(detail ? { detail } : {}) }],
        };
      }
    }
    if (!r.ok && r.diagnostics.length === 0) {
      for (const n of unknown.keys()) {
        results[n] = { ok: false, diagnostics: [{ severity: "error", summary: "invalid" }] };
      }
    }
    for (const [name, key] of unknown) {
      if (results[name].ok && results[name].diagnostics.length === 0) cache.remember(key);
    }
    return results;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Every file under a stack folder, by relative path, in a stable order. */
function readFolder(dir: string): [string, string][] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]);
}

/**
 * A stack's HCL as a child module: Terraform ignores a backend or cloud block there with a warning
 * (and `validate` never reads one), so the `terraform { }` block loses it.
 */
function asChildModule(hcl: string): string {
  return hcl.replace(/^ {2}(?:backend "[^"]*"|cloud) \{\n(?: {4}.*\n| *\n)*? {2}\}\n/gm, "");
}
