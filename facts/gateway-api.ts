/**
 * Gateway API: which CRD bundle carries each kind in the standard channel, what each Istio minor
 * reads, and what GKE installs. A dated, sourced table (read 2026-12-02); part of facts/, it imports
 * nothing.
 *
 * Istio's charts ship no Gateway API CRDs (base installs Istio's own CRDs only), so a cluster gets
 * them from GKE: `gateway_api_config` channel CHANNEL_STANDARD on any supported GKE version, and on
 * GKE 1.34 and later from GKE itself, which installs the GA (standard channel) CRDs and refuses
 * experimental-channel ones.
 */

/** A Gateway API kind and the bundle (release) that first put it at `v1` in the standard channel. */
export interface GatewayApiKind {
  readonly kind: string;
  /** Bundle version, `1.5`. */
  readonly standardSince: string;
  readonly source: string;
}

const GA_RELEASE = "Gateway API v1.0.0 release (GA of Gateway, GatewayClass, HTTPRoute)";

/** Kinds Istio reads, by the bundle that made them standard `v1` (read 2026-12-02). */
export const GATEWAY_API_KINDS: readonly GatewayApiKind[] = [
  { kind: "GatewayClass", standardSince: "1.0", source: GA_RELEASE },
  { kind: "Gateway", standardSince: "1.0", source: GA_RELEASE },
  { kind: "HTTPRoute", standardSince: "1.0", source: GA_RELEASE },
  { kind: "GRPCRoute", standardSince: "1.1", source: "Gateway API v1.1.0 release (GRPCRoute GA)" },
  {
    kind: "ReferenceGrant",
    standardSince: "1.5",
    source: "istio/istio.io#17394 (Istio 1.30 reads ReferenceGrant at v1, from the v1.5 bundle)",
  },
  {
    kind: "TLSRoute",
    standardSince: "1.5",
    source: "istio/istio#59387 (TLSRoute in the standard channel since Gateway API v1.5.0)",
  },
  {
    kind: "TCPRoute",
    standardSince: "1.6",
    source: "istio/istio#60744 (Gateway API v1.6.0 graduated TCPRoute and UDPRoute to v1)",
  },
  {
    kind: "UDPRoute",
    standardSince: "1.6",
    source: "istio/istio#60744 (Gateway API v1.6.0 graduated TCPRoute and UDPRoute to v1)",
  },
];

/** The oldest bundle an Istio minor reads, per kind; older CRDs of that kind are ignored. */
export interface IstioGatewayApiMinimum {
  /** `1.30`. */
  readonly istio: string;
  /** Kind to bundle version; kinds not listed are read from any bundle. */
  readonly minimumBundle: Readonly<Record<string, string>>;
  readonly source: string;
}

export const ISTIO_GATEWAY_API_MINIMUMS: readonly IstioGatewayApiMinimum[] = [
  {
    istio: "1.30",
    minimumBundle: { ReferenceGrant: "1.5", TLSRoute: "1.5" },
    source:
      "istio/istio.io#17394 (1.30 upgrade note: Gateway API CRDs must be v1.5) and istio/istio#60357 (1.30 ignores older CRDs; read 2026-12-02)",
  },
  {
    istio: "1.31",
    minimumBundle: { ReferenceGrant: "1.5", TLSRoute: "1.5", TCPRoute: "1.6", UDPRoute: "1.6" },
    source:
      "issue 19 (1.31 sets a minimum bundle per kind: TLSRoute 1.5, TCPRoute 1.6), agentgateway/agentgateway#2432 and istio/istio#60744 (read 2026-12-02)",
  },
];

/** GKE installs the GA Gateway API CRDs itself from this Kubernetes minor on. */
export const GKE_MANAGED_GATEWAY_API_FROM = "1.34";

/** The first patch that does, for the reader. */
export const GKE_MANAGED_GATEWAY_API_VERSION = "1.34.0-gke.1626000";

export const GKE_MANAGED_GATEWAY_API_SOURCE =
  "llm-d.ai, Installing Gateway API CRDs (GKE installs all GA Gateway API CRDs on 1.34.0-gke.1626000 or later), and issue 19 (GKE 1.34 and later refuse experimental-channel CRDs); read 2026-12-02";

/**
 * istiod's switch for the experimental-channel (alpha) kinds: with it, istiod watches kinds that
 * only the experimental bundle carries (istio/istio#59387).
 */
export const ISTIO_ALPHA_GATEWAY_API_FLAG = "PILOT_ENABLE_ALPHA_GATEWAY_API";
