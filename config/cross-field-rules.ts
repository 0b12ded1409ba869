import { POLICY_RULE_IDS } from "../policy/rules";
import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "./istio-versions";
import { EnvironmentConfig, IstioConfig, regionOf } from "./schema";
import { injectionNamespaces } from "./istio-schema";
import { legacyHelm3Problem } from "./helm3-rules";
import { LEGACY_PROFILE_VALUES } from "../facts/istio-legacy-profiles";
import { revisionProblems } from "./istio-revisions";
import { ambientProblems } from "./ambient-rules";
import { gkeApiProblems, hostBitsProblem } from "./gke-api-rules";
import { portExceptionProblems } from "./mesh-transitions";
import { EXISTING_NAMESPACES } from "../facts/kubernetes-namespaces";
import { locationProblems } from "./location-rules";
import { kubernetesWindowProblems } from "./kubernetes-rules";
import { gatewayApiProblems } from "./gateway-api-rules";
import {
  ISTIO_CHART_REPOSITORY,
  ISTIO_OCI_CHART_REPOSITORY,
  legacyChartRepository,
} from "../facts/istio-hosting";

/**
 * Rules that span fields, which the per-field schema cannot state. Each returns problems as
 * `<field path>: <what is wrong>; <what is allowed>`; the loader prefixes file and environment.
 */
export function crossFieldProblems(env: EnvironmentConfig): string[] {
  return [
    ...locationProblems(env),
    ...clusterProblems(env),
    ...nodePoolProblems(env),
    ...networkProblems(env),
    ...gkeApiProblems(env),
    ...modeProblems(env),
    ...istioVersionProblems(env),
    ...legacyRepositoryProblems(env),
    ...injectionProblems(env),
    ...revisionProblems(env.istio),
    ...ambientProblems(env),
    ...portExceptionProblems(env),
    ...kubernetesWindowProblems(env),
    ...gatewayApiProblems(env),
    ...waiverProblems(env),
  ];
}

function clusterProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const region = regionOf(env.location);
  for (const [i, zone] of (env.cluster?.nodeLocations ?? []).entries()) {
    if (regionOf(zone) !== region) {
      problems.push(
        `cluster.nodeLocations[${i}]: '${zone}' is not in the region of location '${env.location}'; use zones of ${region}`,
      );
    }
  }
  for (const [i, net] of (env.cluster?.masterAuthorizedNetworks ?? []).entries()) {
    const key = `cluster.masterAuthorizedNetworks[${i}].cidrBlock`;
    if (net.cidrBlock.endsWith("/0")) {
      problems.push(
        `${key}: '${net.cidrBlock}' opens the control plane to the internet; list the CIDR blocks of your deploy runners and offices`,
      );
    } else {
      const hostBits = hostBitsProblem(key, net.cidrBlock, "the GKE API refuses");
      if (hostBits) problems.push(hostBits);
    }
  }
  if (
    env.cluster?.networkPolicy === false &&
    (env.cluster.datapath ?? "ADVANCED_DATAPATH") === "ADVANCED_DATAPATH"
  ) {
    problems.push(
      `cluster.networkPolicy: false has no effect with datapath ADVANCED_DATAPATH (Dataplane V2 always enforces NetworkPolicy); remove it, or set cluster.datapath: LEGACY_DATAPATH as well`,
    );
  }
  if (env.cluster?.privateEndpoint && env.cluster.privateNodes === false) {
    problems.push(
      `cluster.privateEndpoint: true needs private nodes, got privateNodes false; set privateNodes true or privateEndpoint false`,
    );
  }
  return problems;
}

function nodePoolProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const poolNames = new Set<string>();
  env.nodePools.forEach((pool, i) => {
    const at = `nodePools[${i}]`;
    const min = pool.minNodeCount ?? 1;
    const max = pool.maxNodeCount ?? Math.max(3, min);
    const initial = pool.initialNodeCount ?? min;
    if (min > max) {
      problems.push(
        `${at}.minNodeCount: ${min} is greater than maxNodeCount ${max}; must be <= maxNodeCount`,
      );
    } else if (initial < min || initial > max) {
      problems.push(
        `${at}.initialNodeCount: ${initial} is outside minNodeCount..maxNodeCount (${min}..${max}); must be between them`,
      );
    }
    if (pool.preemptible && pool.spot) {
      problems.push(
        `${at}.spot: true together with preemptible true; choose one of preemptible or spot`,
      );
    }
    if (poolNames.has(pool.name)) {
      problems.push(`${at}.name: '${pool.name}' is used twice; node pool names must be unique`);
    }
    poolNames.add(pool.name);
  });
  return problems;
}

function networkProblems(env: EnvironmentConfig): string[] {
  const net = env.network;
  const problems: string[] = [];
  if (net?.existing && (!net.name || !net.subnetName)) {
    problems.push(
      `network.existing: true needs network.name and network.subnetName of the existing network, got ${JSON.stringify(net.name) ?? "nothing"} and ${JSON.stringify(net.subnetName) ?? "nothing"}`,
    );
  }
  if (net?.project && !net.existing) {
    problems.push(
      `network.project: '${net.project}' names the owner of an existing network; set network.existing: true with its name and subnetName, or remove network.project`,
    );
  }
  return problems;
}

/** istio keys that only the Helm install reads: elsewhere they would be silently ignored. */
export const OSS_ONLY_ISTIO_KEYS: readonly (keyof IstioConfig)[] = [
  "version",
  "profile",
  "values",
  "ingressGateway",
  "minReplicas",
  "revisions",
  "tags",
  "defaultRevision",
  "chartRepository",
  "hub",
];

function modeProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  if (env.mode !== "oss") {
    for (const key of OSS_ONLY_ISTIO_KEYS) {
      if (env.istio?.[key] !== undefined) {
        problems.push(
          `istio.${key}: applies to mode oss only (Istio installed by Helm), got it with mode ${env.mode}; remove it or set mode: oss`,
        );
      }
    }
  }
  if (env.mode === "cloud-service-mesh") {
    if (env.cluster?.workloadIdentity === false) {
      problems.push(
        `cluster.workloadIdentity: false is not allowed with mode cloud-service-mesh, which requires Workload Identity; remove the key or set it true`,
      );
    }
    env.nodePools.forEach((pool, i) => {
      if (pool.workloadMetadata === "GCE_METADATA") {
        problems.push(
          `nodePools[${i}].workloadMetadata: 'GCE_METADATA' is not allowed with mode cloud-service-mesh, which requires Workload Identity on nodes; remove the key or set it 'GKE_METADATA'`,
        );
      }
    });
    const channel = env.cluster?.releaseChannel ?? "REGULAR";
    if (!(CSM_CHANNELS as readonly string[]).includes(channel)) {
      problems.push(
        `cluster.releaseChannel: '${channel}' has no managed Cloud Service Mesh channel (CSM follows RAPID, REGULAR, STABLE and no channel, UNSPECIFIED, which it runs as REGULAR); choose one of ${CSM_CHANNELS.join(", ")}`,
      );
    }
  }
  return problems;
}

/**
 * GKE release channels that managed Cloud Service Mesh maps to a channel of its own (RAPID,
 * REGULAR, STABLE; no channel gets REGULAR). CSM fixes its channel when it is provisioned and
 * keeps it when the cluster's channel changes later, which the cluster stack refuses at plan.
 * Source, read 2026-12-02: cloud.google.com/service-mesh/docs/release-channels-managed-service-mesh
 * ("Cloud Service Mesh channel is determined by the GKE cluster channel").
 */
export const CSM_CHANNELS = ["RAPID", "REGULAR", "STABLE", "UNSPECIFIED"] as const;

function istioVersionProblems(env: EnvironmentConfig): string[] {
  const version = env.istio?.version ?? DEFAULT_ISTIO_VERSION;
  const profile = env.istio?.profile;
  const chart = istioChartLayout(version);
  if (env.mode === "oss" && "layout" in chart && chart.layout === "legacy") {
    const problem = legacyHelm3Problem(version, {
      profile: profile ?? "default",
      profileValues: LEGACY_PROFILE_VALUES[profile ?? "default"],
      ingressGateway: (env.istio?.ingressGateway ?? true) !== false,
      values: env.istio?.values,
    });
    return problem ? [problem] : [];
  }
  if (!profile || profile === "default" || !("layout" in chart) || chart.layout === "legacy") {
    return [];
  }
  return [
    `istio.profile: '${profile}' applies to the legacy charts (istio.version 1.3.x or 1.4.x) only, got istio.version '${version}'; remove it and put chart values in istio.values`,
  ];
}

/** Istio's current repositories hold no legacy chart: a legacy release needs its own folder. */
function legacyRepositoryProblems(env: EnvironmentConfig): string[] {
  const version = env.istio?.version ?? DEFAULT_ISTIO_VERSION;
  const repository = env.istio?.chartRepository?.replace(/\/$/, "");
  const chart = istioChartLayout(version);
  if (!repository || !("layout" in chart) || chart.layout !== "legacy") return [];
  if (repository !== ISTIO_CHART_REPOSITORY && repository !== ISTIO_OCI_CHART_REPOSITORY) return [];
  return [
    `istio.chartRepository: '${repository}' holds the current charts (1.12 and later), not istio-init and istio ${version}; name a repository of that release's charts, such as '${legacyChartRepository(version)}', or remove it`,
  ];
}

/** Namespaces never to inject: Kubernetes' own, and Istio's control plane. */
export const NEVER_INJECTED = ["kube-system", "kube-public", "kube-node-lease", "istio-system"];

function injectionProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  // Only the current charts install the gateway in its own namespace (legacy: istio-system).
  const layout = istioChartLayout(env.istio?.version ?? DEFAULT_ISTIO_VERSION);
  const currentGateway =
    env.mode === "oss" &&
    (env.istio?.ingressGateway ?? true) &&
    "layout" in layout &&
    layout.layout === "current";
  const gatewayNamespace = currentGateway ? "istio-ingress" : undefined;
  injectionNamespaces(env.istio).forEach(({ name: namespace, create }, i) => {
    const at = `istio.injectionNamespaces[${i}]`;
    if (create && (EXISTING_NAMESPACES as readonly string[]).includes(namespace)) {
      problems.push(
        `${at}.create: true for '${namespace}', which every cluster has already; remove create`,
      );
    }
    if (seen.has(namespace)) {
      problems.push(`${at}: '${namespace}' is listed twice; list each namespace once`);
    } else if (NEVER_INJECTED.includes(namespace)) {
      problems.push(
        `${at}: '${namespace}' must not get sidecars (system and control-plane namespaces: ${NEVER_INJECTED.join(", ")}); list your workloads' namespaces`,
      );
    } else if (namespace === gatewayNamespace) {
      problems.push(
        `${at}: 'istio-ingress' is created and labelled by the ingress gateway install already; remove it, or set istio.ingressGateway: false`,
      );
    }
    seen.add(namespace);
  });
  return problems;
}

function waiverProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const waived = new Set<string>();
  (env.policy?.waivers ?? []).forEach((waiver, j) => {
    const at = `policy.waivers[${j}].rule`;
    if (!POLICY_RULE_IDS.includes(waiver.rule)) {
      problems.push(
        `${at}: unknown rule '${waiver.rule}'; known rules are ${POLICY_RULE_IDS.join(", ")}`,
      );
    } else if (waived.has(waiver.rule)) {
      problems.push(`${at}: '${waiver.rule}' is waived twice; keep one waiver per rule`);
    }
    waived.add(waiver.rule);
  });
  return problems;
}
