import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  testTerraformValidate,
  validateFolderWithTerraform,
  validateWithTerraform,
} from "./terraform-validate";

// The validation cache remembers clean results only: an invalid stack is validated every time.
describe("validateWithTerraform's cache", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tfvalidate-cache-"));
  const saved = process.env.GKE_ISTIO_TFVALIDATE_CACHE;
  beforeAll(() => (process.env.GKE_ISTIO_TFVALIDATE_CACHE = dir));
  afterAll(() => {
    if (saved === undefined) delete process.env.GKE_ISTIO_TFVALIDATE_CACHE;
    else process.env.GKE_ISTIO_TFVALIDATE_CACHE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  // The helm provider: its schema is small, so Terraform loads it in a quarter of the time the
  // google provider's takes (these runs are never cached: the cache itself is under test).
  const release = (extra: Record<string, unknown>) => ({
    terraform: { required_providers: { helm: { source: "helm", version: "3.1.1" } } },
    provider: { helm: [{ burst_limit: 100 }] },
    resource: { helm_release: { r: { name: "r", chart: "c", ...extra } } },
  });

  testTerraformValidate(
    "keeps the valid stack only",
    () => {
      const stacks = { good: release({}), bad: release({ no_such_attribute: 1 }) };
      const first = validateWithTerraform(stacks);
      if (first.skipped !== undefined) throw new Error(first.skipped);
      expect(first.results.good).toEqual({ ok: true, diagnostics: [] });
      expect(first.results.bad.ok).toBe(false);
      const kept = path.join(dir, "tfvalidate");
      expect(fs.readdirSync(kept)).toHaveLength(1);
      const again = validateWithTerraform({ good: stacks.good });
      expect(again.results).toEqual({ good: { ok: true, diagnostics: [] } });
      expect(fs.readdirSync(kept)).toHaveLength(1);
      // Another engine's metadata block changes nothing Terraform reads: the same entry.
      const other = { ...stacks.good, "//": { metadata: { version: "0.24.0" } } };
      expect(validateWithTerraform({ other }).results).toEqual({
        other: { ok: true, diagnostics: [] },
      });
      expect(fs.readdirSync(kept)).toHaveLength(1);
    },
    300_000,
  );

  // HCL stack folders go through one Terraform run together: each problem must still land on
  // the stack that has it, and the cache must keep only the clean one.
  testTerraformValidate(
    "validates HCL stack folders together, each problem on its own stack",
    () => {
      const stacksDir = fs.mkdtempSync(path.join(os.tmpdir(), "tfvalidate-hcl-"));
      try {
        const stack = (name: string, extra: string) => {
          fs.mkdirSync(path.join(stacksDir, name));
          fs.writeFileSync(
            path.join(stacksDir, name, "cdk.tf"),
            [
              "terraform {",
              "  required_providers {",
              "    helm = {",
              '      version = "3.1.1"',
              '      source  = "helm"',
              "    }",
              "  }",
              '  backend "local" {',
              `    path = "../../terraform.${name}.tfstate"`,
              "  }",
              "}",
              'provider "helm" {',
              "  burst_limit = 100",
              "}",
              'resource "helm_release" "r" {',
              `  name  = "${name}"`,
              '  chart = "c"',
              extra,
              "}",
              "",
            ].join("\n"),
          );
        };
        stack("alpha", "");
        stack("beta", "  no_such_attribute = 1");
        const first = validateFolderWithTerraform(stacksDir);
        if (first.skipped !== undefined) throw new Error(first.skipped);
        expect(first.results.alpha).toEqual({ ok: true, diagnostics: [] });
        expect(first.results.beta.ok).toBe(false);
        expect(first.results.beta.diagnostics).toEqual([
          expect.objectContaining({ severity: "error", summary: "Unsupported argument" }),
        ]);
        expect(
          fs.readdirSync(path.join(dir, "tfvalidate")).filter((f) => f.endsWith(".valid")),
        ).toHaveLength(2);
        const again = validateFolderWithTerraform(stacksDir);
        expect(again.results).toEqual(first.results);
        expect(
          fs.readdirSync(path.join(dir, "tfvalidate")).filter((f) => f.endsWith(".valid")),
        ).toHaveLength(2);
      } finally {
        fs.rmSync(stacksDir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
