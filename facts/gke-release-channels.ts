/**
 * GKE release channels: the Kubernetes minors each one offers and the version a new cluster gets
 * by default. A dated, sourced table (read 2026-12-02); part of facts/, it imports nothing.
 *
 * Source: GKE release notes, "Current versions" table
 * (https://cloud.google.com/kubernetes-engine/docs/release-notes, as mirrored at
 * documentation.s3ns.fr/kubernetes-engine/docs/release-notes), and the release schedule
 * (https://cloud.google.com/kubernetes-engine/docs/release-schedule). Channels move weekly and
 * only forward: a minor never leaves a channel's default for an older one.
 */

export type GkeReleaseChannel = "RAPID" | "REGULAR" | "STABLE" | "EXTENDED" | "UNSPECIFIED";

export interface GkeChannelVersions {
  readonly channel: GkeReleaseChannel;
  /** The oldest and newest minors a new cluster can pick in the channel, `1.33`. */
  readonly oldest: string;
  readonly newest: string;
  /** The default patch version for cluster creation, `1.35.5-gke.1163012`. */
  readonly defaultVersion: string;
}

/** When the table below was read, YYYY-MM-DD. */
export const GKE_CHANNELS_READ = "2026-12-02";

/** Where the table below comes from. */
export const GKE_CHANNELS_SOURCE =
  "https://cloud.google.com/kubernetes-engine/docs/release-notes (Current versions)";

/** UNSPECIFIED is GKE's "No channel" column: clusters enrolled in no channel. */
export const GKE_RELEASE_CHANNELS: readonly GkeChannelVersions[] = [
  { channel: "RAPID", oldest: "1.33", newest: "1.36", defaultVersion: "1.36.0-gke.3302004" },
  { channel: "REGULAR", oldest: "1.33", newest: "1.36", defaultVersion: "1.35.5-gke.1163012" },
  { channel: "STABLE", oldest: "1.33", newest: "1.35", defaultVersion: "1.34.8-gke.1000000" },
  { channel: "EXTENDED", oldest: "1.30", newest: "1.36", defaultVersion: "1.35.5-gke.1163012" },
  { channel: "UNSPECIFIED", oldest: "1.33", newest: "1.36", defaultVersion: "1.35.5-gke.1163012" },
];
