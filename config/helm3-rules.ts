/**
 * Settings under which a chart version cannot render with Helm 3, the Helm that the helm
 * provider embeds. Shared by the environment-file rules (config/cross-field-rules.ts) and the
 * IstioHelmInstall construct, so both refuse the same combinations with the same reason.
 * Evidence: docs/helm-rendering.md ("What synth refuses").
 */

/** The legacy version whose chart renders every setting a 1.3.x environment can hold. */
export const LEGACY_HELM3_VERSION = "1.4.10";

/** How the caller names its settings: environment-file paths or construct props. */
export interface SettingNames {
  readonly version: string;
  readonly profile: string;
  readonly ingressGateway: string;
  readonly values: string;
}

export const CONFIG_NAMES: SettingNames = {
  version: "istio.version",
  profile: "istio.profile",
  ingressGateway: "istio.ingressGateway",
  values: "istio.values",
};

export interface LegacySettings {
  readonly profile: string;
  /** The profile's values, as the construct writes them. */
  readonly profileValues: Record<string, unknown>;
  readonly ingressGateway: boolean;
  readonly values?: Record<string, unknown>;
}

/**
 * Istio 1.3's `istio` chart tests `{{ if ($spec.sds) and (eq $spec.sds.enabled true) }}` for
 * every enabled gateway (charts/gateways/templates/role.yaml, rolebindings.yaml). The Go
 * templates of Helm 3 refuse that ("can't give argument to non-function $spec.sds"); Helm 2
 * accepted it. Istio fixed it in 1.4 (nested ifs). So 1.3.x renders only with no gateway.
 * Returns the one-line problem (field path first), or undefined when the settings render.
 */
export function legacyHelm3Problem(
  version: string,
  settings: LegacySettings,
  names: SettingNames = CONFIG_NAMES,
): string | undefined {
  if (!/^1\.3\.\d+$/.test(version)) return undefined;
  const enabled = enabledGateways(settings, names);
  if (enabled.length === 0) return undefined;
  const which = enabled.map((g) => `${g.name} (enabled by ${g.source})`).join(", ");
  const fixes = enabled.map((g) => g.fix).filter((f, i, all) => all.indexOf(f) === i);
  return (
    `${names.version}: '${version}' cannot render under Helm 3 with a gateway enabled, got ${which}: ` +
    `the 1.3 istio chart's gateways role.yaml and rolebindings.yaml use '($spec.sds) and ...', which Helm 3 refuses ` +
    `("can't give argument to non-function $spec.sds"); ` +
    `use ${names.version} '${LEGACY_HELM3_VERSION}' (same charts and values, renders), or ${fixes.join(" and ")}`
  );
}

interface EnabledGateway {
  readonly name: string;
  readonly source: string;
  readonly fix: string;
}

/** The gateways the chart's range would reach, with the setting that enabled each. */
function enabledGateways(settings: LegacySettings, names: SettingNames): EnabledGateway[] {
  const fromProfile = mapAt(settings.profileValues, "gateways");
  const fromValues = mapAt(settings.values, "gateways");
  // The gateways subchart's own switch (requirements.yaml: condition gateways.enabled).
  const subchart = fromValues.enabled ?? fromProfile.enabled ?? true;
  if (!goTruthy(subchart)) return [];
  // 1.3 chart defaults: only istio-ingressgateway is enabled (and the construct always sets it).
  const layers: [Record<string, unknown>, (name: string) => Omit<EnabledGateway, "name">][] = [
    [
      { "istio-egressgateway": { enabled: false }, "istio-ilbgateway": { enabled: false } },
      () => ({ source: "the chart's defaults", fix: "" }),
    ],
    [
      fromProfile,
      () => ({
        source: `${names.profile} '${settings.profile}'`,
        fix: `use ${names.profile} 'default'`,
      }),
    ],
    [
      { "istio-ingressgateway": { enabled: settings.ingressGateway } },
      () => ({
        source: `${names.ingressGateway}, default true`,
        fix: `set ${names.ingressGateway}: false`,
      }),
    ],
    [
      fromValues,
      (name) => ({
        source: `${names.values}.gateways.${name}.enabled`,
        fix: `remove ${names.values}.gateways.${name}.enabled`,
      }),
    ],
  ];
  const decided = new Map<string, { on: boolean; why: Omit<EnabledGateway, "name"> }>();
  for (const [layer, why] of layers) {
    for (const [name, spec] of Object.entries(layer)) {
      if (name === "enabled") continue;
      const on = isMap(spec) ? spec.enabled : undefined;
      if (on !== undefined) decided.set(name, { on: goTruthy(on), why: why(name) });
    }
  }
  return [...decided.entries()]
    .filter(([, d]) => d.on)
    .map(([name, d]) => ({ name, ...d.why }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const mapAt = (values: Record<string, unknown> | undefined, key: string) => {
  const v = values?.[key];
  return isMap(v) ? v : {};
};

/** Go templates' `if`: false, 0, "", nil and empty collections are false. */
function goTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}
