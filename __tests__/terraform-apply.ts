// Real `terraform test` against mock providers, offline: a stack planned and applied
// (`expectStacksApply`), and the tool and cache that plan-edit tests share (terraform-plan-edit.ts).
//
// The shared tool (../shared/tfvalidate/validate.js, see its README) installs every provider as a
// schema-only shim; `mock_provider` blocks then let Terraform plan and apply in memory: every
// expression, count and for_each, condition and check block is evaluated, computed attributes get
// mock values. It needs Terraform 1.9 or later (mock providers since 1.7, `state_key` since 1.9).
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./app-synth";
import type { TerraformJson } from "./fixtures";
import {
  cacheContent,
  offlineToolSalt,
  offlineValidator,
  resultCacheDir,
  terraformValidator,
  terraformVersion,
} from "./terraform-validate";

/** The shared tool's API (validate.js), the parts used here. */
export interface MockTool {
  readonly path: string;
  mockApply(
    stack: TerraformJson,
    projectRoot: string,
  ): { ok: boolean; destroyBlockedBy: string[]; output: string };
  terraformEnv(
    projectRoot: string,
    requiredProviders?: Record<string, unknown>,
  ): Record<string, string>;
}

/** Terraform's version as `terraform version -json` gives it, or undefined. */
function versionOfTerraform(): number[] | undefined {
  try {
    const v = JSON.parse(terraformVersion()).terraform_version as string;
    return v.split(".").map(Number);
  } catch {
    return undefined;
  }
}

/**
 * The mock-provider tool, or the reason it cannot run here: no terraform, no offline tool, or a
 * Terraform older than 1.9.
 */
export function mockTool(): MockTool | { readonly skipped: string } {
  const found = terraformValidator();
  if ("skipped" in found) return found;
  const tool = offlineValidator();
  if (!tool) return { skipped: "the offline tool ../shared/tfvalidate/validate.js is not there" };
  const [major, minor] = versionOfTerraform() ?? [0, 0];
  if (major < 1 || (major === 1 && minor < 9)) {
    return { skipped: `terraform ${major}.${minor} is older than 1.9 (mock providers, state_key)` };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require(tool) as Omit<MockTool, "path">;
  if (typeof api.mockApply !== "function" || typeof api.terraformEnv !== "function") {
    return { skipped: `${tool} has no mockApply (an older tfvalidate)` };
  }
  return { path: tool, mockApply: api.mockApply, terraformEnv: api.terraformEnv };
}

/**
 * A test that runs Terraform against mock providers: skipped, visibly and with the reason in its
 * name, when the tool cannot run here (as testTerraformValidate does for validation).
 */
export function testWithMockProviders(name: string, fn: () => void, timeout = 600_000): void {
  const tool = mockTool();
  if ("skipped" in tool) {
    console.warn(`terraform test skipped: ${tool.skipped}`);
    test.skip(`${name} (skipped: ${tool.skipped})`, fn);
  } else {
    test(`${name} (terraform test, mock providers)`, fn, timeout);
  }
}

/**
 * Results of Terraform runs remembered by content (node_modules/.cache/gke-istio-cdktf/<kind>, so a
 * clean clone starts empty), keyed by the content and the tool's salt (Terraform's version, the
 * tool's files, the provider bindings). Only clean results are stored. GKE_ISTIO_TFVALIDATE_CACHE=off
 * turns it off, and a path there names a shared parent folder, as for the validation cache.
 */
export class TerraformResultCache<T> {
  private readonly dir?: string;
  private readonly salt: string = "";

  constructor(kind: string, tool: string) {
    if (process.env.GKE_ISTIO_TFVALIDATE_CACHE === "off") return;
    try {
      this.salt = offlineToolSalt(tool);
      this.dir = resultCacheDir(kind);
    } catch {
      // Without a key there is no cache: every run is made.
    }
  }

  private file(content: string): string | undefined {
    if (!this.dir) return undefined;
    const key = crypto.createHash("sha256").update(this.salt).update(content).digest("hex");
    return path.join(this.dir, `${key}.json`);
  }

  get(content: string): T | undefined {
    const file = this.file(content);
    if (!file || !fs.existsSync(file)) return undefined;
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  }

  set(content: string, value: T): void {
    const file = this.file(content);
    if (!file) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(value));
      fs.renameSync(`${file}.${process.pid}.tmp`, file);
    } catch {
      // A read-only cache only costs speed.
    }
  }
}

export interface StackApply {
  readonly ok: boolean;
  /** Resources whose prevent_destroy stopped the test's teardown, as it would stop `terraform destroy`. */
  readonly destroyBlockedBy: string[];
  /** Terraform's output, the last lines, when it failed. */
  readonly output?: string;
}

/** mockApply on one stack, remembered by content. Throws when the tool cannot run. */
export function applyWithMockProviders(stack: TerraformJson): StackApply {
  const tool = mockTool();
  if ("skipped" in tool) throw new Error(`terraform test could not run: ${tool.skipped}`);
  const cache = new TerraformResultCache<{ destroyBlockedBy: string[] }>("tfapply", tool.path);
  const content = cacheContent(stack);
  const known = cache.get(content);
  if (known) return { ok: true, destroyBlockedBy: known.destroyBlockedBy };
  const r = tool.mockApply(stack, PROJECT_ROOT);
  if (!r.ok) {
    const last = r.output
      .split("\n")
      .filter((l) => l.trim())
      .slice(-30)
      .join("\n");
    return { ok: false, destroyBlockedBy: r.destroyBlockedBy, output: last };
  }
  cache.set(content, { destroyBlockedBy: r.destroyBlockedBy });
  return { ok: true, destroyBlockedBy: r.destroyBlockedBy };
}
