import { App, Testing } from "cdktf";
import { addEnvironment, addEnvironments } from "../../stacks/environment-stacks";
import { MANAGED_MODE_WARNING } from "../../stacks/cluster-stack";
import {
  environment,
  parseEnvironments,
  resourcesOf,
  synthApp,
  synthEnvironments,
} from "../fixtures";

const csm = (name: string, project = "test-project") =>
  environment({ name, project, mode: "cloud-service-mesh" });

function build(...envs: Record<string, unknown>[]): App {
  const app = Testing.app();
  addEnvironments(app, parseEnvironments(...envs));
  return app;
}

describe("addEnvironments", () => {
  test("the servicemesh feature is created once per project, by its first cloud-service-mesh environment", () => {
    const stacks = synthEnvironments(csm("a"), csm("b"), csm("c", "other-project"), csm("d"));
    const features = (name: string) =>
      resourcesOf(stacks[`${name}-cluster`], "google_gke_hub_feature").length;
    expect(["a", "b", "c", "d"].map(features)).toEqual([1, 0, 1, 0]);
    for (const name of ["a", "b", "c", "d"])
      expect(
        resourcesOf(stacks[`${name}-cluster`], "google_gke_hub_feature_membership"),
      ).toHaveLength(1);
    expect(resourcesOf(stacks["b-cluster"], "google_gke_hub_feature_membership")[0].feature).toBe(
      "servicemesh",
    );
  });

  test("the other environments' cluster stacks are deployed after the feature's owner", () => {
    const app = build(csm("a"), csm("b"), csm("c", "other-project"), csm("d"));
    const dependencies = (id: string) =>
      (
        app.node.findChild(id) as unknown as { dependencies: { node: { id: string } }[] }
      ).dependencies.map((s) => s.node.id);
    expect(dependencies("a-cluster")).toEqual([]);
    expect(dependencies("b-cluster")).toEqual(["a-cluster"]);
    expect(dependencies("c-cluster")).toEqual([]);
    expect(dependencies("d-cluster")).toEqual(["a-cluster"]);
  });

  test("a feature other environments depend on refuses to be destroyed; a project's only one does not", () => {
    const stacks = synthEnvironments(csm("a"), csm("b"), csm("c", "other-project"));
    const lifecycle = (name: string) =>
      resourcesOf(stacks[`${name}-cluster`], "google_gke_hub_feature")[0].lifecycle;
    // Destroying a's cluster stack would turn Cloud Service Mesh off for b.
    expect(lifecycle("a")).toEqual({ prevent_destroy: true });
    expect(lifecycle("c")).toBeUndefined();
  });

  test("a managed environment does not own the feature of a later cloud-service-mesh one", () => {
    const stacks = synthEnvironments(environment({ name: "old" }), csm("new"));
    expect(resourcesOf(stacks["old-cluster"], "google_gke_hub_feature")).toHaveLength(0);
    expect(resourcesOf(stacks["new-cluster"], "google_gke_hub_feature")).toHaveLength(1);
  });

  test("every managed environment gets the add-on warning, pinned; other modes none", () => {
    const app = build(environment({ name: "old" }), csm("new"));
    const warnings = (id: string) =>
      app.node
        .findChild(id)
        .node.metadata.filter((m) => m.type === "@cdktf/warn")
        .map((m) => m.data);
    expect(warnings("old-cluster")).toEqual([
      "environment 'old': mode 'managed' uses the GKE Istio add-on, which GKE no longer accepts: no GKE version offered " +
        'today creates this cluster (gcloud answers "The --istio-config flag is no longer supported"); ' +
        "use mode 'cloud-service-mesh' for Google's managed Istio (docs/upgrades-and-migrations.md)",
    ]);
    expect(warnings("old-cluster")[0]).toContain(MANAGED_MODE_WARNING);
    expect(warnings("new-cluster")).toEqual([]);
  });
});

test("addEnvironment alone: a cloud-service-mesh cluster stack creates the fleet feature by default", () => {
  const app = Testing.app();
  const [env] = parseEnvironments(environment({ mode: "cloud-service-mesh" }));
  addEnvironment(app, env);
  const cluster = synthApp(app)["test-cluster"];
  expect(resourcesOf(cluster, "google_gke_hub_feature")).toMatchObject([{ name: "servicemesh" }]);
  const without = Testing.app();
  addEnvironment(without, env, { createMeshFeature: false });
  expect(resourcesOf(synthApp(without)["test-cluster"], "google_gke_hub_feature")).toEqual([]);
});
