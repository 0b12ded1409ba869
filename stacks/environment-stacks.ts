import { App } from "cdktf";
import { EnvironmentConfig } from "../config/schema";
import { ClusterStack } from "./cluster-stack";
import { injectionNamespaces } from "../config/istio-schema";
import { MeshStack } from "./mesh-stack";

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
  });
  if (!needsMeshStack(env)) return { cluster };
  const mesh = new MeshStack(app, `${env.name}-mesh`, { environment: env });
  mesh.addDependency(cluster);
  return { cluster, mesh };
}

/**
 * Every environment's stacks, in file order. The `servicemesh` fleet feature is project-wide:
 * the first cloud-service-mesh environment of a project creates it, and the cluster stacks of
 * the project's later ones depend on that stack instead of creating it again.
 */
export function addEnvironments(app: App, environments: EnvironmentConfig[]): EnvironmentStacks[] {
  const featureOwners = new Map<string, ClusterStack>();
  return environments.map((env) => {
    if (env.mode !== "cloud-service-mesh") return addEnvironment(app, env);
    const owner = featureOwners.get(env.project);
    const stacks = addEnvironment(app, env, { createMeshFeature: !owner });
    if (owner) stacks.cluster.addDependency(owner);
    else featureOwners.set(env.project, stacks.cluster);
    return stacks;
  });
}
