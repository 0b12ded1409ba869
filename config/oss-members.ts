import { MeshConfig } from "./mesh-schema";
import { meshTrustProblems } from "./mesh-trust";
import { EnvironmentConfig } from "./schema";
import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "./istio-versions";
import { gatewayApiCrds } from "./gateway-api-rules";
import { AMBIENT_EAST_WEST } from "../facts/istio-multicluster";

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
    if (istio.dataplane === "ambient") problems.push(...ambientProblems(mesh, env, at));
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

/** Ambient multi-cluster: multi-network only, 1.29 and later, with the Gateway API CRDs. */
function ambientProblems(mesh: MeshConfig, env: EnvironmentConfig, at: string): string[] {
  const problems: string[] = [];
  if (mesh.network !== "per-cluster") {
    problems.push(
      `${at}: '${env.name}' has istio.dataplane 'ambient' in a mesh with network '${mesh.network}'; ambient multi-cluster supports multi-network meshes only: use network: per-cluster, or dataplane sidecar`,
    );
  }
  const version = env.istio?.version ?? DEFAULT_ISTIO_VERSION;
  const minor = Number(/^1\.(\d+)\./.exec(version)?.[1] ?? 0);
  if (minor < AMBIENT_EAST_WEST.firstMinor) {
    problems.push(
      `${at}: '${env.name}' has istio.dataplane 'ambient' with istio.version '${version}'; ambient multi-cluster needs 1.${AMBIENT_EAST_WEST.firstMinor}.0 or later`,
    );
  }
  if (gatewayApiCrds(env).source === "none") {
    problems.push(
      `${at}: '${env.name}' has istio.dataplane 'ambient' without Gateway API CRDs (cluster.gatewayApi); the ambient east-west gateway is a Gateway API Gateway: set cluster.gatewayApi: true`,
    );
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
