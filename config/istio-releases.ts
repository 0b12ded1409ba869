/**
 * Is each Istio version of an environment a release Istio announced, and is its minor still
 * supported? Unknown minors are refused by the version rule (config/istio-versions.ts); what is
 * here only warns, because the release table can lag behind upstream: a patch newer than the
 * table is fine, and support ends with time, not with a change of the file. The strict mode
 * (GKE_ISTIO_STRICT=1, see config/load.ts) turns these warnings into errors.
 */
import { DEFAULT_ISTIO_VERSION, istioMinorOf } from "./istio-versions";
import { EnvironmentConfig } from "./schema";

/** Today as YYYY-MM-DD in UTC: the end-of-support check's clock. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** Where an unknown patch should be checked. */
const releasesPage = (minor: string) => `https://istio.io/latest/news/releases/${minor}.x/`;

/**
 * One line per problem of one version at `field` (`istio.version`), as of `today` (YYYY-MM-DD):
 * a patch the table does not list, a minor past its end of support. Unknown minors: none here.
 */
export function istioReleaseWarnings(field: string, version: string, today: string): string[] {
  const row = istioMinorOf(version);
  if (!row) return [];
  const warnings: string[] = [];
  if (!row.patches.includes(version)) {
    const [first, last] = [row.patches[0], row.patches[row.patches.length - 1]];
    warnings.push(
      `${field}: '${version}' is not a ${row.minor} patch Istio announced as far as this tool knows (${first} to ${last}, facts/istio-releases.ts); if it is newer, check ${releasesPage(row.minor)} before applying, else use '${last}'`,
    );
  }
  if (row.endOfSupport && row.endOfSupport < today) {
    warnings.push(
      `${field}: Istio ${row.minor} ('${version}') reached its end of support on ${row.endOfSupport} and gets no more security fixes; upgrade to a supported minor such as '${DEFAULT_ISTIO_VERSION}' (docs/istio-upgrades.md)`,
    );
  }
  return warnings;
}

/**
 * Every release warning of an oss environment: `istio.version` (its default included, which ages
 * too) or each `istio.revisions[i].version`. Other modes install no Istio release of ours.
 */
export function environmentReleaseWarnings(env: EnvironmentConfig, today: string): string[] {
  if (env.mode !== "oss") return [];
  const revisions = env.istio?.revisions;
  if (revisions) {
    return revisions.flatMap((r, i) =>
      istioReleaseWarnings(`istio.revisions[${i}].version`, r.version, today),
    );
  }
  return istioReleaseWarnings("istio.version", env.istio?.version ?? DEFAULT_ISTIO_VERSION, today);
}
