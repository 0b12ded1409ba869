/**
 * Where Istio publishes its charts and images today, and the hosts it retired: a dated, sourced
 * table (read 2026-12-02). Part of facts/, the lowest layer: it imports nothing.
 */

/** Istio's blog post on leaving Google Cloud ("An update on our move to AWS", published 2026-08-21). */
const GCP_BLOG = "istio.io blog/2026/retirement-of-gcp (published 2026-08-21)";
/** Istio's blog post on its image registries ("An Update on Our Container Registry Migration", 2026-07-23). */
const REGISTRY_BLOG = "istio.io blog/2026/retirement-of-gcr.io-follow-up (published 2026-07-23)";
/** Istio's first post on the registry move ("Istio is Migrating Container Registries", 2026-03-23). */
const GCR_BLOG = "istio.io blog/2026/retirement-of-gcr.io (published 2026-03-23)";
/** The tracking issue, with the dates of the switch-off tests. */
const ISSUE = "istio/istio#61467 (opened 2026-08-26)";
const READ = "read 2026-12-02";

/**
 * Istio's chart repository for the current layout (base, istiod, gateway, cni, ztunnel): every
 * version's charts are there, and the only place 1.31 and later are published. Source: GCP_BLOG,
 * ISSUE, and the 1.31 upgrade notes (istio.io news/releases/1.31.x/announcing-1.31/upgrade-notes).
 */
export const ISTIO_CHART_REPOSITORY = "https://blob.istio.io/istio-release/charts";

/** The same charts as OCI artifacts (same sources). */
export const ISTIO_OCI_CHART_REPOSITORY = "oci://ghcr.io/istio/release/charts";

/**
 * Istio's release archives: "all other release artifacts of all Istio versions" (GCP_BLOG), the
 * folders that were under storage.googleapis.com/istio-release/releases. The legacy 1.3/1.4 charts
 * lived in such a folder (`<version>/charts/`); the blog names the folder, not the charts in it,
 * and no listing of it could be read here (read 2026-12-02).
 */
export const ISTIO_RELEASE_ARCHIVE = "https://blob.istio.io/istio-release/releases";

/** The repository of one legacy (1.3/1.4) release's charts istio-init and istio, in the archive. */
export const legacyChartRepository = (version: string) =>
  `${ISTIO_RELEASE_ARCHIVE}/${version}/charts/`;

/**
 * Istio's image registry: the only one for 1.31 and later, and where every earlier release's
 * images stay (GCP_BLOG, REGISTRY_BLOG). The charts' own default hub is no help: 1.30's charts
 * default to registry.istio.io/release, which is retired (REGISTRY_BLOG, "Am I affected?").
 */
export const ISTIO_HUB = "docker.io/istio";

/** A host Istio retired: nothing we synthesize may name it. */
export interface RetiredHost {
  /** The host and path prefix, as it appears in a URL or image reference. */
  readonly prefix: string;
  readonly what: string;
  /** When it stops answering, YYYY-MM-DD: Istio says "December 2026"; we take its last day. */
  readonly retired: string;
  readonly source: string;
}

/**
 * Hosts Istio retires in December 2026. The last switch-off test runs from 2026-12-08 15:00 UTC
 * to 2026-12-09 15:00 UTC (ISSUE; the 1.31 upgrade notes give the same four test windows).
 */
export const RETIRED_HOSTS: readonly RetiredHost[] = [
  {
    prefix: "istio-release.storage.googleapis.com",
    what: "Istio's Helm chart repository and release archives on Google Cloud Storage (no 1.31 release; 1.30 is its last minor)",
    retired: "2026-12-31",
    source: `${GCP_BLOG}; ${ISSUE}; ${READ}`,
  },
  {
    prefix: "storage.googleapis.com/istio-release",
    what: "the same bucket by path: Istio's release archives, among them the legacy 1.3/1.4 charts",
    retired: "2026-12-31",
    source: `${GCP_BLOG} (release artifacts "removed from the above locations in December 2026"); ${READ}`,
  },
  {
    prefix: "gcr.io/istio-release",
    what: "Istio's images and OCI charts on Google Container Registry (images gone from 2027-01-01)",
    retired: "2026-12-31",
    source: `${GCR_BLOG} ("no longer available at gcr.io/istio-release starting January 1st, 2027"); ${GCP_BLOG}; ${ISSUE}; ${READ}`,
  },
  {
    prefix: "registry.istio.io/release",
    what: "Istio's image registry alias in front of gcr.io/istio-release, the default hub of 1.30's charts",
    retired: "2026-12-31",
    source: `${REGISTRY_BLOG} ("we will keep hosting registry.istio.io/release until late 2026"); ${GCP_BLOG}; ${READ}`,
  },
];
