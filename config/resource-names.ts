import { createHash } from "crypto";
import { EnvironmentConfig, regionOf } from "./schema";

/**
 * Names of the resources the cluster stack creates that GCP wants unique per project (network,
 * firewall rule, service account) or per project and region (subnet, router).
 *
 * They derive from the cluster name and the location: the pair GKE itself keeps unique within a
 * project. The cluster name alone is not enough: two environments of one project may hold clusters
 * of the same name in two regions, and would both create `<name>-vpc` (409 already exists). A name
 * too long for its resource keeps a prefix and gains a short hash of the whole pair, so truncation
 * never makes two names equal.
 *
 * `legacyNames: true` keeps the names of earlier releases (cluster name alone), because renaming
 * a resource that exists replaces it (docs/changes-and-outages.md, "Resource names").
 */
export interface ResourceNames {
  readonly network: string;
  readonly subnetwork: string;
  readonly router: string;
  readonly nat: string;
  readonly webhookFirewall: string;
  /** The node service account's account id (6 to 30 characters). */
  readonly nodeServiceAccountId: string;
}

/** The first `length` hex digits of SHA-256 over the parts: deterministic on every machine. */
export function shortHash(parts: readonly string[], length = 6): string {
  return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, length);
}

/**
 * `<base>-<suffix>` when it fits in `max` characters, else the base cut short plus a hash of
 * `identity`: `<base prefix>-<hash>-<suffix>`.
 */
export function boundedName(
  base: string,
  suffix: string,
  max: number,
  identity: readonly string[],
): string {
  const full = `${base}-${suffix}`;
  if (full.length <= max) return full;
  const hash = shortHash(identity);
  const keep = max - suffix.length - hash.length - 2;
  return `${base.slice(0, keep).replace(/-+$/, "")}-${hash}-${suffix}`;
}

export function clusterNameOf(env: EnvironmentConfig): string {
  return env.cluster?.name ?? env.name;
}

export function resourceNames(env: EnvironmentConfig): ResourceNames {
  const cluster = clusterNameOf(env);
  const net = env.network ?? {};
  if (env.legacyNames) {
    const network = net.name ?? `${cluster}-vpc`;
    return {
      network,
      subnetwork: net.subnetName ?? `${cluster}-nodes`,
      router: `${network}-router`,
      nat: `${network}-nat`,
      webhookFirewall: `${cluster}-istio-webhooks`,
      nodeServiceAccountId: `${cluster.slice(0, 23).replace(/-+$/, "")}-nodes`,
    };
  }
  const identity = [cluster, env.location];
  const base = `${cluster}-${env.location}`;
  return {
    network: net.name ?? boundedName(base, "vpc", 63, identity),
    subnetwork: net.subnetName ?? boundedName(base, "nodes", 63, identity),
    router: boundedName(base, "router", 63, identity),
    nat: boundedName(base, "nat", 63, identity),
    webhookFirewall: boundedName(base, "istio-webhooks", 63, identity),
    nodeServiceAccountId: boundedName(base, "nodes", 30, identity),
  };
}

/**
 * Does the cluster stack hold the firewall rule that lets a private control plane call istiod's
 * webhooks (tcp:15017)? In oss mode, while the cluster may be private: with private nodes, and
 * also with `privateNodes: false` under deletion protection, because that change replaces the
 * cluster and deletion protection stops the replacement, leaving the cluster private. Removing
 * the rule then would make every pod creation in an injected namespace fail (the injector fails
 * closed).
 */
export function hasWebhookFirewall(env: EnvironmentConfig): boolean {
  const c = env.cluster ?? {};
  return env.mode === "oss" && ((c.privateNodes ?? true) || (c.deletionProtection ?? true));
}

/** What the cluster stack creates under each name, when it creates it at all. */
function createdNames(env: EnvironmentConfig): { what: string; scope: string; name: string }[] {
  const names = resourceNames(env);
  const net = env.network ?? {};
  const netProject = net.project ?? env.project;
  const region = regionOf(env.location);
  const out = [
    {
      what: "cluster",
      scope: `project ${env.project}, location ${env.location}`,
      name: clusterNameOf(env),
    },
  ];
  if (!net.existing) {
    out.push({ what: "network", scope: `project ${netProject}`, name: names.network });
    out.push({
      what: "subnetwork",
      scope: `project ${netProject}, region ${region}`,
      name: names.subnetwork,
    });
  }
  if (net.cloudNat ?? !net.existing) {
    out.push({
      what: "router",
      scope: `project ${netProject}, region ${region}`,
      name: names.router,
    });
  }
  if (hasWebhookFirewall(env)) {
    out.push({
      what: "firewall rule",
      scope: `project ${netProject}`,
      name: names.webhookFirewall,
    });
  }
  if (env.nodePools.some((p) => !p.serviceAccount)) {
    out.push({
      what: "service account",
      scope: `project ${env.project}`,
      name: names.nodeServiceAccountId,
    });
  }
  return out;
}

/**
 * Names two environments of one file would both create (GCP answers 409 already exists), one
 * problem per later environment, as `<field path>: <what is wrong>; <what to do>`.
 */
export function nameCollisions(environments: readonly EnvironmentConfig[]): Map<number, string[]> {
  const owners = new Map<string, number>();
  const problems = new Map<number, string[]>();
  environments.forEach((env, index) => {
    for (const { what, scope, name } of createdNames(env)) {
      const key = `${what}|${scope}|${name}`;
      const first = owners.get(key);
      if (first === undefined) {
        owners.set(key, index);
        continue;
      }
      const other = environments[first];
      const hint =
        what === "cluster"
          ? "give one of them another cluster.name or location"
          : env.legacyNames || other.legacyNames
            ? "remove legacyNames from one of them, or give it another cluster.name"
            : "give one of them another network.name or network.subnetName";
      const list = problems.get(index) ?? [];
      list.push(
        `${what === "cluster" ? "cluster.name" : "name"}: creates the ${what} '${name}' in ${scope}, as environments[${first}] (${other.name}) does already; ${hint}`,
      );
      problems.set(index, list);
    }
  });
  return problems;
}
