import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "./istio-versions";
import { EnvironmentConfig } from "./schema";

/**
 * Printed at synth for a cloud-service-mesh environment with STRICT mTLS and no port exception.
 * Google Cloud load balancers probe and reach NEG backends (container-native load balancing)
 * from outside the mesh, in plaintext, which a STRICT sidecar refuses: the backends turn
 * unhealthy. (Istio's PeerAuthentication reference, read 2026-12-02: port-level modes need a
 * selector and name the workload's port.)
 */
export const csmStrictLoadBalancerWarning = (environment: string) =>
  `Cloud Service Mesh in ${environment} with mtls STRICT: Google Cloud load balancer health checks and NEG traffic reach injected workloads in plaintext and are refused; list the ports they use in istio.mtlsPortExceptions (a port-level PERMISSIVE exception per workload), or set istio.mtlsPortExceptions: [] if no Google Cloud load balancer sends traffic to an injected workload`;

/** Warnings at synth about edits whose next step drops traffic unless taken in order. */
export function meshTransitionWarnings(env: EnvironmentConfig): string[] {
  const strict = (env.istio?.mtls ?? "STRICT") === "STRICT";
  const warnings: string[] = [];
  if (
    env.mode === "cloud-service-mesh" &&
    strict &&
    // An explicit empty list says no load balancer reaches an injected workload.
    env.istio?.mtlsPortExceptions === undefined
  ) {
    warnings.push(csmStrictLoadBalancerWarning(env.name));
  }
  return warnings;
}

/** `istio.mtlsPortExceptions` rules, as cross-field problems. */
export function portExceptionProblems(env: EnvironmentConfig): string[] {
  const exceptions = env.istio?.mtlsPortExceptions;
  if (!exceptions || exceptions.length === 0) return [];
  const at = "istio.mtlsPortExceptions";
  if (env.mode === "managed") {
    return [
      `${at}: applies to modes oss and cloud-service-mesh (a PeerAuthentication installed by Helm), got mode managed; remove it`,
    ];
  }
  if ((env.istio?.mtls ?? "STRICT") !== "STRICT") {
    return [
      `${at}: makes ports PERMISSIVE under a STRICT mesh, but istio.mtls is '${env.istio?.mtls}', which accepts plaintext everywhere already; remove it or set istio.mtls: STRICT`,
    ];
  }
  const layout = istioChartLayout(env.istio?.version ?? DEFAULT_ISTIO_VERSION);
  if (env.mode === "oss" && "layout" in layout && layout.layout === "legacy") {
    return [
      `${at}: needs the current charts (PeerAuthentication), got istio.version '${env.istio?.version}' (legacy charts); remove it or move to a current version`,
    ];
  }
  return [];
}
