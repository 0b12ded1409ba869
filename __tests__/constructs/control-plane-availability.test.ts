import {
  gatewayAvailabilityValues,
  istiodAvailabilityValues,
} from "../../constructs/control-plane-availability";

const spread = (topologyKey: string, matchLabels: Record<string, string>) => ({
  maxSkew: 1,
  topologyKey,
  whenUnsatisfiable: "ScheduleAnyway",
  labelSelector: { matchLabels },
  matchLabelKeys: ["pod-template-hash"],
});

describe("control plane availability values", () => {
  test("regional: istiod's HPA floor of 2 (the chart's PDB then renders), spread over zones and nodes", () => {
    expect(istiodAvailabilityValues({ minReplicas: 2, regional: true })).toEqual({
      replicaCount: 2,
      autoscaleMin: 2,
      topologySpreadConstraints: [
        spread("topology.kubernetes.io/zone", { app: "istiod", "istio.io/rev": "default" }),
        spread("kubernetes.io/hostname", { app: "istiod", "istio.io/rev": "default" }),
      ],
    });
  });

  test("a revision's istiod selects its own pods; zonal clusters spread over nodes only", () => {
    expect(
      istiodAvailabilityValues({ minReplicas: 3, regional: false }, "1-31-0")
        .topologySpreadConstraints,
    ).toEqual([spread("kubernetes.io/hostname", { app: "istiod", "istio.io/rev": "1-31-0" })]);
  });

  test("the gateway: HPA floor, a PDB of minAvailable 1, spread by the chart's selector labels", () => {
    expect(gatewayAvailabilityValues({ minReplicas: 2, regional: true })).toEqual({
      replicaCount: 2,
      autoscaling: { minReplicas: 2 },
      podDisruptionBudget: { minAvailable: 1 },
      topologySpreadConstraints: [
        spread("topology.kubernetes.io/zone", { app: "istio-ingress", istio: "ingress" }),
        spread("kubernetes.io/hostname", { app: "istio-ingress", istio: "ingress" }),
      ],
    });
  });

  test("a floor above the charts' HPA ceiling of 5 raises the ceiling; 5 itself does not", () => {
    expect(istiodAvailabilityValues({ minReplicas: 6, regional: false }).autoscaleMax).toBe(6);
    expect(istiodAvailabilityValues({ minReplicas: 5, regional: false })).not.toHaveProperty(
      "autoscaleMax",
    );
    expect(gatewayAvailabilityValues({ minReplicas: 6, regional: false }).autoscaling).toEqual({
      minReplicas: 6,
      maxReplicas: 6,
    });
  });

  test("opting down to 1 leaves the charts' defaults: no values at all", () => {
    expect(istiodAvailabilityValues({ minReplicas: 1, regional: true })).toEqual({});
    expect(gatewayAvailabilityValues({ minReplicas: 1, regional: true })).toEqual({});
  });
});
