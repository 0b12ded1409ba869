/**
 * Which Istio chart layout a version uses, and whether Istio released its minor. Shared by the
 * environment-file validation (config/load.ts) and the IstioHelmInstall construct, so both say
 * the same thing. The releases themselves are facts: facts/istio-releases.ts.
 */
import { IstioMinor, ISTIO_MINORS } from "../facts/istio-releases";

/**
 * The default for oss environments: the newest 1.31 patch Istio announced that we could find,
 * istio.io/latest/news/releases/1.31.x/announcing-1.31.1/ (published 2026-09-21, read 2026-12-02).
 */
export const DEFAULT_ISTIO_VERSION = "1.31.1";

/** The oldest minor with the current layout: base, istiod and (new in 1.12) gateway. */
export const FIRST_CURRENT_MINOR = 12;

/** `legacy`: istio-init then istio (1.3, 1.4). `current`: base, istiod, gateway (1.12 and later). */
export type IstioChartLayout = "legacy" | "current";

/** The newest minor of the release table. */
export const NEWEST_KNOWN_MINOR = ISTIO_MINORS[ISTIO_MINORS.length - 1].minor;

/** What the version rule accepts, as printed in every rejection. */
export const SUPPORTED_ISTIO_VERSIONS = `1.3.x or 1.4.x (legacy charts istio-init and istio), or 1.${FIRST_CURRENT_MINOR}.x to ${NEWEST_KNOWN_MINOR}.x (current charts base, istiod, gateway), such as '${DEFAULT_ISTIO_VERSION}'`;

const EXACT = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The release-table row of an exact version's minor, if Istio released that minor. */
export function istioMinorOf(version: string): IstioMinor | undefined {
  const match = EXACT.exec(version);
  return match ? ISTIO_MINORS.find((m) => m.minor === `${match[1]}.${match[2]}`) : undefined;
}

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
  const known = istioMinorOf(version) !== undefined;
  if (known && major === 1 && (minor === 3 || minor === 4)) return { layout: "legacy" };
  if (known && major === 1 && minor >= FIRST_CURRENT_MINOR) return { layout: "current" };
  let why = "not a supported Istio version";
  if (major === 1 && minor >= 5 && minor < FIRST_CURRENT_MINOR) {
    why = `Istio 1.5 to 1.${FIRST_CURRENT_MINOR - 1} have no chart layout this app installs`;
  } else if (major === 1 && minor > FIRST_CURRENT_MINOR) {
    // Newer than the table (a release after it was read, or a typo): its charts are unknown here.
    why = `Istio ${major}.${minor} is not a minor Istio has released as far as this tool knows (newest: ${NEWEST_KNOWN_MINOR}, facts/istio-releases.ts)`;
  }
  return { problem: `${why}; supported: ${SUPPORTED_ISTIO_VERSIONS}` };
}
