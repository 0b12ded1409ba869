import { App } from "cdktf";
import { EnvironmentConfig } from "../config/schema";
import { ClusterStack } from "./cluster-stack";
import { MeshStack } from "./mesh-stack";

export interface EnvironmentStacks {
  readonly cluster: ClusterStack;
  readonly mesh?: MeshStack;
}

/** Does this environment need a `<name>-mesh` stack? */
export function needsMeshStack(env: EnvironmentConfig): boolean {
  return env.mode !== "managed" || (env.istio?.injectionNamespaces ?? []).length > 0;
}

/** The stacks of one environment: `<name>-cluster`, then `<name>-mesh` applied after it. */
export function addEnvironment(app: App, env: EnvironmentConfig): EnvironmentStacks {
  const cluster = new ClusterStack(app, `${env.name}-cluster`, { environment: env });
  if (!needsMeshStack(env)) return { cluster };
  const mesh = new MeshStack(app, `${env.name}-mesh`, { environment: env });
  mesh.addDependency(cluster);
  return { cluster, mesh };
}

/** Every environment's stacks, in file order. */
export function addEnvironments(app: App, environments: EnvironmentConfig[]): EnvironmentStacks[] {
  return environments.map((env) => addEnvironment(app, env));
}
