import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "./istio-versions";
import { injectionNamespaces } from "./istio-schema";
import { EnvironmentConfig } from "./schema";

/** Ambient mode is GA from this Istio minor on (istio.io, "Ambient mode is now GA", 1.24). */
export const FIRST_AMBIENT_MINOR = 24;

/** Is this exact version 1.24.0 or later? Malformed versions are the version rule's business. */
export function supportsAmbient(version: string): boolean {
  const match = /^1\.(\d+)\.\d+$/.exec(version);
  return match !== null && Number(match[1]) >= FIRST_AMBIENT_MINOR;
}

/** Does any namespace of this environment ask for a waypoint? */
export function wantsWaypoint(env: EnvironmentConfig): boolean {
  return injectionNamespaces(env.istio).some((entry) => entry.waypoint === true);
}

/**
 * The ambient data plane's rules, in the cross-field format
 * `<field path>: <what is wrong>; <what is allowed>`. GKE Autopilot and GKE Sandbox node pools
 * cannot run ambient, but the environment file can express neither, so no rule names them.
 */
export function ambientProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const dataplane = env.istio?.dataplane ?? "sidecar";
  const ambient = dataplane === "ambient";
  if (ambient && env.mode !== "oss") {
    problems.push(
      `istio.dataplane: 'ambient' applies to mode oss only (the istio-cni and ztunnel charts installed by Helm), got mode ${env.mode}; remove it or set mode: oss`,
    );
  }
  const version = env.istio?.version ?? DEFAULT_ISTIO_VERSION;
  // Outside oss mode, or with a malformed version, other rules already say what is wrong.
  const validVersion = "layout" in istioChartLayout(version);
  if (ambient && env.mode === "oss" && validVersion) {
    if (!supportsAmbient(version)) {
      problems.push(
        `istio.dataplane: 'ambient' needs istio.version 1.${FIRST_AMBIENT_MINOR}.0 or later (ambient is GA since Istio 1.${FIRST_AMBIENT_MINOR}), got '${version}'; set istio.version such as '${DEFAULT_ISTIO_VERSION}', or remove istio.dataplane`,
      );
    }
  }
  if (ambient && env.istio?.revisions) {
    problems.push(
      `istio.revisions: ${env.istio.revisions.length} revision(s) together with istio.dataplane 'ambient', which this project installs without revisions (revisioned ambient upgrades are out of scope); remove istio.revisions and set istio.version, or set istio.dataplane: sidecar`,
    );
  }
  injectionNamespaces(env.istio).forEach((entry, i) => {
    if (!entry.waypoint) return;
    const at = `istio.injectionNamespaces[${i}]`;
    if (!ambient) {
      problems.push(
        `${at}.waypoint: true needs istio.dataplane: ambient (a waypoint is ambient's L7 proxy), got dataplane '${dataplane}'; set istio.dataplane: ambient or remove waypoint`,
      );
    }
    if (env.cluster?.gatewayApi === false) {
      problems.push(
        `cluster.gatewayApi: false, but ${at} ('${entry.name}') asks for a waypoint, which is a Gateway API Gateway; set cluster.gatewayApi: true or remove the waypoint`,
      );
    }
  });
  return problems;
}
