import { App } from "cdktf";
import { EnvironmentConfig, regionOf } from "../config/schema";
import { ClusterStack } from "./cluster-stack";
import { injectionNamespaces } from "../config/istio-schema";
import { MeshStack } from "./mesh-stack";
import { MultiClusterStack } from "./multicluster-stack";
import { meshOf, multiClusterStackName } from "../config/mesh-schema";

export interface EnvironmentStacks {
  readonly cluster: ClusterStack;
  readonly mesh?: MeshStack;
}

/** Does this environment need a `<name>-mesh` stack? */
export function needsMeshStack(env: EnvironmentConfig): boolean {
  const admins = env.istio?.clusterAdmins ?? {};
  const adminCount =
    (admins.users?.length ?? 0) +
    (admins.groups?.length ?? 0) +
    (admins.serviceAccounts?.length ?? 0);
  return env.mode !== "managed" || injectionNamespaces(env.istio).length > 0 || adminCount > 0;
}

export interface AddEnvironmentOptions {
  /** cloud-service-mesh: this environment's cluster stack creates the project's fleet feature. @default true */
  readonly createMeshFeature?: boolean;
  /**
   * cloud-service-mesh: other environments of the project depend on this environment's fleet
   * feature, which then carries `prevent_destroy`. @default false
   */
  readonly meshFeatureShared?: boolean;
  /**
   * The private control plane endpoint answers from every region: the wiring sets it for the
   * members of a mesh in two or more regions. @default false
   */
  readonly controlPlaneGlobalAccess?: boolean;
}

/** The stacks of one environment: `<name>-cluster`, then `<name>-mesh` applied after it. */
export function addEnvironment(
  app: App,
  env: EnvironmentConfig,
  options: AddEnvironmentOptions = {},
): EnvironmentStacks {
  const cluster = new ClusterStack(app, `${env.name}-cluster`, {
    environment: env,
    createMeshFeature: options.createMeshFeature,
    meshFeatureShared: options.meshFeatureShared,
    controlPlaneGlobalAccess: options.controlPlaneGlobalAccess,
  });
  if (!needsMeshStack(env)) return { cluster };
  const mesh = new MeshStack(app, `${env.name}-mesh`, { environment: env });
  mesh.addDependency(cluster);
  return { cluster, mesh };
}

/**
 * Every environment's stacks, in file order. The `servicemesh` fleet feature is project-wide:
 * the first cloud-service-mesh environment of a project creates it, and the cluster stacks of
 * the project's later ones depend on that stack instead of creating it again (a mesh's members
 * share one project, so its feature is created once). Then one `<mesh>-multicluster` stack per
 * mesh whose members are all here, applied after every member's stacks.
 */
export function addEnvironments(app: App, environments: EnvironmentConfig[]): EnvironmentStacks[] {
  const featureOwners = new Map<string, ClusterStack>();
  // The projects where several cloud-service-mesh environments share the fleet feature.
  const csmProjects = environments
    .filter((e) => e.mode === "cloud-service-mesh")
    .map((e) => e.project);
  const shared = (project: string) => csmProjects.filter((p) => p === project).length > 1;
  const byName = new Map(environments.map((e) => [e.name, e]));
  const regionsOfMesh = (env: EnvironmentConfig) => {
    const mesh = meshOf(env);
    if (!mesh) return 1;
    return new Set(
      mesh.environments.map((n) => byName.get(n)).map((e) => e && regionOf(e.location)),
    ).size;
  };
  const all = environments.map((env) => {
    const controlPlaneGlobalAccess = regionsOfMesh(env) > 1 ? true : undefined;
    if (env.mode !== "cloud-service-mesh")
      return addEnvironment(app, env, { controlPlaneGlobalAccess });
    const owner = featureOwners.get(env.project);
    const stacks = addEnvironment(app, env, {
      createMeshFeature: !owner,
      meshFeatureShared: !owner && shared(env.project),
      controlPlaneGlobalAccess,
    });
    if (owner) stacks.cluster.addDependency(owner);
    else featureOwners.set(env.project, stacks.cluster);
    return stacks;
  });
  addMultiClusterStacks(app, environments, all);
  return all;
}

/** One `<mesh>-multicluster` stack per mesh whose members were all selected, after their stacks. */
function addMultiClusterStacks(
  app: App,
  environments: EnvironmentConfig[],
  stacks: EnvironmentStacks[],
): MultiClusterStack[] {
  const index = new Map(environments.map((e, i) => [e.name, i]));
  const meshes = new Map(
    environments.flatMap((e) => {
      const mesh = meshOf(e);
      return mesh ? [[mesh.name, mesh] as const] : [];
    }),
  );
  const out: MultiClusterStack[] = [];
  for (const mesh of meshes.values()) {
    const at = mesh.environments.map((n) => index.get(n));
    if (at.some((i) => i === undefined)) continue; // a selection without every member
    const members = at.map((i) => environments[i!]);
    const stack = new MultiClusterStack(app, multiClusterStackName(mesh.name), { mesh, members });
    for (const i of at) {
      stack.addDependency(stacks[i!].cluster);
      if (stacks[i!].mesh) stack.addDependency(stacks[i!].mesh!);
    }
    out.push(stack);
  }
  return out;
}
