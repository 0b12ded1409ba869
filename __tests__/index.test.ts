import * as library from "../index";

test("the library entry point exports the constructs, stacks, loader and policy", () => {
  for (const name of [
    "GkeCluster",
    "NodePool",
    "IstioHelmInstall",
    "IstioRevisions",
    "CloudServiceMesh",
    "SidecarInjection",
    "ClusterStack",
    "MeshStack",
    "addEnvironments",
    "loadConfig",
    "PolicyAspect",
    "checkPolicy",
    "POLICY_RULES",
    "synthEnvironment",
    "PolicyViolationError",
  ]) {
    expect({ name, type: typeof (library as Record<string, unknown>)[name] }).not.toEqual({
      name,
      type: "undefined",
    });
  }
});
