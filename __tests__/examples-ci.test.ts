// examples/ci/github-actions.yml: well-formed for GitHub (its own parser and schema), and in the order the docs promise.
import * as cp from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { parse } from "yaml";
import { loadConfig } from "../config/load";
import { addEnvironments } from "../stacks/environment-stacks";
import { generatedIndex } from "../output/generated-index";
import { PROJECT_ROOT } from "./app-synth";
import { stacksOf as stacksOfRun, synthFileOnce } from "./shared-synth";
import { ParsedWorkflow, parseWorkflow } from "./tools/workflow";

const WORKFLOW = path.join(PROJECT_ROOT, "examples", "ci", "github-actions.yml");
const text = fs.readFileSync(WORKFLOW, "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const workflow = parse(text) as any;

// GitHub's own parser, remembered by content across runs (tools/workflow.ts).
const githubParse = (file: string): ParsedWorkflow => parseWorkflow(file);

/** The stacks of one environment, in apply order, as the workflow's plan and apply jobs read them. */
function stacksOf(
  job: { steps: { run?: string }[] },
  index: string,
  environment: string,
): string[] {
  const script = job.steps.map((st) => st.run ?? "").find((r) => r.includes("stacks=$("))!;
  const line = script.split("\n").find((l) => l.trim().startsWith("stacks=$("))!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-ci-"));
  try {
    fs.mkdirSync(path.join(dir, "generated"));
    fs.writeFileSync(path.join(dir, "generated", "README.md"), index);
    const out = cp.execFileSync("bash", ["-c", `${line.trim()}\necho $stacks`], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ENVIRONMENT: environment },
    });
    return out.trim().split(" ").filter(Boolean);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The generated index of an environment file, with each stack's dependencies. */
function indexOf(file: string) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-ci-app-")) });
  const { environments } = loadConfig(file, "");
  addEnvironments(app, environments);
  const stacks = app.node.children
    .filter((c): c is TerraformStack => c instanceof TerraformStack)
    .map((st) => ({ name: st.node.id, dependencies: st.dependencies.map((d) => d.node.id) }));
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return { environments, stacks, index: generatedIndex(environments, stacks, "json") };
}

const jobs = workflow.jobs;
const APPLY = ["apply-dev", "apply-staging", "apply-prod"];

describe("examples/ci/github-actions.yml", () => {
  test("passes GitHub's workflow parser and schema (@actions/workflow-parser) with no error", () => {
    const parsed = githubParse(WORKFLOW);
    expect(parsed.errors).toEqual([]);
    expect(parsed.jobs.map((j) => [j.id, j.needs])).toEqual([
      ["check", []],
      ["plan", ["check"]],
      ["apply-dev", ["check"]],
      ["apply-staging", ["apply-dev"]],
      ["apply-prod", ["apply-staging"]],
      ["upstream", []],
    ]);
    // The YAML anchor the apply jobs share is resolved by GitHub's parser: the same steps.
    const steps = parsed.jobs.filter((j) => APPLY.includes(j.id)).map((j) => j.steps);
    expect(steps[1]).toEqual(steps[0]);
    expect(steps[2]).toEqual(steps[0]);
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

  test("the parse is remembered by content: another text, name or parser parses again", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-workflow-"));
    const calls: string[] = [];
    const parse = (file: string): ParsedWorkflow => {
      calls.push(path.basename(file));
      return { errors: [`${file}: planted`], jobs: [] };
    };
    const run = (file: string, fingerprint = "p1") =>
      parseWorkflow(file, { dir: path.join(dir, "cache"), fingerprint, parse });
    try {
      const write = (folder: string, name: string, body: string) => {
        fs.mkdirSync(path.join(dir, folder), { recursive: true });
        fs.writeFileSync(path.join(dir, folder, name), body);
        return path.join(dir, folder, name);
      };
      const a = write("a", "ci.yml", "on: push\n");
      expect(run(a).errors).toEqual([`${a}: planted`]);
      // The same name and text in another folder: remembered, with that folder in the messages.
      const b = write("b", "ci.yml", "on: push\n");
      expect(run(b).errors).toEqual([`${b}: planted`]);
      expect(calls).toEqual(["ci.yml"]);
      run(write("c", "ci.yml", "on: pull_request\n"));
      run(write("d", "other.yml", "on: push\n"));
      run(a, "p2");
      expect(calls).toHaveLength(4);
      process.env.GKE_ISTIO_WORKFLOW_CACHE = "off";
      try {
        run(a);
      } finally {
        delete process.env.GKE_ISTIO_WORKFLOW_CACHE;
      }
      expect(calls).toHaveLength(5);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("checks what an infra repository needs, on the team's own environment file, not this project's suite", () => {
    expect(Object.keys(workflow.on)).toEqual([
      "pull_request",
      "push",
      "schedule",
      "workflow_dispatch",
    ]);
    // Read by loadConfig, so by the app and by generated --check.
    expect(workflow.env.GKE_ISTIO_CONFIG).toBe("config/environments.yaml");
    const runs: string[] = jobs.check.steps.map((st: { run?: string }) => st.run).filter(Boolean);
    expect(runs.slice(0, 2)).toEqual([
      "npm ci --no-audit --no-fund",
      "npm run generated -- --check",
    ]);
    expect(runs[2]).toContain('terraform -chdir="$dir" init -backend=false');
    expect(runs[2]).toContain('terraform -chdir="$dir" validate');
    expect(text).not.toMatch(/npm test/);
  });

  test("synthesizes in strict mode: generated --check runs with GKE_ISTIO_STRICT=1", () => {
    const step = jobs.check.steps.find(
      (st: { run?: string }) => st.run === "npm run generated -- --check",
    );
    expect(step.env).toEqual({ GKE_ISTIO_STRICT: "1" });
    // Only there: a developer's synth warns about what strict mode refuses.
    expect(workflow.env.GKE_ISTIO_STRICT).toBeUndefined();
  });

  test("plans each environment on pull requests, keyless, one comment per environment", () => {
    const plan = jobs.plan;
    expect(plan.if).toBe("github.event_name == 'pull_request'");
    expect(plan.strategy.matrix.environment).toEqual(["dev", "staging", "prod"]);
    expect(plan.permissions).toEqual({
      contents: "read",
      "id-token": "write",
      "pull-requests": "write",
    });
    const uses = plan.steps.map((st: { uses?: string }) => st.uses?.split("@")[0]);
    expect(uses).toEqual([
      "actions/checkout",
      "google-github-actions/auth",
      "google-github-actions/setup-gcloud",
      "hashicorp/setup-terraform",
      undefined,
      "actions/github-script",
      undefined,
    ]);
    expect(plan.steps[1].with.service_account).toBe("${{ vars.GCP_PLAN_SERVICE_ACCOUNT }}");
    // The mesh stacks' providers run gke-gcloud-auth-plugin (cluster.providerAuth: exec).
    expect(plan.steps[2].with).toEqual({ install_components: "gke-gcloud-auth-plugin" });
    // No key of any kind: no credentials_json input, no key secret, no GOOGLE_CREDENTIALS.
    expect(text).not.toMatch(/credentials_json|GOOGLE_CREDENTIALS|secrets\.|private_key/);
    expect(plan.steps[4].run).toContain("<!-- gke-istio-cdktf plan ${ENVIRONMENT} -->");
    expect(plan.steps[5].with.script).toContain("github.rest.issues.createComment");
  });

  test("promotes on pushes to main: dev, then staging, then prod, each in its GitHub environment", () => {
    for (const [i, id] of APPLY.entries()) {
      const job = jobs[id];
      const name = id.replace("apply-", "");
      expect(job.if).toBe("github.event_name == 'push'");
      expect(job.needs).toBe(i === 0 ? "check" : APPLY[i - 1]);
      expect(job.environment).toBe(name);
      expect(job.env.ENVIRONMENT).toBe(name);
      expect(job.concurrency).toEqual({ group: id, "cancel-in-progress": false });
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
      expect(job.steps[1].with.service_account).toBe("${{ vars.GCP_APPLY_SERVICE_ACCOUNT }}");
      expect(job.steps[2].with).toEqual({ install_components: "gke-gcloud-auth-plugin" });
      const script: string = job.steps[4].run;
      expect(script).toContain('terraform -chdir="$dir" plan -no-color -out=tfplan');
      expect(script).toContain('terraform -chdir="$dir" apply -no-color tfplan');
    }
  });

  test.each([
    ["the default file", path.join(PROJECT_ROOT, "config", "environments.yaml")],
    [
      "two cloud-service-mesh environments of one project",
      path.join(PROJECT_ROOT, "examples", "cloud-service-mesh-staging-and-production.yaml"),
    ],
  ])(
    "plans and applies each environment's stacks in apply order, from the index (%s)",
    (_, file) => {
      const { environments, stacks, index } = indexOf(file);
      expect(environments.length).toBeGreaterThan(1);
      for (const env of environments) {
        const own = stacks.filter(
          (st) => st.name === `${env.name}-cluster` || st.name === `${env.name}-mesh`,
        );
        for (const job of [jobs.plan, jobs["apply-dev"]]) {
          const ordered = stacksOf(job, index, env.name);
          expect([...ordered].sort()).toEqual(own.map((st) => st.name).sort());
          for (const st of own) {
            for (const dep of st.dependencies.filter((d) => ordered.includes(d))) {
              expect(ordered.indexOf(dep)).toBeLessThan(ordered.indexOf(st.name));
            }
          }
        }
      }
      expect(stacksOf(jobs.plan, index, "no-such-environment")).toEqual([]);
    },
  );

  const pullScript = (): string =>
    jobs.upstream.steps
      .map((st: { run?: string }) => st.run ?? "")
      .find((r: string) => r.includes("helm pull"));

  test("every morning (and on demand): npm run upstream with keyless credentials, and every pinned remote chart still downloads", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "17 6 * * *" }]);
    expect(jobs.upstream.if).toBe(
      "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'",
    );
    expect(jobs.check.if).toBe(
      "github.event_name == 'pull_request' || github.event_name == 'push'",
    );
    expect(jobs.upstream.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(
      jobs.upstream.steps.map(
        (st: { uses?: string; run?: string }) => st.uses?.split("@")[0] ?? st.run?.split("\n")[0],
      ),
    ).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "google-github-actions/auth",
      "npm ci --no-audit --no-fund",
      "npm run upstream",
      "azure/setup-helm",
      "set -euo pipefail",
    ]);
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    expect(pkg.scripts.upstream).toBeDefined();
    expect(pullScript()).toContain('helm pull --repo "$repository" "$chart" --version "$version"');
  });

  const haveJq = cp.spawnSync("jq", ["--version"]).status === 0;
  (haveJq ? test : test.skip)(
    `the upstream check's list is every remote chart of the synthesized stacks${haveJq ? "" : " (skipped: no jq on PATH)"}`,
    async () => {
      const run = await synthFileOnce("config/environments.yaml");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-ci-jq-"));
      try {
        const expected = new Set<string>();
        for (const [name, stack] of Object.entries(stacksOfRun(run))) {
          fs.mkdirSync(path.join(dir, "generated", "stacks", name), { recursive: true });
          fs.writeFileSync(
            path.join(dir, "generated", "stacks", name, "cdk.tf.json"),
            JSON.stringify(stack),
          );
          for (const r of Object.values<{ repository?: string; chart: string; version: string }>(
            stack.resource?.helm_release ?? {},
          )) {
            if (r.repository) expected.add(`${r.repository} ${r.chart} ${r.version}`);
          }
        }
        const script = pullScript();
        const jq = script.slice(script.indexOf("jq -r"), script.indexOf("charts.txt") + 10);
        cp.execFileSync("bash", ["-c", jq], { cwd: dir });
        const listed = fs.readFileSync(path.join(dir, "charts.txt"), "utf8").trim().split("\n");
        expect(expected.size).toBeGreaterThan(3);
        // `sort -u`'s order follows the locale: compared as sets, without duplicates.
        expect([...listed].sort()).toEqual([...expected].sort());
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test("is not an environment file: examples.test.ts reads only examples/*.yaml files", () => {
    const examples = fs.readdirSync(path.join(PROJECT_ROOT, "examples"));
    expect(examples).toContain("ci");
    expect(examples.filter((f) => f.endsWith(".yaml"))).not.toContain("ci");
    expect(fs.statSync(path.join(PROJECT_ROOT, "examples", "ci")).isDirectory()).toBe(true);
  });
});
