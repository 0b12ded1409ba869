import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { loadConfig } from "../config/load";
import { policyViolations } from "../policy/check-policy";
import { addEnvironments } from "../stacks/environment-stacks";
import { formatChange, stackChanges } from "../output/replacement-report";
import { PROJECT_ROOT } from "./app-synth";
import { resourcesOf, synthApp, SynthesizedStacks, TerraformJson } from "./fixtures";
import { expectValidTerraform, testTerraformValidate } from "./terraform-validate";
import { remembered } from "./remembered-results";

// The walkthrough of docs/changes-and-outages.md, "Replacing a node pool": each step is its own
// environment file under examples/node-pool-replacement/ (examples.test.ts reads only
// examples/*.yaml). What Terraform does between two steps is read with the replacement report
// (the provider's ForceNew fields), since mock providers never decide a replacement.
const DIR = path.join(PROJECT_ROOT, "examples", "node-pool-replacement");
const FILES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

// Each step's check and synthesis, remembered across jest runs by the file's text
// (remembered-results.ts).
const steps = FILES.map((file) => {
  const text = fs.readFileSync(path.join(DIR, file), "utf8");
  return remembered("node-pool-replacement step", [file, text], () => {
    const app = Testing.app();
    addEnvironments(app, loadConfig(path.join(DIR, file)).environments);
    return { file, violations: policyViolations(app), stacks: synthApp(app) };
  });
});

const cluster = (stacks: SynthesizedStacks) => stacks["shop-prod-cluster"];
const pools = (stacks: SynthesizedStacks): Record<string, TerraformJson> =>
  Object.fromEntries(
    resourcesOf(cluster(stacks), "google_container_node_pool").map((p) => [
      p.name.replace(/-[0-9a-f]{6}$/, ""),
      p,
    ]),
  );
/** What Terraform does to the cluster stack from one step to the next, pools only. */
const poolChanges = (from: number, to: number) =>
  stackChanges("shop-prod-cluster", cluster(steps[from].stacks), cluster(steps[to].stacks))
    .filter((c) => c.address.startsWith("google_container_node_pool."))
    .map((c) => formatChange(c).replace(/_[0-9A-F]{8}\b/g, ""));

test("three steps, each with no policy violation", () => {
  expect(FILES).toEqual(["0-start.yaml", "1-add-new-pool.yaml", "2-remove-old-pool.yaml"]);
  for (const step of steps)
    expect({ file: step.file, violations: step.violations }).toEqual({
      file: step.file,
      violations: [],
    });
});

test("every pool of every step refuses replacement at plan (prevent_destroy)", () => {
  const all = steps.flatMap((s) => Object.values(pools(s.stacks)));
  expect(all).toHaveLength(4);
  for (const pool of all) expect(pool.lifecycle.prevent_destroy).toBe(true);
});

test("step 1 adds a pool at the old pool's size and replaces nothing", () => {
  expect(Object.keys(pools(steps[1].stacks)).sort()).toEqual(["apps", "apps-v2"]);
  // The old pool keeps its GKE name: the same pool, updated in place.
  expect(pools(steps[1].stacks).apps.name).toBe(pools(steps[0].stacks).apps.name);
  expect(pools(steps[1].stacks)["apps-v2"].initial_node_count).toBe(3);
  expect(poolChanges(0, 1)).toEqual([
    "shop-prod-cluster: updates google_container_node_pool.NodePool-apps in place (autoscaling.min_node_count)",
    "shop-prod-cluster: creates google_container_node_pool.NodePool-apps-v2",
  ]);
});

test("step 2 removes the drained pool: a destroy the configuration asks for, nothing replaced", () => {
  expect(Object.keys(pools(steps[2].stacks))).toEqual(["apps-v2"]);
  expect(poolChanges(1, 2)).toEqual([
    "shop-prod-cluster: destroys google_container_node_pool.NodePool-apps (prevent_destroy no longer applies to it once it is gone from the configuration)",
  ]);
});

test("the edit the walkthrough avoids: changing the account in place is a replacement", () => {
  // The same account change made on `apps` itself: the report names it, and the plan stops on
  // prevent_destroy.
  const app = Testing.app();
  const [env] = loadConfig(path.join(DIR, "0-start.yaml")).environments;
  addEnvironments(app, [
    {
      ...env,
      nodePools: [
        {
          ...env.nodePools[0],
          serviceAccount: "shop-apps-nodes@acme-shop-prod.iam.gserviceaccount.com",
        },
      ],
    },
  ]);
  const changes = stackChanges(
    "shop-prod-cluster",
    cluster(steps[0].stacks),
    cluster(synthApp(app)),
  ).filter((c) => c.address.startsWith("google_container_node_pool."));
  expect(changes.map((c) => [c.action, c.fields])).toEqual([
    ["replaces", ["name", "node_config.service_account"]],
  ]);
});

testTerraformValidate(
  "every stack of every step passes terraform validate",
  () =>
    expectValidTerraform(
      Object.fromEntries(
        steps.flatMap((s) =>
          Object.entries(s.stacks).map(([name, tf]) => [`${s.file.split("-")[0]}--${name}`, tf]),
        ),
      ),
    ),
  300_000,
);
