/**
 * Chart values that keep istiod and the ingress gateway serving through node upgrades,
 * scale-downs and a zone outage: at least two replicas, a PodDisruptionBudget, and the replicas
 * spread over nodes and (regional clusters) zones. Kept apart from the other chart values so
 * that the install's own values and these merge cleanly.
 *
 * What the charts do with them (istiod and gateway charts 1.29.6, 1.30.3 and 1.31.0, read 2026-12-02):
 * - istiod: `autoscaleMin` is the HPA's floor (`replicaCount` counts only without HPA); the chart
 *   renders its PodDisruptionBudget (minAvailable 1, `global.defaultPodDisruptionBudget.enabled`
 *   is true by default) only when that floor is above 1;
 * - gateway: `autoscaling.minReplicas` likewise; its PDB needs `podDisruptionBudget` set and a
 *   floor above 1, else none is rendered.
 */

/** Replicas of istiod and of the ingress gateway unless an environment opts down. */
export const DEFAULT_CONTROL_PLANE_REPLICAS = 2;
/** The charts' own HPA ceiling: raised only when the floor would pass it. */
const CHART_AUTOSCALE_MAX = 5;
const ZONE_KEY = "topology.kubernetes.io/zone";
const HOST_KEY = "kubernetes.io/hostname";

export interface ControlPlaneAvailability {
  /** The replica floor of istiod and of the gateway; below 2 the charts' defaults apply. */
  readonly minReplicas: number;
  /** A regional cluster: spread over zones as well as nodes. */
  readonly regional: boolean;
}

/**
 * Spread over nodes and (regional) zones, as a preference (`ScheduleAnyway`): a replica that
 * cannot be placed evenly, say while a zone is out or has no capacity, still runs. `matchLabelKeys`
 * counts the pods of one rollout at a time.
 */
function spread(labels: Record<string, string>, regional: boolean): Record<string, unknown>[] {
  return [...(regional ? [ZONE_KEY] : []), HOST_KEY].map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    // A copy each: a shared object would be written as a YAML anchor and alias.
    labelSelector: { matchLabels: { ...labels } },
    matchLabelKeys: ["pod-template-hash"],
  }));
}

/** istiod chart values; `revision` as the chart labels its pods (istio.io/rev, "default" without). */
export function istiodAvailabilityValues(
  availability: ControlPlaneAvailability,
  revision?: string,
): Record<string, unknown> {
  const n = availability.minReplicas;
  if (n < DEFAULT_CONTROL_PLANE_REPLICAS) return {};
  return {
    replicaCount: n,
    autoscaleMin: n,
    ...(n > CHART_AUTOSCALE_MAX ? { autoscaleMax: n } : {}),
    topologySpreadConstraints: spread(
      { app: "istiod", "istio.io/rev": revision ?? "default" },
      availability.regional,
    ),
  };
}

/**
 * gateway chart values for the release `istio-ingress` (pods app=istio-ingress, istio=ingress), or
 * for another gateway release whose pods carry `podLabels`.
 */
export function gatewayAvailabilityValues(
  availability: ControlPlaneAvailability,
  podLabels: Readonly<Record<string, string>> = { app: "istio-ingress", istio: "ingress" },
): Record<string, unknown> {
  const n = availability.minReplicas;
  if (n < DEFAULT_CONTROL_PLANE_REPLICAS) return {};
  return {
    replicaCount: n,
    autoscaling: { minReplicas: n, ...(n > CHART_AUTOSCALE_MAX ? { maxReplicas: n } : {}) },
    podDisruptionBudget: { minAvailable: 1 },
    topologySpreadConstraints: spread({ ...podLabels }, availability.regional),
  };
}
