import { cidrBounds } from "./gke-api-rules";
import { revisionNameOf } from "./istio-revision-names";
import { DEFAULT_ISTIO_VERSION } from "./istio-versions";
import { MeshConfig } from "./mesh-schema";
import { resourceNames } from "./resource-names";
import { EnvironmentConfig } from "./schema";
import { nearest } from "./schema-primitives";
import { ossMemberProblems } from "./oss-members";

/** A mesh entry and its index in the file, for the label of its problems. */
export function meshLabel(mesh: unknown, index: number): string {
  const name =
    mesh !== null && typeof mesh === "object" && typeof (mesh as MeshConfig).name === "string"
      ? ` (${(mesh as MeshConfig).name})`
      : "";
  return `meshes[${index}]${name}`;
}

/** The VPC an environment's cluster runs in, as `<project>/<network name>`. */
export function networkOf(env: EnvironmentConfig): string {
  return `${env.network?.project ?? env.project}/${resourceNames(env).network}`;
}

/** What an oss member installs: every member of a mesh must install the same. */
function istioReleasesOf(env: EnvironmentConfig): string {
  const revisions = env.istio?.revisions;
  if (!revisions) return `version ${env.istio?.version ?? DEFAULT_ISTIO_VERSION}`;
  // A revision's name defaults to its version's (1.31.1: 1-31-1), as the revision plan names it.
  return `revisions ${revisions.map((r) => `${r.name ?? revisionNameOf(r.version)}@${r.version}`).join(", ")}`;
}

/**
 * Problems of the top-level `meshes` against the file's valid environments, one line each as
 * `meshes[<i>] (<name>): <field path>: <what is wrong>; <what is allowed>`.
 */
export function meshProblems(
  meshes: readonly MeshConfig[],
  environments: readonly EnvironmentConfig[],
): string[] {
  const problems: string[] = [];
  const byName = new Map(environments.map((e) => [e.name, e]));
  const names = environments.map((e) => e.name);
  const meshNames = new Map<string, number>();
  const memberOf = new Map<string, number>();
  meshes.forEach((mesh, m) => {
    const say = (line: string) => problems.push(`${meshLabel(mesh, m)}: ${line}`);
    const firstMesh = meshNames.get(mesh.name);
    if (firstMesh !== undefined) {
      say(
        `name: '${mesh.name}' is already used by meshes[${firstMesh}]; mesh names must be unique`,
      );
    } else meshNames.set(mesh.name, m);

    const members: { env: EnvironmentConfig; at: string }[] = [];
    const listed = new Set<string>();
    mesh.environments.forEach((name, i) => {
      const at = `environments[${i}]`;
      const env = byName.get(name);
      if (!env) {
        const near = nearest(name, names);
        say(
          `${at}: '${name}' is no environment of this file${near ? ` (did you mean '${near}'?)` : ""}; its environments are ${names.join(", ")}`,
        );
        return;
      }
      if (listed.has(name)) {
        say(`${at}: '${name}' is listed twice; list each member once`);
        return;
      }
      listed.add(name);
      const other = memberOf.get(name);
      if (other !== undefined) {
        say(
          `${at}: '${name}' is already a member of ${meshLabel(meshes[other], other)}; an environment belongs to at most one mesh`,
        );
        return;
      }
      memberOf.set(name, m);
      members.push({ env, at });
    });
    problems.push(...memberProblems(mesh, members).map((p) => `${meshLabel(mesh, m)}: ${p}`));
  });
  return problems;
}

function memberProblems(
  mesh: MeshConfig,
  members: { env: EnvironmentConfig; at: string }[],
): string[] {
  const problems: string[] = [];
  for (const { env, at } of members) {
    if (env.mode === "managed") {
      problems.push(
        `${at}: '${env.name}' has mode managed (the GKE Istio add-on, which GKE no longer accepts), which joins no mesh; use mode cloud-service-mesh or oss`,
      );
    }
  }
  const joining = members.filter((m) => m.env.mode !== "managed");
  const [first, ...rest] = joining;
  if (!first) return problems;
  for (const { env, at } of rest) {
    if (env.mode !== first.env.mode) {
      problems.push(
        `${at}: '${env.name}' has mode ${env.mode}, but '${first.env.name}' has mode ${first.env.mode}; every member of a mesh has one mode`,
      );
    } else if (env.mode === "cloud-service-mesh" && env.project !== first.env.project) {
      problems.push(
        `${at}: '${env.name}' is in project '${env.project}', but '${first.env.name}' is in '${first.env.project}'; Cloud Service Mesh members share one fleet, their project: put them in one project`,
      );
    } else if (env.mode === "oss" && istioReleasesOf(env) !== istioReleasesOf(first.env)) {
      problems.push(
        `${at}: '${env.name}' installs Istio ${istioReleasesOf(env)}, but '${first.env.name}' installs ${istioReleasesOf(first.env)}; every oss member runs the same Istio revisions (upgrade them one cluster at a time, through a revision both list)`,
      );
    }
  }
  problems.push(...ossMemberProblems(mesh, first.env.mode, joining));
  if (first.env.mode === "cloud-service-mesh" && mesh.network === "per-cluster") {
    problems.push(
      `network: 'per-cluster' is not offered for Cloud Service Mesh members (their managed control plane discovers endpoints across clusters of one VPC); use network: shared, or oss members`,
    );
  }
  if (mesh.network === "shared") problems.push(...sharedNetworkProblems(joining));
  return problems;
}

/** `network: shared`: one VPC, and no pod or service range of a member overlaps another's. */
function sharedNetworkProblems(members: { env: EnvironmentConfig; at: string }[]): string[] {
  const problems: string[] = [];
  for (const { env, at } of members) {
    if (!env.network?.existing) {
      problems.push(
        `${at}: '${env.name}' creates its own VPC (network.existing is not true); with network: shared every member names one existing VPC (network.existing: true, network.name, network.subnetName, network.project for a host project)`,
      );
    } else if (!env.network.podsCidr) {
      problems.push(
        `${at}: '${env.name}' gives no network.podsCidr; with network: shared each member states its existing pods range, which the cross-cluster firewall admits and the overlap check reads`,
      );
    }
  }
  const [first, ...rest] = members;
  for (const { env, at } of rest) {
    if (networkOf(env) !== networkOf(first.env)) {
      problems.push(
        `${at}: '${env.name}' runs in VPC '${networkOf(env)}', but '${first.env.name}' runs in '${networkOf(first.env)}'; with network: shared every member runs in one VPC`,
      );
    }
  }
  const ranges = members.flatMap(({ env, at }) =>
    (["podsCidr", "servicesCidr"] as const)
      .filter((key) => env.network?.[key])
      .map((key) => ({ env, at, key, cidr: env.network![key]! })),
  );
  ranges.forEach((b, j) => {
    for (const a of ranges.slice(0, j)) {
      if (a.env === b.env) continue;
      const [a0, a1] = cidrBounds(a.cidr);
      const [b0, b1] = cidrBounds(b.cidr);
      if (a0 <= b1 && b0 <= a1) {
        problems.push(
          `${b.at}: '${b.env.name}' network.${b.key} '${b.cidr}' overlaps network.${a.key} '${a.cidr}' of '${a.env.name}'; with network: shared, pod and service ranges of members must not overlap`,
        );
      }
    }
  });
  return problems;
}

/** Sets `mesh` on every member of `meshes` (the file is valid). */
export function withMeshes(
  environments: EnvironmentConfig[],
  meshes: readonly MeshConfig[],
): EnvironmentConfig[] {
  const meshOfName = new Map(meshes.flatMap((mesh) => mesh.environments.map((n) => [n, mesh])));
  return environments.map((env) => {
    const mesh = meshOfName.get(env.name);
    return mesh ? { ...env, mesh } : env;
  });
}
