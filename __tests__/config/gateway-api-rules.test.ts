import { gatewayApiCrds } from "../../config/gateway-api-rules";
import { configProblems, environment, parseEnvironments } from "../fixtures";

function problemsOf(overrides: Record<string, unknown>): string[] {
  return configProblems(() => parseEnvironments(environment({ mode: "oss", ...overrides })));
}

const crdsOf = (overrides: Record<string, unknown>) =>
  gatewayApiCrds(parseEnvironments(environment({ mode: "oss", ...overrides }))[0]);

const ENV = "environments[0] (test)";
const ALPHA = { PILOT_ENABLE_ALPHA_GATEWAY_API: "true" };
const STANDARD_KINDS =
  "the standard channel carries GRPCRoute from 1.1, ReferenceGrant from 1.5, TLSRoute from 1.5, TCPRoute from 1.6, UDPRoute from 1.6";
const WAYPOINT = {
  dataplane: "ambient",
  injectionNamespaces: [{ name: "shop", waypoint: true }],
};

describe("which Gateway API CRDs an environment relies on (facts/gateway-api.ts)", () => {
  test("GKE 1.34 and later: GKE's own GA bundle, waypoint or not", () => {
    expect(crdsOf({ istio: WAYPOINT })).toEqual({
      source: "gke-managed",
      description:
        "GKE's own GA (standard channel) bundle, which GKE 1.34 and later installs and keeps current; experimental-channel CRDs are refused",
    });
    expect(crdsOf({}).source).toBe("gke-managed");
  });

  test("before 1.34: gateway_api_config's standard bundle with a waypoint, else none", () => {
    const old = { cluster: { minMasterVersion: "1.33" } };
    expect(crdsOf({ ...old, istio: WAYPOINT })).toEqual({
      source: "gke-standard",
      description: "GKE's standard channel bundle, from gateway_api_config CHANNEL_STANDARD",
    });
    expect(crdsOf(old)).toEqual({
      source: "none",
      description: "none installed; nothing here needs them",
    });
    expect(crdsOf({ cluster: { gatewayApi: false } })).toEqual({
      source: "none",
      description: "none installed (cluster.gatewayApi: false); nothing here needs them",
    });
  });
});

describe("Gateway API gaps are refused", () => {
  test("alpha kinds on GKE's managed CRDs (1.34 and later, which refuse experimental ones)", () => {
    expect(problemsOf({ istio: { values: { env: ALPHA } } })).toEqual([
      `${ENV}: istio.values.env.PILOT_ENABLE_ALPHA_GATEWAY_API: true makes istiod watch experimental-channel Gateway API kinds, but this cluster's CRDs come from GKE (Kubernetes 1.35), which installs only the GA ones and refuses experimental-channel CRDs from 1.34 on; remove it (${STANDARD_KINDS})`,
    ]);
  });

  test("alpha kinds on gateway_api_config's standard bundle, in the pilot.env layout too", () => {
    expect(
      problemsOf({
        istio: { values: { pilot: { env: { PILOT_ENABLE_ALPHA_GATEWAY_API: true } } } },
        cluster: { minMasterVersion: "1.33", gatewayApi: true },
      }),
    ).toEqual([
      `${ENV}: istio.values.pilot.env.PILOT_ENABLE_ALPHA_GATEWAY_API: true makes istiod watch experimental-channel Gateway API kinds, but this cluster's CRDs come from gateway_api_config CHANNEL_STANDARD (Kubernetes 1.33), the standard channel only; remove it, or set cluster.gatewayApi: false and install the experimental bundle yourself (${STANDARD_KINDS})`,
    ]);
  });

  test("alpha kinds where nothing installs CRDs, or the flag off: the team's own bundle, allowed", () => {
    expect(
      problemsOf({ istio: { values: { env: ALPHA } }, cluster: { minMasterVersion: "1.33" } }),
    ).toEqual([]);
    expect(
      problemsOf({ istio: { values: { env: { PILOT_ENABLE_ALPHA_GATEWAY_API: "false" } } } }),
    ).toEqual([]);
  });

  test("a waypoint without Gateway API stays refused, before and after 1.34", () => {
    for (const minMasterVersion of ["1.33", "1.35"]) {
      expect(
        problemsOf({ istio: WAYPOINT, cluster: { gatewayApi: false, minMasterVersion } }),
      ).toEqual([
        `${ENV}: cluster.gatewayApi: false, but istio.injectionNamespaces[0] ('shop') asks for a waypoint, which is a Gateway API Gateway; set cluster.gatewayApi: true or remove the waypoint`,
      ]);
    }
  });
});
