import { parseConfig } from "../../config/load";
import { supportsAmbient, wantsWaypoint } from "../../config/ambient-rules";
import { configProblems, environment } from "../fixtures";

/** The problems parseConfig reports for one environment, without the file prefix. */
function problemsOf(env: Record<string, unknown>): string[] {
  return configProblems(() => parseConfig({ environments: [env] }, "envs.yaml"));
}

const ambient = (istio: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) =>
  environment({ mode: "oss", istio: { dataplane: "ambient", ...istio }, ...rest });

describe("ambient mode in the environment file", () => {
  test("ambient with waypoints is valid in oss mode on current charts", () => {
    expect(
      problemsOf(
        ambient(
          {
            version: "1.24.0",
            injectionNamespaces: ["default", { name: "shop", waypoint: true }],
          },
          // A Kubernetes Istio 1.24 supports (1.28 to 1.31).
          { cluster: { minMasterVersion: "1.31" } },
        ),
      ),
    ).toEqual([]);
    expect(problemsOf(ambient())).toEqual([]);
    // sidecar, the default, stays valid in every mode.
    expect(problemsOf(environment({ istio: { dataplane: "sidecar" } }))).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "ambient outside oss mode",
      environment({ mode: "cloud-service-mesh", istio: { dataplane: "ambient" } }),
      "environments[0] (test): istio.dataplane: 'ambient' applies to mode oss only (the istio-cni and ztunnel charts installed by Helm), got mode cloud-service-mesh; remove it or set mode: oss",
    ],
    [
      "ambient before 1.24",
      ambient({ version: "1.23.6" }, { cluster: { minMasterVersion: "1.30" } }),
      "environments[0] (test): istio.dataplane: 'ambient' needs istio.version 1.24.0 or later (ambient is GA since Istio 1.24), got '1.23.6'; set istio.version such as '1.31.1', or remove istio.dataplane",
    ],
    [
      "ambient on the legacy charts",
      ambient({ version: "1.4.10" }),
      "environments[0] (test): istio.dataplane: 'ambient' needs istio.version 1.24.0 or later (ambient is GA since Istio 1.24), got '1.4.10'; set istio.version such as '1.31.1', or remove istio.dataplane",
    ],
    [
      "a waypoint with sidecars",
      environment({
        mode: "oss",
        istio: { injectionNamespaces: ["default", { name: "shop", waypoint: true }] },
      }),
      "environments[0] (test): istio.injectionNamespaces[1].waypoint: true needs istio.dataplane: ambient (a waypoint is ambient's L7 proxy), got dataplane 'sidecar'; set istio.dataplane: ambient or remove waypoint",
    ],
    [
      "a waypoint without the Gateway API",
      ambient(
        { injectionNamespaces: [{ name: "shop", waypoint: true }] },
        { cluster: { gatewayApi: false } },
      ),
      "environments[0] (test): cluster.gatewayApi: false, but istio.injectionNamespaces[0] ('shop') asks for a waypoint, which is a Gateway API Gateway; set cluster.gatewayApi: true or remove the waypoint",
    ],
    [
      "ambient with istiod revisions",
      ambient({ revisions: [{ version: "1.30.5" }] }),
      "environments[0] (test): istio.revisions: 1 revision(s) together with istio.dataplane 'ambient', which this project installs without revisions (revisioned ambient upgrades are out of scope); remove istio.revisions and set istio.version, or set istio.dataplane: sidecar",
    ],
    [
      "an unknown dataplane",
      ambient({ dataplane: "sidecarless" }),
      `environments[0] (test): istio.dataplane: must be one of sidecar, ambient, got "sidecarless"`,
    ],
    [
      "an unknown key in a namespace entry",
      ambient({ injectionNamespaces: [{ name: "shop", waypiont: true }] }),
      "environments[0] (test): istio.injectionNamespaces[0].waypiont: unknown key, did you mean 'waypoint'? allowed keys are name, revision, waypoint, create",
    ],
  ])("%s is refused with one pinned line", (_, env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  test("a malformed version is reported once, by the version rule", () => {
    const problems = problemsOf(ambient({ version: "1.30" }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^environments\[0\] \(test\): istio\.version: must be an exact/);
  });

  test("supportsAmbient: exact versions 1.24.0 and later only", () => {
    expect(["1.24.0", "1.24.10", "1.30.5", "1.100.0"].map(supportsAmbient)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ["1.23.9", "1.4.10", "2.0.0", "1.30", "21.24.0", "1.24.0-rc.1"].map(supportsAmbient),
    ).toEqual([false, false, false, false, false, false]);
  });

  test("outside oss mode, an old version is not reported twice", () => {
    expect(
      problemsOf(
        environment({ mode: "managed", istio: { dataplane: "ambient", version: "1.22.0" } }),
      ),
    ).toEqual([
      "environments[0] (test): istio.version: applies to mode oss only (Istio installed by Helm), got it with mode managed; remove it or set mode: oss",
      "environments[0] (test): istio.dataplane: 'ambient' applies to mode oss only (the istio-cni and ztunnel charts installed by Helm), got mode managed; remove it or set mode: oss",
    ]);
  });

  test("no istio section and the Gateway API off: nothing to say", () => {
    expect(problemsOf(environment({ cluster: { gatewayApi: false } }))).toEqual([]);
    expect(problemsOf(environment({ mode: "oss", cluster: { gatewayApi: false } }))).toEqual([]);
  });
});

describe("wantsWaypoint", () => {
  test("only a namespace with waypoint: true asks for one", () => {
    const wants = (injectionNamespaces: unknown[]) =>
      wantsWaypoint(parseConfig({ environments: [ambient({ injectionNamespaces })] })[0]);
    expect([
      wants(["shop"]),
      wants([{ name: "shop", waypoint: false }]),
      wants([{ name: "shop" }, { name: "web", waypoint: true }]),
    ]).toEqual([false, false, true]);
  });
});
