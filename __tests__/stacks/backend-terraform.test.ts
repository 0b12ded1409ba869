import * as fs from "fs";
import * as path from "path";
import { copyProject } from "../app-synth";
import { runCommand } from "../command-runs";
import { environment, synthEnvironments } from "../fixtures";
import {
  expectValidTerraform,
  testTerraformValidate,
  validateFolderWithTerraform,
} from "../terraform-validate";

// The cloud backend through real `terraform validate` (JSON and HCL): subprocesses, kept apart
// from backend.test.ts so that the mutation run (jest.mutation.config.js) can leave them out.
const cloud = {
  type: "cloud",
  organization: "acme",
  hostname: "tfe.example.com",
  workspaces: { prefix: "gke-" },
};

describe("backend: { type: cloud }, through terraform", () => {
  const stacks = synthEnvironments(environment({ mode: "oss", backend: cloud }));

  testTerraformValidate(
    "is valid Terraform (real terraform validate, JSON)",
    () => {
      expectValidTerraform(stacks);
    },
    120_000,
  );

  describe("as HCL (npm run generated -- --hcl)", () => {
    const dir = copyProject("gke-istio-cloud-backend");
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    beforeAll(() => {
      fs.writeFileSync(
        path.join(dir, "cloud.yaml"),
        JSON.stringify({ environments: [environment({ mode: "oss", backend: cloud })] }),
      );
      // The real command, remembered by content across runs (command-runs.ts).
      const run = runCommand(dir, "commands/generated.ts", ["--hcl"], {
        GKE_ISTIO_CONFIG: "cloud.yaml",
      });
      expect(run.status).toBe(0);
    }, 120_000);

    test("writes the cloud block and names the workspace in the index", () => {
      const hcl = fs.readFileSync(path.join(dir, "generated/stacks/test-cluster/cdk.tf"), "utf8");
      expect(hcl).toContain('  cloud {\n    organization = "acme"');
      expect(hcl).toContain('    workspaces {\n      name = "gke-test-cluster"\n    }');
      expect(fs.readFileSync(path.join(dir, "generated/README.md"), "utf8")).toContain(
        "  - `test-mesh`: HCP Terraform organization `acme` on `tfe.example.com`, workspace `gke-test-mesh`",
      );
    });

    testTerraformValidate(
      "is valid Terraform",
      () => {
        const outcome = validateFolderWithTerraform(path.join(dir, "generated", "stacks"));
        if (outcome.skipped)
          throw new Error(`terraform validate could not run: ${outcome.skipped}`);
        expect(outcome.results).toEqual({
          "test-cluster": { ok: true, diagnostics: [] },
          "test-mesh": { ok: true, diagnostics: [] },
        });
      },
      120_000,
    );
  });
});
