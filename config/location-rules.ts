import { GCP_LOCATIONS_READ, GCP_REGIONS } from "../facts/gcp-locations";
import { nearest } from "./schema-primitives";
import { EnvironmentConfig, isZone, regionOf } from "./schema";

/** The environment key that lets a location the table does not list through, with a warning. */
export const ALLOW_UNLISTED_LOCATION = "allowUnlistedLocation";

const REGIONS = GCP_REGIONS.map((r) => r.region);
const zonesOf = (region: string): string[] | undefined =>
  GCP_REGIONS.find((r) => r.region === region)?.zones.map((z) => `${region}-${z}`);

/** Why `location` (a region or zone, well formed) is not in the table, or undefined when it is. */
export function unlistedLocation(location: string): string | undefined {
  const region = regionOf(location);
  const zones = zonesOf(region);
  if (!zones) {
    const near = nearest(region, REGIONS);
    return `'${location}' is not a GCP region this tool knows${near ? ` (did you mean '${isZone(location) ? location.replace(region, near) : near}'?)` : ""}`;
  }
  if (isZone(location) && !zones.includes(location)) {
    const near = nearest(location, zones);
    return `'${location}' is not a zone of ${region}${near ? ` (did you mean '${near}'?)` : ""}; its zones are ${zones.join(", ")}`;
  }
  return undefined;
}

/** Every location-like field of an environment: the cluster's location and its node zones. */
function locationFields(env: EnvironmentConfig): [string, string][] {
  return [
    ["location", env.location],
    ...(env.cluster?.nodeLocations ?? []).map((zone, i): [string, string] => [
      `cluster.nodeLocations[${i}]`,
      zone,
    ]),
  ];
}

/** Locations not in facts/gcp-locations.ts, refused unless `allowUnlistedLocation: true`. */
export function locationProblems(env: EnvironmentConfig): string[] {
  if (env.allowUnlistedLocation) return [];
  return locationFields(env).flatMap(([at, value]) => {
    const why = unlistedLocation(value);
    return why
      ? [
          `${at}: ${why}; use a region or zone from docs/upstream-facts.md, or set ${ALLOW_UNLISTED_LOCATION}: true for one Google opened after ${GCP_LOCATIONS_READ}`,
        ]
      : [];
  });
}

/** With `allowUnlistedLocation: true`: one warning per location the table does not list. */
export function locationWarnings(env: EnvironmentConfig): string[] {
  if (!env.allowUnlistedLocation) return [];
  return locationFields(env).flatMap(([at, value]) =>
    unlistedLocation(value)
      ? [
          `${at}: '${value}' is not in the GCP location table (facts/gcp-locations.ts, read ${GCP_LOCATIONS_READ}); let through by ${ALLOW_UNLISTED_LOCATION}: true, so a typo fails only at apply`,
        ]
      : [],
  );
}
