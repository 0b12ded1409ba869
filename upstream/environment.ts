/**
 * What an environment takes from upstream: its chart repository and hub, the Istio versions it
 * pins, and the charts and images those versions install.
 */
import { DEFAULT_ISTIO_VERSION, istioChartLayout } from "../config/istio-versions";
import { EnvironmentConfig } from "../config/schema";
import { ISTIO_CHART_REPOSITORY, ISTIO_HUB, legacyChartRepository } from "../facts/istio-hosting";

/** A source of charts or images, and where it comes from. */
export interface Source {
  readonly value: string;
  /** As the report names it: `istio.hub`, `istio.hub (default)`, `istio.version (legacy charts)`. */
  readonly field: string;
}

/**
 * The environment's chart repository and hub: `istio.chartRepository` and `istio.hub` when the
 * environment file has them, else where Istio publishes today (facts/istio-hosting.ts).
 */
export function istioSources(env: EnvironmentConfig): { chartRepository: Source; hub: Source } {
  const istio = env.istio ?? {};
  const source = (key: "chartRepository" | "hub", fallback: string): Source => {
    const value = istio[key];
    return value
      ? { value, field: `istio.${key}` }
      : { value: fallback, field: `istio.${key} (default)` };
  };
  return {
    chartRepository: source("chartRepository", ISTIO_CHART_REPOSITORY),
    hub: source("hub", ISTIO_HUB),
  };
}

/** One Istio version an environment installs, with the charts and images it pulls. */
export interface PinnedIstio {
  readonly version: string;
  /** `istio.version`, `istio.revisions[1].version`, or `istio.version (default)`. */
  readonly field: string;
  readonly repository: Source;
  readonly charts: readonly string[];
  readonly images: readonly string[];
}

/** The Istio versions an oss environment installs; none in the other modes (Google runs Istio). */
export function pinnedIstio(env: EnvironmentConfig): PinnedIstio[] {
  if (env.mode !== "oss") return [];
  const istio = env.istio ?? {};
  const pins = istio.revisions
    ? istio.revisions.map((r, i) => ({
        version: r.version,
        field: `istio.revisions[${i}].version`,
      }))
    : [
        istio.version === undefined
          ? { version: DEFAULT_ISTIO_VERSION, field: "istio.version (default)" }
          : { version: istio.version, field: "istio.version" },
      ];
  const { chartRepository } = istioSources(env);
  const mirrored = env.istio?.chartRepository !== undefined;
  const ambient = istio.dataplane === "ambient";
  return pins.map(({ version, field }) => {
    const checked = istioChartLayout(version);
    if ("layout" in checked && checked.layout === "legacy") {
      return {
        version,
        field,
        repository: mirrored
          ? chartRepository
          : { value: legacyChartRepository(version), field: `${field} (legacy charts)` },
        charts: ["istio-init", "istio"],
        images: ["pilot", "proxyv2"],
      };
    }
    return {
      version,
      field,
      repository: chartRepository,
      charts: [
        "base",
        "istiod",
        ...(istio.ingressGateway === false ? [] : ["gateway"]),
        ...(ambient ? ["cni", "ztunnel"] : []),
      ],
      images: ["pilot", "proxyv2", ...(ambient ? ["install-cni", "ztunnel"] : [])],
    };
  });
}
