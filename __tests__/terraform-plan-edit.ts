// What real Terraform plans when an environment file is edited, on the state the old file applied.
//
//   import { planEdit, editedYaml, lostResources, testPlanEdit } from "./terraform-plan-edit";
//   testPlanEdit("raising maxNodeCount keeps the pool", () => {
//     const after = editedYaml("config/environments.yaml", (doc) => {
//       doc.environments.find((e) => e.name === "mesh").nodePools[0].maxNodeCount = 5;
//     });
//     const plan = planEdit("config/environments.yaml", after, "mesh-cluster");
//     expect(lostResources(plan)).toEqual([]);  // no delete or replace of a cluster, pool or namespace
//     expect(plan.changes).toContainEqual({ address: "google_container_node_pool.X", action: "update" });
//   });
//
// planEdit synthesizes both files with the real app (synthFilesOnceSync: once per jest run), then
// runs `terraform test` against mock providers (../shared/tfvalidate): `run "before"` applies the
// old stack, `run "after"` plans the new one on the same state (`state_key`), and the plan is read
// from `terraform test -verbose -json`. Mock providers never decide a replacement, so an update
// that changes a field the provider forces replacement on (output/replacement-report.ts, from the
// provider sources) is reported as a replace. Results are remembered by content, as validation is.
import * as cp from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { stackChanges } from "../output/replacement-report";
import { PROJECT_ROOT } from "./app-synth";
import type { TerraformJson } from "./fixtures";
import { TEST_CACHE_ENV, synthFilesOnceSync } from "./shared-synth";
import { mockTool, TerraformResultCache, testWithMockProviders } from "./terraform-apply";

export type PlanAction = "create" | "update" | "delete" | "replace" | "read" | "no-op" | "forget";

export interface PlannedChange {
  /** The resource's address, such as `google_container_node_pool.NodePool-apps_1A2B3C4D`. */
  readonly address: string;
  /**
   * What Terraform does to it. `forget`: a `removed` block with `destroy = false` drops it from the
   * state and leaves it running; `read`: a data source read during apply.
   */
  readonly action: PlanAction;
  /** For a replace the mock plan showed as an update: the fields that force it (provider source). */
  readonly forcedBy?: readonly string[];
  /** The object's own name (a release's `name`, a Kubernetes object's `metadata.name`), when it has one. */
  readonly name?: string;
  /** A `moved` block's old address. */
  readonly movedFrom?: string;
}

export interface EditPlan {
  readonly stack: string;
  /** Every resource of either configuration (no-ops too) and every data source read at apply, by address. */
  readonly changes: readonly PlannedChange[];
}

/** What the docs promise an edit never deletes or replaces. */
export const KEPT_TYPES = [
  "google_container_cluster",
  "google_container_node_pool",
  "kubernetes_namespace_v1",
] as const;

/** The planned deletes and replaces of the given types, as lines (`replace X (fields)`). */
export function lostResources(plan: EditPlan, types: readonly string[] = KEPT_TYPES): string[] {
  return plan.changes
    .filter((c) => c.action === "delete" || c.action === "replace")
    .filter((c) => types.includes(c.address.split(".")[0]))
    .map((c) => `${c.action} ${c.address}${c.forcedBy ? ` (${c.forcedBy.join(", ")})` : ""}`);
}

/** A test that plans edits: skipped, with the reason in its name, where the tool cannot run. */
export const testPlanEdit = testWithMockProviders;

/**
 * An environment file after an edit, as YAML text for planEdit: `edit` changes the parsed file in
 * place (comments are not kept; they do not reach the stacks).
 */
export function editedYaml(file: string, edit: (doc: TerraformJson) => void): string {
  const doc = parseYaml(fs.readFileSync(path.resolve(PROJECT_ROOT, file), "utf8"));
  edit(doc);
  return stringifyYaml(doc);
}

/** A file path relative to the project, or YAML text (anything with a line break), as a file. */
export function asConfigFile(fileOrYaml: string): string {
  if (!fileOrYaml.includes("\n")) return fileOrYaml;
  const hash = crypto.createHash("sha256").update(fileOrYaml).digest("hex").slice(0, 16);
  const shared = process.env[TEST_CACHE_ENV];
  const dir = shared && fs.existsSync(shared) ? shared : os.tmpdir();
  const file = path.join(dir, `edit-${hash}.yaml`);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(`${file}.${process.pid}.tmp`, fileOrYaml);
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return file;
}

interface SynthesizedStack {
  /** The stack's JSON, undefined when the file has no such stack. */
  readonly json?: TerraformJson;
  /** Its folder in the synthesized output (assets: local charts). */
  readonly dir: string;
}

function synthesizedStacks(files: string[], stack: string): SynthesizedStack[] {
  const runs = synthFilesOnceSync(files);
  return files.map((file) => {
    const run = runs.get(file)!;
    if (run.status !== 0) throw new Error(`planEdit: ${file} does not synthesize:\n${run.stderr}`);
    const text = run.files[`stacks/${stack}/cdk.tf.json`];
    return {
      json: text ? JSON.parse(text) : undefined,
      dir: path.join(run.outdir, "stacks", stack),
    };
  });
}

/**
 * What Terraform plans for `stack` when the environment file `before` is replaced by `after`: each
 * a path relative to the project or YAML text (see editedYaml). Throws with Terraform's errors when
 * the old stack does not apply or the new one does not plan; throws when the tool
 * cannot run (call it inside testPlanEdit), and when `after` has no such stack (cdktf never deploys
 * a stack that is gone, so nothing is planned; a stack new in `after` plans its creation).
 */
export function planEdit(before: string, after: string, stack: string): EditPlan {
  const [old, now] = synthesizedStacks([asConfigFile(before), asConfigFile(after)], stack);
  // A stack gone from the file is never deployed again: nothing plans it, its resources stay.
  if (!now.json) throw new Error(`planEdit: ${after} has no stack ${stack}; nothing would plan it`);
  return withForcedReplacements(stack, old, now, planStacks(old, now));
}

/**
 * planEdit for two stacks given as synthesized JSON, such as the stack an earlier release of this
 * tool wrote (its output cannot be synthesized again). Stacks without local charts only.
 */
export function planStackEdit(
  stack: string,
  before: TerraformJson,
  after: TerraformJson,
): EditPlan {
  const none = path.join(os.tmpdir(), "gke-istio-plan-edit-no-assets");
  const [old, now] = [
    { json: before, dir: none },
    { json: after, dir: none },
  ];
  return withForcedReplacements(stack, old, now, planStacks(old, now));
}

/** Mock plans never replace: an update of a field the provider forces replacement on is one. */
function withForcedReplacements(
  stack: string,
  old: SynthesizedStack,
  now: SynthesizedStack,
  planned: PlannedChange[],
): EditPlan {
  const forced = new Map(
    stackChanges(stack, old.json ?? {}, now.json ?? {})
      .filter((c) => c.action === "replaces")
      .map((c) => [c.address, c.fields]),
  );
  const changes = planned.map((c): PlannedChange => {
    const name = nameOf(now.json, c.address) ?? nameOf(old.json, c.address);
    const named = name === undefined ? c : { ...c, name };
    return c.action === "update" && forced.has(c.address)
      ? { ...named, action: "replace", forcedBy: forced.get(c.address) }
      : named;
  });
  return { stack, changes };
}

/** A resource's own name in a stack: `name`, else `metadata.name` (or `account_id`). */
function nameOf(stack: TerraformJson | undefined, address: string): string | undefined {
  const [type, id] = address.split(".");
  const body = stack?.resource?.[type]?.[id];
  const name = body?.name ?? body?.metadata?.name ?? body?.account_id;
  return typeof name === "string" ? name : undefined;
}

/** A stack as a module folder: without its backend, indented (Terraform quotes the line of an error). */
function moduleJson(stack: TerraformJson | undefined): string {
  const copy = JSON.parse(JSON.stringify(stack ?? {}));
  if (copy.terraform) delete copy.terraform.backend;
  // cdktf's metadata (its version, the stack's name): Terraform ignores it, so the cache key does too.
  delete copy["//"];
  return JSON.stringify(copy, null, 1);
}

/** Every provider configuration of the stacks, as `local` or `local.alias`. */
function providerConfigs(stacks: TerraformJson[]): string[] {
  const names = new Set<string>();
  for (const s of stacks) {
    for (const local of Object.keys(s.terraform?.required_providers ?? {})) names.add(local);
    for (const [local, configs] of Object.entries<TerraformJson>(s.provider ?? {})) {
      for (const c of [configs].flat()) names.add(c?.alias ? `${local}.${c.alias}` : local);
    }
  }
  return [...names].sort();
}

const PACKAGES: Record<string, string> = {
  google: "@cdktf/provider-google",
  "google-beta": "@cdktf/provider-google-beta",
  helm: "@cdktf/provider-helm",
  kubernetes: "@cdktf/provider-kubernetes",
};

/**
 * Fixed mock values for the data-source attributes that resources read (`${data.T.N.attr}`), by
 * provider: mock providers make up a new value on every read, so without these the "after" plan
 * would update every resource that reads one (the deploying identity's email, say) although
 * nothing changed. The type comes from the provider binding (`getStringAttribute('email')`).
 */
function fixedDataValues(stacks: TerraformJson[]): Map<string, Map<string, string[]>> {
  const byProvider = new Map<string, Map<string, string[]>>();
  for (const s of stacks) {
    const bodies = JSON.stringify([s.resource ?? {}, s.output ?? {}]);
    for (const m of bodies.matchAll(
      /data\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)(?![\w[.])/g,
    )) {
      const [, type, name, attr] = m;
      const local = String(s.data?.[type]?.[name]?.provider ?? type.split("_")[0]).split(".")[0];
      const source = String(s.terraform?.required_providers?.[local]?.source ?? local);
      const pkg = PACKAGES[source.split("/").pop()!];
      const file = path.join(
        PROJECT_ROOT,
        "node_modules",
        pkg ?? "-",
        "lib",
        `data-${type.replace(/_/g, "-")}`,
        "index.js",
      );
      if (!pkg || !fs.existsSync(file)) continue;
      const kind = new RegExp(`get(String|Number|Boolean)Attribute\\('${attr}'\\)`).exec(
        fs.readFileSync(file, "utf8"),
      )?.[1];
      if (!kind) continue;
      const value = { String: `"mock-${attr}"`, Number: "1", Boolean: "false" }[kind];
      const types = byProvider.get(local) ?? new Map<string, string[]>();
      const lines = types.get(type) ?? [];
      if (!lines.some((l) => l.startsWith(`${attr} =`))) lines.push(`${attr} = ${value}`);
      types.set(type, lines.sort());
      byProvider.set(local, types);
    }
  }
  return byProvider;
}

/** The test file: mock providers, then apply the old stack and plan the new one on its state. */
function testFile(stacks: TerraformJson[]): string {
  const data = fixedDataValues(stacks);
  const mocks = providerConfigs(stacks).map((config) => {
    const [local, alias] = config.split(".");
    const body = [
      ...(alias ? [`  alias = "${alias}"`] : []),
      ...[...(data.get(local) ?? new Map<string, string[]>())]
        .sort()
        .flatMap(([type, lines]) => [
          `  mock_data "${type}" {`,
          "    defaults = {",
          ...lines.map((l) => `      ${l}`),
          "    }",
          "  }",
        ]),
    ];
    return [`mock_provider "${local}" {`, ...body, "}"].join("\n");
  });
  const run = (name: string, command: string) =>
    [
      `run "${name}" {`,
      `  command   = ${command}`,
      `  state_key = "edit"`,
      "  module {",
      `    source = "./${name}"`,
      "  }",
      "}",
    ].join("\n");
  return [...mocks, run("before", "apply"), run("after", "plan"), ""].join("\n");
}

const ACTIONS: Record<string, PlanAction> = {
  "no-op": "no-op",
  create: "create",
  read: "read",
  update: "update",
  delete: "delete",
  "delete,create": "replace",
  "create,delete": "replace",
  forget: "forget",
};

/** The plan of the "after" run, from `terraform test -verbose -json`, by address. */
function planStacks(old: SynthesizedStack, now: SynthesizedStack): PlannedChange[] {
  const tool = mockTool();
  if ("skipped" in tool) throw new Error(`terraform test could not run: ${tool.skipped}`);
  const stacks = [old.json ?? {}, now.json ?? {}];
  const required = Object.assign({}, ...stacks.map((s) => s.terraform?.required_providers ?? {}));
  const files: Record<string, string> = {
    // `terraform init` installs the runs' modules only beside a root configuration.
    "main.tf.json": JSON.stringify({ terraform: { required_providers: required } }, null, 1),
    "before/cdk.tf.json": moduleJson(old.json),
    "after/cdk.tf.json": moduleJson(now.json),
    "tests/edit.tftest.hcl": testFile(stacks),
  };
  // A plan Terraform refuses (a prevent_destroy, a failed condition) is remembered as its error,
  // so a test that expects the refusal costs no Terraform run when nothing changed either.
  const cache = new TerraformResultCache<PlannedChange[] | { refused: string }>(
    "tfplan",
    tool.path,
  );
  const key = JSON.stringify(files);
  const known = cache.get(key);
  if (known && "refused" in known) throw new Error(known.refused);
  if (known) return known;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-plan-edit-"));
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      fs.writeFileSync(path.join(work, file), text);
    }
    // Local charts, where a stack has them (mock providers do not read them; kept for fidelity).
    for (const [name, from] of [
      ["before", old.dir],
      ["after", now.dir],
    ]) {
      const assets = path.join(from, "assets");
      if (fs.existsSync(assets))
        fs.cpSync(assets, path.join(work, name, "assets"), { recursive: true });
    }
    const env = tool.terraformEnv(PROJECT_ROOT, required);
    const init = cp.spawnSync(
      "terraform",
      ["init", "-backend=false", "-input=false", "-no-color"],
      {
        cwd: work,
        env,
        encoding: "utf8",
        timeout: 300_000,
      },
    );
    if (init.status !== 0)
      throw new Error(`planEdit: terraform init failed:\n${init.stdout}${init.stderr}`);
    const t = cp.spawnSync("terraform", ["test", "-verbose", "-json", "-no-color"], {
      cwd: work,
      env,
      encoding: "utf8",
      timeout: 600_000,
      maxBuffer: 1 << 28,
    });
    let changes: PlannedChange[];
    try {
      changes = readPlan(t.stdout ?? "", `${t.stderr ?? ""}`);
    } catch (error) {
      // Only Terraform's refusal of the new plan is remembered (the old stack applied, the plan
      // failed); a run cut short or a failing old stack is not.
      const message = (error as Error).message;
      if (
        t.status !== null &&
        /^planEdit: run "before" pass, run "after" (fail|error)\n/.test(message)
      )
        cache.set(key, { refused: message });
      throw error;
    }
    cache.set(key, changes);
    return changes;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The "after" run's plan from Terraform's JSON lines; throws with its errors when a run failed. */
function readPlan(stdout: string, stderr: string): PlannedChange[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const events: any[] = stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
  const status = (run: string) =>
    events.find(
      (e) =>
        e.type === "test_run" && e.test_run?.run === run && e.test_run?.progress === "complete",
    )?.test_run?.status;
  if (status("before") !== "pass" || status("after") !== "pass") {
    // Errors of the runs themselves; the teardown's (prevent_destroy) come after the "after" run.
    const errors = events
      .filter((e) => e.type === "diagnostic" && e.diagnostic?.severity === "error")
      .map(
        (e) => `[${e["@testrun"] ?? "test"}] ${e.diagnostic.summary}: ${e.diagnostic.detail ?? ""}`,
      );
    throw new Error(
      `planEdit: run "before" ${status("before") ?? "did not run"}, run "after" ${status("after") ?? "did not run"}\n` +
        (errors.length > 0 ? errors.join("\n") : stderr || stdout.slice(-2000)),
    );
  }
  const plan = events.find((e) => e.type === "test_plan" && e["@testrun"] === "after")?.test_plan;
  if (!plan) throw new Error('planEdit: terraform test -verbose printed no plan for run "after"');
  const resourceChanges: ResourceChangeJson[] = plan.resource_changes ?? [];
  return resourceChanges
    .filter((rc) => rc.mode === "managed" || rc.change.actions.includes("read"))
    .map((rc): PlannedChange => {
      const actions = rc.change.actions.join(",");
      const action = ACTIONS[actions];
      if (!action) throw new Error(`planEdit: unknown plan actions ${actions} for ${rc.address}`);
      return {
        address: rc.address,
        action,
        ...(rc.previous_address ? { movedFrom: rc.previous_address } : {}),
      };
    })
    .sort((a, b) => a.address.localeCompare(b.address));
}

/** One entry of a JSON plan's resource_changes, the fields read here. */
interface ResourceChangeJson {
  readonly address: string;
  readonly previous_address?: string;
  readonly mode: "managed" | "data";
  readonly change: { readonly actions: string[] };
}
