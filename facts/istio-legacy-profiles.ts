/**
 * The legacy Istio charts' (1.3.x and 1.4.x, `install/kubernetes/helm/istio`) profiles: each
 * values-istio-<profile>.yaml written out as values. Part of facts/, the lowest layer: it imports
 * nothing. constructs/istio-helm-install.ts installs them; config/cross-field-rules.ts checks
 * istio.values against them.
 *
 * Source: istio/istio release-1.4, install/kubernetes/helm/istio/values-istio-{demo,minimal,sds}.yaml
 * (the `default` profile is the chart's own values.yaml, so no values). Carried since the oss mode
 * arrived (commit 25c5e15); moved here unchanged on 2026-12-02, not re-read then.
 */

export type LegacyProfile = "default" | "demo" | "minimal" | "sds";

/**
 * The legacy chart's values-istio-<profile>.yaml, written out as values: a helm_release can
 * only name a values file by reading it locally, and these files live inside the remote chart.
 */
export const LEGACY_PROFILE_VALUES: Readonly<Record<LegacyProfile, Record<string, unknown>>> = {
  default: {},
  demo: {
    global: { proxy: { accessLogFile: "/dev/stdout" }, disablePolicyChecks: false },
    pilot: { traceSampling: 100.0 },
    mixer: { adapters: { stdio: { enabled: true } } },
    grafana: { enabled: true },
    tracing: { enabled: true },
    kiali: { enabled: true, createDemoSecret: true },
    gateways: { "istio-egressgateway": { enabled: true } },
  },
  minimal: {
    global: { useMCP: false },
    pilot: { enabled: true, sidecar: false },
    gateways: { enabled: false },
    security: { enabled: false },
    sidecarInjectorWebhook: { enabled: false },
    galley: { enabled: false },
    mixer: { policy: { enabled: false }, telemetry: { enabled: false } },
    prometheus: { enabled: false },
  },
  sds: {
    global: {
      sds: { enabled: true, udsPath: "unix:/var/run/sds/uds_path", token: { aud: "istio-ca" } },
    },
    nodeagent: {
      enabled: true,
      image: "node-agent-k8s",
      env: { CA_PROVIDER: "Citadel", CA_ADDR: "istio-citadel:8060", VALID_TOKEN: true },
    },
  },
};
