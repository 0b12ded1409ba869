/**
 * Which Istio chart layout a version uses. Shared by the environment-file validation
 * (config/load.ts) and the IstioHelmInstall construct, so both say the same thing.
 */

/**
 * The default for oss environments: the newest 1.30 patch with a release announcement we could
 * cite, https://istio.io/latest/zh/news/releases/1.30.x/announcing-1.30.5/ (checked 2026-11).
 */
export const DEFAULT_ISTIO_VERSION = "1.30.5";

/** The oldest minor with the current layout: base, istiod and (new in 1.12) gateway. */
export const FIRST_CURRENT_MINOR = 12;

/** `legacy`: istio-init then istio (1.3, 1.4). `current`: base, istiod, gateway (1.12 and later). */
export type IstioChartLayout = "legacy" | "current";

/** What the version rule accepts, as printed in every rejection. */
export const SUPPORTED_ISTIO_VERSIONS = `1.3.x or 1.4.x (legacy charts istio-init and istio), or 1.${FIRST_CURRENT_MINOR}.x and later 1.x (current charts base, istiod, gateway), such as '${DEFAULT_ISTIO_VERSION}'`;

const EXACT = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The chart layout of a version, or what is wrong with it (the caller quotes the version). */
export function istioChartLayout(
  version: string,
): { layout: IstioChartLayout } | { problem: string } {
  const match = EXACT.exec(version);
  if (!match) {
    return {
      problem: `must be an exact Istio version MAJOR.MINOR.PATCH; supported: ${SUPPORTED_ISTIO_VERSIONS}`,
    };
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major === 1 && (minor === 3 || minor === 4)) return { layout: "legacy" };
  if (major === 1 && minor >= FIRST_CURRENT_MINOR) return { layout: "current" };
  const why =
    major === 1 && minor >= 5
      ? `Istio 1.5 to 1.${FIRST_CURRENT_MINOR - 1} have no chart layout this app installs`
      : "not a supported Istio version";
  return { problem: `${why}; supported: ${SUPPORTED_ISTIO_VERSIONS}` };
}
