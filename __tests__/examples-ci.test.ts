// examples/ci/github-actions.yml: well-formed for GitHub (its own parser and schema), and in the order the docs promise.
import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { parse } from "yaml";
import { loadConfig } from "../config/load";
import { addEnvironments } from "../stacks/environment-stacks";
import { generatedIndex } from "../scripts/generated-index";
import { PROJECT_ROOT } from "./app-synth";

const WORKFLOW = path.join(PROJECT_ROOT, "examples", "ci", "github-actions.yml");
const text = fs.readFileSync(WORKFLOW, "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const workflow = parse(text) as any;

interface Parsed {
  errors: string[];
  jobs: { id: string; needs: string[]; steps: { uses?: string; run?: string }[] }[];
}
const githubParse = (file: string): Parsed =>
  JSON.parse(
    cp.execFileSync(process.execPath, [path.join(__dirname, "tools", "parse-workflow.mjs"), file], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    }),
  );

describe("examples/ci/github-actions.yml", () => {
  test("passes GitHub's workflow parser and schema (@actions/workflow-parser) with no error", () => {
    const parsed = githubParse(WORKFLOW);
    expect(parsed.errors).toEqual([]);
    expect(parsed.jobs.map((j) => [j.id, j.needs])).toEqual([
      ["test", []],
      ["plan", ["test"]],
      ["upstream", []],
    ]);
  });

  test("GitHub's parser does reject a broken workflow", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-workflow-"));
    try {
      const broken = path.join(dir, "broken.yml");
      fs.writeFileSync(broken, text.replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest"));
      expect(githubParse(broken).errors.join("\n")).toMatch(/run-on/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("synthesizes in strict mode: generated --check runs with GKE_ISTIO_STRICT=1", () => {
    const step = workflow.jobs.test.steps.find(
      (st: { run?: string }) => st.run === "npm run generated -- --check",
    );
    expect(step.env).toEqual({ GKE_ISTIO_STRICT: "1" });
    // Only there: the project's own tests synthesize examples that strict mode refuses.
    expect(workflow.env.GKE_ISTIO_STRICT).toBeUndefined();
  });

  test("runs on pull requests: npm ci, npm test, then generated --check", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request", "schedule", "workflow_dispatch"]);
    expect(workflow.jobs.test.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.jobs.plan.if).toBe("github.event_name == 'pull_request'");
    const runs = workflow.jobs.test.steps.map((s: { run?: string }) => s.run).filter(Boolean);
    expect(runs).toEqual([
      "npm ci --no-audit --no-fund",
      "npm test",
      "npm run generated -- --check",
    ]);
  });

  test("plans after the tests, keyless through Workload Identity Federation, and comments the plan", () => {
    const plan = workflow.jobs.plan;
    expect(plan.needs).toBe("test");
    expect(plan.permissions).toEqual({
      contents: "read",
      "id-token": "write",
      "pull-requests": "write",
    });
    const uses = plan.steps.map((s: { uses?: string }) => s.uses?.split("@")[0]);
    expect(uses).toEqual([
      "actions/checkout",
      "google-github-actions/auth",
      "google-github-actions/setup-gcloud",
      "hashicorp/setup-terraform",
      undefined,
      "actions/github-script",
      undefined,
    ]);
    // The mesh stacks' providers run gke-gcloud-auth-plugin (cluster.providerAuth: exec).
    expect(plan.steps[2].with).toEqual({ install_components: "gke-gcloud-auth-plugin" });
    expect(Object.keys(plan.steps[1].with).sort()).toEqual([
      "service_account",
      "workload_identity_provider",
    ]);
    // No key of any kind: no credentials_json input, no key secret, no GOOGLE_CREDENTIALS.
    expect(text).not.toMatch(/credentials_json|GOOGLE_CREDENTIALS|secrets\.|private_key/);
    const script: string = plan.steps[4].run;
    for (const command of ["init", "validate", "plan"]) {
      expect(script).toContain(`terraform -chdir="$dir" ${command} -no-color`);
    }
    expect(plan.steps[5].with.script).toContain("github.rest.issues.createComment");
  });

  test("on a schedule (and on demand) only, runs npm run upstream with keyless Google credentials", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "17 6 * * *" }]);
    const upstream = workflow.jobs.upstream;
    expect(upstream.if).toBe("github.event_name != 'pull_request'");
    expect(upstream.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(
      upstream.steps.map((s: { uses?: string; run?: string }) => s.run ?? s.uses?.split("@")[0]),
    ).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "google-github-actions/auth",
      "npm ci --no-audit --no-fund",
      "npm run upstream",
    ]);
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    expect(pkg.scripts.upstream).toBeDefined();
  });

  test("plans every stack in apply order, read from the generated index", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-ci-"));
    const app = new App({ outdir: dir });
    const { environments } = loadConfig(path.join(PROJECT_ROOT, "config", "environments.yaml"));
    addEnvironments(app, environments);
    const stacks = app.node.children
      .filter((c): c is TerraformStack => c instanceof TerraformStack)
      .map((s) => ({ name: s.node.id, dependencies: s.dependencies.map((d) => d.node.id) }));
    try {
      fs.mkdirSync(path.join(dir, "generated"));
      fs.writeFileSync(
        path.join(dir, "generated", "README.md"),
        generatedIndex(environments, stacks, "json"),
      );
      const script: string = workflow.jobs.plan.steps[4].run;
      const line = script.split("\n").find((l) => l.startsWith("stacks=$("));
      const ordered = cp
        .execFileSync("bash", ["-c", `${line}\necho $stacks`], { cwd: dir, encoding: "utf8" })
        .trim()
        .split(" ");
      expect([...ordered].sort()).toEqual(stacks.map((s) => s.name).sort());
      for (const s of stacks) {
        for (const dep of s.dependencies) {
          expect(ordered.indexOf(dep)).toBeLessThan(ordered.indexOf(s.name));
        }
      }
      expect(ordered.slice(0, 2)).toEqual(["mesh-cluster", "mesh-mesh"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("is not an environment file: examples.test.ts reads only examples/*.yaml files", () => {
    const examples = fs.readdirSync(path.join(PROJECT_ROOT, "examples"));
    expect(examples).toContain("ci");
    expect(examples.filter((f) => f.endsWith(".yaml"))).not.toContain("ci");
    expect(fs.statSync(path.join(PROJECT_ROOT, "examples", "ci")).isDirectory()).toBe(true);
  });
});
