import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "../../config/istio-versions";
import { ISTIO_MINORS } from "../../facts/istio-releases";
import { configProblems, environment, parseEnvironments } from "../fixtures";

const SUPPORTED =
  "supported: 1.3.x or 1.4.x (legacy charts istio-init and istio), or 1.12.x to 1.31.x (current charts base, istiod, gateway), such as '1.31.1'";

/** The environment file's one-line problems for an oss environment with these istio settings. */
function problemsOf(istio: Record<string, unknown>, minMasterVersion?: string): string[] {
  return configProblems(() => {
    const cluster = minMasterVersion ? { cluster: { minMasterVersion } } : {};
    parseEnvironments(environment({ name: "t", mode: "oss", istio, ...cluster }));
  });
}

describe("Istio version rule", () => {
  test.each([
    ["1.3.3", "legacy", ""],
    ["1.4.10", "legacy", ""],
    // On a Kubernetes it supports (1.19 to 1.22), not the channel's default.
    ["1.12.0", "current", "1.22"],
    ["1.30.5", "current", ""],
    ["1.31.0", "current", ""],
  ])("%s uses the %s charts", (version, layout, minMasterVersion) => {
    expect(istioChartLayout(version)).toEqual({ layout });
    // 1.3.x renders under Helm 3 only without gateways (below).
    expect(problemsOf({ version, ingressGateway: false }, minMasterVersion)).toEqual([]);
  });

  test("the default is the newest 1.31 patch Istio announced, the table's newest", () => {
    expect(DEFAULT_ISTIO_VERSION).toBe("1.31.1");
    expect(ISTIO_MINORS.at(-1)!.patches.at(-1)).toBe(DEFAULT_ISTIO_VERSION);
  });

  test.each([
    [
      "1.5.0",
      `Istio 1.5 to 1.11 have no chart layout this app installs; ${SUPPORTED}, got "1.5.0"`,
    ],
    [
      "1.11.8",
      `Istio 1.5 to 1.11 have no chart layout this app installs; ${SUPPORTED}, got "1.11.8"`,
    ],
    ["1.2.9", `not a supported Istio version; ${SUPPORTED}, got "1.2.9"`],
    // Minors Istio has not released (as far as the table knows) are refused, not guessed at.
    [
      "1.32.0",
      `Istio 1.32 is not a minor Istio has released as far as this tool knows (newest: 1.31, facts/istio-releases.ts); ${SUPPORTED}, got "1.32.0"`,
    ],
    [
      "1.99.0",
      `Istio 1.99 is not a minor Istio has released as far as this tool knows (newest: 1.31, facts/istio-releases.ts); ${SUPPORTED}, got "1.99.0"`,
    ],
    ["2.0.0", `not a supported Istio version; ${SUPPORTED}, got "2.0.0"`],
    // Another major's minors 3, 4, 5 to 11 or 12 and later are not 1.x's.
    ["2.3.0", `not a supported Istio version; ${SUPPORTED}, got "2.3.0"`],
    ["2.5.0", `not a supported Istio version; ${SUPPORTED}, got "2.5.0"`],
    ["2.12.0", `not a supported Istio version; ${SUPPORTED}, got "2.12.0"`],
    ["12.0.0", `not a supported Istio version; ${SUPPORTED}, got "12.0.0"`],
    ["1.30.5.1", `must be an exact Istio version MAJOR.MINOR.PATCH; ${SUPPORTED}, got "1.30.5.1"`],
    ["1.30", `must be an exact Istio version MAJOR.MINOR.PATCH; ${SUPPORTED}, got "1.30"`],
    ["v1.30.5", `must be an exact Istio version MAJOR.MINOR.PATCH; ${SUPPORTED}, got "v1.30.5"`],
    ["1.30.x", `must be an exact Istio version MAJOR.MINOR.PATCH; ${SUPPORTED}, got "1.30.x"`],
    ["1.030.1", `must be an exact Istio version MAJOR.MINOR.PATCH; ${SUPPORTED}, got "1.030.1"`],
  ])("%s is an environment-file error", (version, message) => {
    expect(problemsOf({ version })).toEqual([`environments[0] (t): istio.version: ${message}`]);
  });

  test("a profile other than default needs the legacy charts, the default version included", () => {
    expect(problemsOf({ version: "1.30.5", profile: "demo" })).toEqual([
      "environments[0] (t): istio.profile: 'demo' applies to the legacy charts (istio.version 1.3.x or 1.4.x) only, got istio.version '1.30.5'; remove it and put chart values in istio.values",
    ]);
    expect(problemsOf({ profile: "sds" })).toEqual([
      "environments[0] (t): istio.profile: 'sds' applies to the legacy charts (istio.version 1.3.x or 1.4.x) only, got istio.version '1.31.1'; remove it and put chart values in istio.values",
    ]);
    expect(problemsOf({ version: "1.4.10", profile: "demo" })).toEqual([]);
    expect(problemsOf({ version: "1.30.5", profile: "default" })).toEqual([]);
  });
});

describe("Helm 3 rule: settings whose chart cannot render are refused", () => {
  const WHY = `the 1.3 istio chart's gateways role.yaml and rolebindings.yaml use '($spec.sds) and ...', which Helm 3 refuses ("can't give argument to non-function $spec.sds"); use istio.version '1.4.10' (same charts and values, renders)`;

  test.each([
    [
      "the article's settings: 1.3.3, default profile, its ingress gateway",
      { version: "1.3.3", profile: "default" },
      `istio.version: '1.3.3' cannot render under Helm 3 with a gateway enabled, got istio-ingressgateway (enabled by istio.ingressGateway, default true): ${WHY}, or set istio.ingressGateway: false`,
    ],
    [
      "the demo profile's egress gateway",
      { version: "1.3.8", profile: "demo", ingressGateway: false },
      `istio.version: '1.3.8' cannot render under Helm 3 with a gateway enabled, got istio-egressgateway (enabled by istio.profile 'demo'): ${WHY}, or use istio.profile 'default'`,
    ],
    [
      "a gateway enabled in istio.values",
      {
        version: "1.3.3",
        profile: "sds",
        values: { gateways: { "istio-ilbgateway": { enabled: true } } },
      },
      `istio.version: '1.3.3' cannot render under Helm 3 with a gateway enabled, got istio-ilbgateway (enabled by istio.values.gateways.istio-ilbgateway.enabled), istio-ingressgateway (enabled by istio.ingressGateway, default true): ${WHY}, or remove istio.values.gateways.istio-ilbgateway.enabled and set istio.ingressGateway: false`,
    ],
  ])("%s", (_what, istio, message) => {
    expect(problemsOf(istio)).toEqual([`environments[0] (t): ${message}`]);
  });

  test.each([
    ["1.3.3 without gateways", { version: "1.3.3", ingressGateway: false }],
    ["1.3.3 minimal (no gateways subchart)", { version: "1.3.3", profile: "minimal" }],
    [
      "1.3.3 with the gateways subchart off in istio.values",
      { version: "1.3.3", profile: "demo", values: { gateways: { enabled: false } } },
    ],
    ["1.4.10, the article's settings", { version: "1.4.10", profile: "default" }],
    ["1.4.10 demo", { version: "1.4.10", profile: "demo" }],
  ])("renders, so it is accepted: %s", (_what, istio) => {
    expect(problemsOf(istio)).toEqual([]);
  });
});
