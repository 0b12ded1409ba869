/**
 * Google Cloud regions and their zones, where GKE clusters can run: a dated, sourced table
 * (read 2026-12-02). Part of facts/, the lowest layer: it imports nothing.
 *
 * Source: Compute Engine, "Regions and zones", https://cloud.google.com/compute/docs/regions-zones
 * (the table of available regions and zones; GKE runs in every Compute Engine region). A region
 * Google opens after this date is refused until the table knows it; the environment key
 * `allowUnlistedLocation: true` lets it through with a warning meanwhile.
 */

/** One region and the suffixes of its zones (`europe-west1` has `b`, `c` and `d`). */
export interface GcpRegion {
  readonly region: string;
  readonly zones: readonly string[];
  /** The city Google names for it, for the reader. */
  readonly where: string;
}

/** When the table below was read, YYYY-MM-DD. */
export const GCP_LOCATIONS_READ = "2026-12-02";

/** Where the table below comes from. */
export const GCP_LOCATIONS_SOURCE = "https://cloud.google.com/compute/docs/regions-zones";

/** Every Compute Engine region and its zones, by name. */
export const GCP_REGIONS: readonly GcpRegion[] = [
  { region: "africa-south1", zones: ["a", "b", "c"], where: "Johannesburg" },
  { region: "asia-east1", zones: ["a", "b", "c"], where: "Changhua County, Taiwan" },
  { region: "asia-east2", zones: ["a", "b", "c"], where: "Hong Kong" },
  { region: "asia-northeast1", zones: ["a", "b", "c"], where: "Tokyo" },
  { region: "asia-northeast2", zones: ["a", "b", "c"], where: "Osaka" },
  { region: "asia-northeast3", zones: ["a", "b", "c"], where: "Seoul" },
  { region: "asia-south1", zones: ["a", "b", "c"], where: "Mumbai" },
  { region: "asia-south2", zones: ["a", "b", "c"], where: "Delhi" },
  { region: "asia-southeast1", zones: ["a", "b", "c"], where: "Jurong West, Singapore" },
  { region: "asia-southeast2", zones: ["a", "b", "c"], where: "Jakarta" },
  { region: "australia-southeast1", zones: ["a", "b", "c"], where: "Sydney" },
  { region: "australia-southeast2", zones: ["a", "b", "c"], where: "Melbourne" },
  { region: "europe-central2", zones: ["a", "b", "c"], where: "Warsaw" },
  { region: "europe-north1", zones: ["a", "b", "c"], where: "Hamina, Finland" },
  { region: "europe-north2", zones: ["a", "b", "c"], where: "Stockholm" },
  { region: "europe-southwest1", zones: ["a", "b", "c"], where: "Madrid" },
  { region: "europe-west1", zones: ["b", "c", "d"], where: "St. Ghislain, Belgium" },
  { region: "europe-west2", zones: ["a", "b", "c"], where: "London" },
  { region: "europe-west3", zones: ["a", "b", "c"], where: "Frankfurt" },
  { region: "europe-west4", zones: ["a", "b", "c"], where: "Eemshaven, Netherlands" },
  { region: "europe-west6", zones: ["a", "b", "c"], where: "Zurich" },
  { region: "europe-west8", zones: ["a", "b", "c"], where: "Milan" },
  { region: "europe-west9", zones: ["a", "b", "c"], where: "Paris" },
  { region: "europe-west10", zones: ["a", "b", "c"], where: "Berlin" },
  { region: "europe-west12", zones: ["a", "b", "c"], where: "Turin" },
  { region: "me-central1", zones: ["a", "b", "c"], where: "Doha" },
  { region: "me-central2", zones: ["a", "b", "c"], where: "Dammam, Saudi Arabia" },
  { region: "me-west1", zones: ["a", "b", "c"], where: "Tel Aviv" },
  { region: "northamerica-northeast1", zones: ["a", "b", "c"], where: "Montréal" },
  { region: "northamerica-northeast2", zones: ["a", "b", "c"], where: "Toronto" },
  { region: "northamerica-south1", zones: ["a", "b", "c"], where: "Querétaro, Mexico" },
  { region: "southamerica-east1", zones: ["a", "b", "c"], where: "Osasco, São Paulo" },
  { region: "southamerica-west1", zones: ["a", "b", "c"], where: "Santiago" },
  { region: "us-central1", zones: ["a", "b", "c", "f"], where: "Council Bluffs, Iowa" },
  { region: "us-east1", zones: ["b", "c", "d"], where: "Moncks Corner, South Carolina" },
  { region: "us-east4", zones: ["a", "b", "c"], where: "Ashburn, Virginia" },
  { region: "us-east5", zones: ["a", "b", "c"], where: "Columbus, Ohio" },
  { region: "us-south1", zones: ["a", "b", "c"], where: "Dallas" },
  { region: "us-west1", zones: ["a", "b", "c"], where: "The Dalles, Oregon" },
  { region: "us-west2", zones: ["a", "b", "c"], where: "Los Angeles" },
  { region: "us-west3", zones: ["a", "b", "c"], where: "Salt Lake City" },
  { region: "us-west4", zones: ["a", "b", "c"], where: "Las Vegas" },
];
