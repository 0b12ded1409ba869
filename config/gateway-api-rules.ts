import {
  GATEWAY_API_KINDS,
  GKE_MANAGED_GATEWAY_API_FROM,
  ISTIO_ALPHA_GATEWAY_API_FLAG,
} from "../facts/gateway-api";
import { wantsWaypoint } from "./ambient-rules";
import { clusterKubernetes, compareMinors } from "./kubernetes-rules";
import { EnvironmentConfig } from "./schema";

/**
 * Where a cluster's Gateway API CRDs come from. Istio's charts carry none, so it is GKE or nobody:
 * `gke-managed`, the GA bundle GKE 1.34 and later installs itself (and keeps experimental CRDs
 * out); `gke-standard`, the standard-channel bundle of gateway_api_config CHANNEL_STANDARD on an
 * older cluster; `none`, nothing here installs them.
 */
export type GatewayApiCrdSource = "gke-managed" | "gke-standard" | "none";

export interface GatewayApiCrds {
  readonly source: GatewayApiCrdSource;
  /** One sentence for the reader (docs/environments.md). */
  readonly description: string;
}

/** Which bundle an environment relies on; the cluster's Kubernetes as in clusterKubernetes. */
export function gatewayApiCrds(env: EnvironmentConfig): GatewayApiCrds {
  const k8s = clusterKubernetes(env);
  const setting = env.cluster?.gatewayApi ?? (wantsWaypoint(env) ? true : undefined);
  if (setting !== false && compareMinors(k8s.minor, GKE_MANAGED_GATEWAY_API_FROM) >= 0) {
    return {
      source: "gke-managed",
      description: `GKE's own GA (standard channel) bundle, which GKE ${GKE_MANAGED_GATEWAY_API_FROM} and later installs and keeps current; experimental-channel CRDs are refused`,
    };
  }
  if (setting === true) {
    return {
      source: "gke-standard",
      description: "GKE's standard channel bundle, from gateway_api_config CHANNEL_STANDARD",
    };
  }
  return {
    source: "none",
    description: `none installed${setting === false ? " (cluster.gatewayApi: false)" : ""}; nothing here needs them`,
  };
}

/** Is istiod told to watch the experimental (alpha) Gateway API kinds, in either values layout? */
function alphaKindsAt(env: EnvironmentConfig): string | undefined {
  const values = env.istio?.values as
    { env?: Record<string, unknown>; pilot?: { env?: Record<string, unknown> } } | undefined;
  const on = (v: unknown) => v === true || String(v).toLowerCase() === "true";
  if (on(values?.env?.[ISTIO_ALPHA_GATEWAY_API_FLAG]))
    return `istio.values.env.${ISTIO_ALPHA_GATEWAY_API_FLAG}`;
  if (on(values?.pilot?.env?.[ISTIO_ALPHA_GATEWAY_API_FLAG]))
    return `istio.values.pilot.env.${ISTIO_ALPHA_GATEWAY_API_FLAG}`;
  return undefined;
}

const standardKinds = GATEWAY_API_KINDS.filter((k) => Number(k.standardSince.split(".")[1]) > 0)
  .map((k) => `${k.kind} from ${k.standardSince}`)
  .join(", ");

/**
 * A Gateway API combination that leaves istiod without the kinds it is told to use: the alpha
 * kinds need the experimental bundle, which GKE never installs (and refuses from 1.34 on).
 * A waypoint with cluster.gatewayApi false is the ambient rules' (ambient-rules.ts).
 */
export function gatewayApiProblems(env: EnvironmentConfig): string[] {
  if (env.mode !== "oss") return [];
  const at = alphaKindsAt(env);
  const crds = gatewayApiCrds(env);
  if (!at || crds.source === "none") return [];
  const k8s = clusterKubernetes(env).minor;
  const why =
    crds.source === "gke-managed"
      ? `this cluster's CRDs come from GKE (Kubernetes ${k8s}), which installs only the GA ones and refuses experimental-channel CRDs from ${GKE_MANAGED_GATEWAY_API_FROM} on; remove it`
      : `this cluster's CRDs come from gateway_api_config CHANNEL_STANDARD (Kubernetes ${k8s}), the standard channel only; remove it, or set cluster.gatewayApi: false and install the experimental bundle yourself`;
  return [
    `${at}: true makes istiod watch experimental-channel Gateway API kinds, but ${why} (the standard channel carries ${standardKinds})`,
  ];
}
