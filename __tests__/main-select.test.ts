import { DEFAULT_CONFIG_FILE } from "../config/load";
import { AppRun } from "./app-synth";
import { synthFileOnce } from "./shared-synth";

// GKE_ISTIO_ENVIRONMENTS through the real app on the default file (mesh, ambient, csm).
let all: AppRun;
let some: AppRun;
beforeAll(async () => {
  [all, some] = await Promise.all([
    synthFileOnce(DEFAULT_CONFIG_FILE),
    synthFileOnce(DEFAULT_CONFIG_FILE, { GKE_ISTIO_ENVIRONMENTS: "m*,a*" }),
  ]);
}, 60_000);

const stackFiles = (run: AppRun) =>
  Object.keys(run.files)
    .filter((f) => f.endsWith("cdk.tf.json"))
    .sort();

test("synthesizes only the selected environments, each exactly as in a full synth", () => {
  expect({ status: some.status, stderr: some.stderr }).toEqual({ status: 0, stderr: "" });
  expect(stackFiles(some)).toEqual([
    "stacks/ambient-cluster/cdk.tf.json",
    "stacks/ambient-mesh/cdk.tf.json",
    "stacks/mesh-cluster/cdk.tf.json",
    "stacks/mesh-mesh/cdk.tf.json",
  ]);
  for (const file of stackFiles(some)) expect(some.files[file]).toBe(all.files[file]);
});

test("a pattern matching no environment exits 1 naming it, and writes nothing", async () => {
  const run = await synthFileOnce(DEFAULT_CONFIG_FILE, { GKE_ISTIO_ENVIRONMENTS: "prod-*,csm" });
  expect(run.status).toBe(1);
  expect(run.stderr.trim().split("\n")).toEqual([
    "Invalid GKE_ISTIO_ENVIRONMENTS, nothing was synthesized:",
    "GKE_ISTIO_ENVIRONMENTS: 'prod-*' matches no environment of config/environments.yaml; its environments are mesh, ambient, csm",
  ]);
  expect(run.files).toEqual({});
}, 30_000);
