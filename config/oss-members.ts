import { MeshConfig } from "./mesh-schema";
import { meshTrustProblems } from "./mesh-trust";
import { EnvironmentConfig } from "./schema";
import { istioChartLayout } from "./istio-versions";

/** The istiod values the mesh sets on every oss member; istio.values may not set them too. */
const MEMBER_VALUE_PATHS = [
  ["global", "meshID"],
  ["global", "network"],
  ["global", "multiCluster"],
] as const;

/** The member's environment and where it is listed (`environments[<i>]`). */
interface Member {
  readonly env: EnvironmentConfig;
  readonly at: string;
}

/**
 * Problems of one mesh's oss members and its `trust` (the caller prefixes the mesh), each as
 * `<field path>: <what is wrong>; <what is allowed>`. `mode` is the members' one mode.
 */
export function ossMemberProblems(
  mesh: MeshConfig,
  mode: string,
  members: readonly Member[],
): string[] {
  const problems = meshTrustProblems(
    mesh.trust,
    mode,
    members.map((m) => m.env.name),
  );
  if (mode !== "oss") return problems;
  for (const { env, at } of members) {
    const istio = env.istio ?? {};
    if (istio.dataplane === "ambient") {
      problems.push(
        `${at}: '${env.name}' has istio.dataplane 'ambient'; ambient multi-cluster (beta) is not supported yet: it needs an HBONE east-west Gateway of class istio-east-west and the Gateway API CRDs, which these members do not install; use dataplane sidecar`,
      );
    }
    const version = istio.revisions?.[0]?.version ?? istio.version;
    const layout = version === undefined ? undefined : istioChartLayout(version);
    if (layout && "layout" in layout && layout.layout === "legacy") {
      problems.push(
        `${at}: '${env.name}' has istio.version '${version}' (the legacy charts); a multi-cluster member needs the current charts: 1.12.x or later`,
      );
    }
    for (const path of MEMBER_VALUE_PATHS) {
      if (valueAt(istio.values, path) !== undefined) {
        problems.push(
          `${at}: '${env.name}' sets istio.values.${path.join(".")}, which the mesh sets on every member (meshID: the mesh name, multiCluster.clusterName: the environment name, network: per mesh network); remove it`,
        );
      }
    }
  }
  return problems;
}

function valueAt(values: unknown, path: readonly string[]): unknown {
  let at = values;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * Where an oss member sits in its mesh: the mesh's name as meshID, the environment's name as
 * clusterName, and its network: the mesh's name when the members share one network, the
 * environment's own name with `network: per-cluster`. Undefined outside a mesh or for other modes.
 */
export function meshMembershipOf(
  env: EnvironmentConfig,
): { meshId: string; clusterName: string; network: string } | undefined {
  const mesh = env.mesh;
  if (!mesh || env.mode !== "oss") return undefined;
  return {
    meshId: mesh.name,
    clusterName: env.name,
    network: mesh.network === "shared" ? mesh.name : env.name,
  };
}
