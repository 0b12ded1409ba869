import {
  CONFIG_NAMES,
  LEGACY_HELM3_VERSION,
  LegacySettings,
  legacyHelm3Problem,
  SettingNames,
} from "../../config/helm3-rules";

const settings = (over: Partial<LegacySettings> = {}): LegacySettings => ({
  profile: "default",
  profileValues: {},
  ingressGateway: false,
  ...over,
});
const TAIL =
  `: the 1.3 istio chart's gateways role.yaml and rolebindings.yaml use '($spec.sds) and ...', which Helm 3 refuses ` +
  `("can't give argument to non-function $spec.sds"); use istio.version '1.4.10' (same charts and values, renders), or `;
/** The gateways a problem names, with what enabled each; [] when the settings render. */
const enabled = (over: Partial<LegacySettings>, version = "1.3.3") =>
  /got (.*?): the 1\.3/.exec(legacyHelm3Problem(version, settings(over)) ?? "")?.[1] ?? "none";

describe("legacyHelm3Problem", () => {
  test("the whole message for the ingress gateway, the construct's default", () => {
    expect(LEGACY_HELM3_VERSION).toBe("1.4.10");
    expect(legacyHelm3Problem("1.3.3", settings({ ingressGateway: true }))).toBe(
      "istio.version: '1.3.3' cannot render under Helm 3 with a gateway enabled, got " +
        "istio-ingressgateway (enabled by istio.ingressGateway, default true)" +
        TAIL +
        "set istio.ingressGateway: false",
    );
  });

  test("only 1.3.x: other versions render every gateway", () => {
    const on = settings({ ingressGateway: true });
    expect(["1.3.0", "1.3.12"].map((v) => legacyHelm3Problem(v, on) !== undefined)).toEqual([
      true,
      true,
    ]);
    expect(
      ["1.4.10", "1.3", "11.3.3", "1.33.0", "1.3.3-beta", "v1.3.3", "1.30.5"].map((v) =>
        legacyHelm3Problem(v, on),
      ),
    ).toEqual(Array(7).fill(undefined));
  });

  test("no gateway enabled renders", () => {
    expect(legacyHelm3Problem("1.3.3", settings())).toBeUndefined();
  });

  test("each layer overrides the one before: chart defaults, profile, ingressGateway, values", () => {
    const egressOn = { gateways: { "istio-egressgateway": { enabled: true } } };
    expect(enabled({ profile: "demo", profileValues: egressOn })).toBe(
      "istio-egressgateway (enabled by istio.profile 'demo')",
    );
    expect(enabled({ values: egressOn })).toBe(
      "istio-egressgateway (enabled by istio.values.gateways.istio-egressgateway.enabled)",
    );
    // values switch off what the profile switched on, and ingressGateway what values did not.
    expect(
      enabled({
        profileValues: egressOn,
        ingressGateway: true,
        values: { gateways: { "istio-egressgateway": { enabled: false } } },
      }),
    ).toBe("istio-ingressgateway (enabled by istio.ingressGateway, default true)");
    expect(
      enabled({
        profileValues: { gateways: { "istio-ingressgateway": { enabled: true } } },
        ingressGateway: false,
      }),
    ).toBe("none");
    // The chart's own defaults keep the ilb gateway off unless something turns it on.
    expect(enabled({ values: { gateways: { "istio-ilbgateway": {} } } })).toBe("none");
  });

  test("several gateways: sorted by name, each fix said once", () => {
    const problem = legacyHelm3Problem(
      "1.3.3",
      settings({
        profile: "demo",
        profileValues: {
          gateways: {
            "istio-ilbgateway": { enabled: true },
            "istio-egressgateway": { enabled: true },
          },
        },
        ingressGateway: true,
      }),
    );
    expect(problem).toMatch(
      /got istio-egressgateway \(enabled by istio.profile 'demo'\), istio-ilbgateway \(enabled by istio.profile 'demo'\), istio-ingressgateway \(enabled by istio.ingressGateway, default true\): /,
    );
    expect(problem).toMatch(
      /, or use istio.profile 'default' and set istio.ingressGateway: false$/,
    );
    // In name order, not the order the settings list them.
    expect(
      enabled({
        values: { gateways: { "zeta-gw": { enabled: true }, "alpha-gw": { enabled: true } } },
      }),
    ).toMatch(/^alpha-gw .*, zeta-gw /);
  });

  test("the gateways subchart's switch, read as Go's if reads it: values first, then the profile", () => {
    const ingress = { ingressGateway: true };
    const off = (enabled: unknown) => ({ ...ingress, values: { gateways: { enabled } } });
    expect([false, 0, "", [], {}].map((v) => enabled(off(v)))).toEqual(Array(5).fill("none"));
    // null deletes the key in Helm: the chart's default (enabled) applies.
    expect([true, 1, "x", [0], { a: 1 }, null].map((v) => enabled(off(v)) !== "none")).toEqual(
      Array(6).fill(true),
    );
    expect(enabled({ ...ingress, profileValues: { gateways: { enabled: false } } })).toBe("none");
    expect(
      enabled({
        ...ingress,
        profileValues: { gateways: { enabled: false } },
        values: { gateways: { enabled: true } },
      }),
    ).not.toBe("none");
  });

  test("a gateway's enabled is read the Go way too; a gateway that is not a map is skipped", () => {
    const gateway = (spec: unknown) => ({
      values: { gateways: { "istio-egressgateway": spec } },
    });
    expect(enabled(gateway({ enabled: "yes" }))).toMatch(/^istio-egressgateway/);
    expect(enabled(gateway({ enabled: 0 }))).toBe("none");
    expect(enabled(gateway([{ enabled: true }]))).toBe("none");
    expect(enabled(gateway(null))).toBe("none");
    expect(enabled({ values: { gateways: [] } })).toBe("none");
    expect(enabled({ values: { gateways: "on" } })).toBe("none");
  });

  test("the caller's names for its settings (the construct's props)", () => {
    const names: SettingNames = {
      version: "'version'",
      profile: "'profile'",
      ingressGateway: "'ingressGateway'",
      values: "'values'",
    };
    expect(CONFIG_NAMES.values).toBe("istio.values");
    expect(
      legacyHelm3Problem(
        "1.3.3",
        settings({ values: { gateways: { "istio-egressgateway": { enabled: true } } } }),
        names,
      ),
    ).toBe(
      "'version': '1.3.3' cannot render under Helm 3 with a gateway enabled, got istio-egressgateway (enabled by 'values'.gateways.istio-egressgateway.enabled): " +
        TAIL.slice(2).replace("istio.version", "'version'") +
        "remove 'values'.gateways.istio-egressgateway.enabled",
    );
  });
});
