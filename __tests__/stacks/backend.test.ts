import * as cp from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../../config/load";
import { copyProject } from "../app-synth";
import { environment, parseEnvironments, synthEnvironments } from "../fixtures";
import {
  expectValidTerraform,
  testTerraformValidate,
  validateFolderWithTerraform,
} from "../terraform-validate";

const cloud = {
  type: "cloud",
  organization: "acme",
  hostname: "tfe.example.com",
  workspaces: { prefix: "gke-" },
};

describe("backend: { type: cloud }", () => {
  const stacks = synthEnvironments(environment({ mode: "oss", backend: cloud }));

  test("gives each stack its own HCP Terraform workspace, <prefix><stack>", () => {
    expect(stacks["test-cluster"].terraform.cloud).toEqual({
      organization: "acme",
      hostname: "tfe.example.com",
      workspaces: { name: "gke-test-cluster" },
    });
    expect(stacks["test-mesh"].terraform.cloud).toEqual({
      organization: "acme",
      hostname: "tfe.example.com",
      workspaces: { name: "gke-test-mesh" },
    });
    expect(stacks["test-cluster"].terraform.backend).toBeUndefined();
  });

  test("leaves hostname to Terraform (app.terraform.io) when not given", () => {
    const withoutHost = { ...cloud, hostname: undefined };
    const out = synthEnvironments(environment({ backend: withoutHost }));
    expect(out["test-cluster"].terraform.cloud).toEqual({
      organization: "acme",
      workspaces: { name: "gke-test-cluster" },
    });
  });

  test("the mesh stack still reads the cluster through data sources, not remote state", () => {
    expect(Object.keys(stacks["test-mesh"].data)).toEqual(
      expect.arrayContaining(["google_container_cluster", "google_client_config"]),
    );
    expect(stacks["test-mesh"].data.terraform_remote_state).toBeUndefined();
  });

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
      const run = cp.spawnSync(
        process.execPath,
        ["--require", "./scripts/register-ts.js", "scripts/generated.ts", "--hcl"],
        { cwd: dir, encoding: "utf8", env: { ...process.env, GKE_ISTIO_CONFIG: "cloud.yaml" } },
      );
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

  test("refuses names HCP Terraform refuses, naming the field and the value", () => {
    const problems = (backend: unknown) => {
      try {
        parseEnvironments(environment({ backend }));
        return "";
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        return e.message;
      }
    };
    expect(problems({ ...cloud, workspaces: { prefix: "gke/" } })).toBe(
      'test.yaml: environments[0] (test): backend.workspaces.prefix: must hold only letters, digits, - and _ (it starts workspace names), got "gke/"',
    );
    expect(problems({ ...cloud, hostname: "https://tfe.example.com" })).toContain(
      "backend.hostname: must be a host name such as app.terraform.io, without https://",
    );
    expect(problems({ type: "cloud", organization: "acme" })).toContain(
      "backend.workspaces: required: { prefix }, and each stack gets the workspace '<prefix><stack>', got nothing",
    );
  });
});
