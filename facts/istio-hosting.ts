/**
 * Where Istio publishes its charts and images today, and the hosts it retired: a dated, sourced
 * table (read 2026-12-02). Part of facts/, the lowest layer: it imports nothing.
 */

/**
 * Istio's chart repository for the current layout (base, istiod, gateway, cni, ztunnel) since the
 * retirement of its Google Cloud hosting. Source: istio/istio#61467 and istio.io's 2026 blog post
 * on the retirement of GCP hosting (read 2026-12-02).
 */
export const ISTIO_CHART_REPOSITORY = "https://blob.istio.io/istio-release/charts";

/** The same charts as OCI artifacts (same sources). */
export const ISTIO_OCI_CHART_REPOSITORY = "oci://ghcr.io/istio/release/charts";

/**
 * Istio's image registry: the only one for 1.31 and later, and where every earlier release's
 * images stay (same sources).
 */
export const ISTIO_HUB = "docker.io/istio";

/** A host Istio retired: nothing we synthesize may name it. */
export interface RetiredHost {
  /** The host and path prefix, as it appears in a URL or image reference. */
  readonly prefix: string;
  readonly what: string;
  /** When it stops answering, YYYY-MM-DD. */
  readonly retired: string;
  readonly source: string;
}

/** Hosts Istio retired in December 2026 (the sources above, read 2026-12-02). */
export const RETIRED_HOSTS: readonly RetiredHost[] = [
  {
    prefix: "istio-release.storage.googleapis.com",
    what: "Istio's Helm chart repository on Google Cloud Storage (no release after 1.30.4, 2026-08-27)",
    retired: "2026-12-31",
    source: "istio/istio#61467; istio.io blog, retirement of GCP hosting (read 2026-12-02)",
  },
  {
    prefix: "storage.googleapis.com/istio-release",
    what: "the same bucket by path: Istio's release archives, among them the legacy 1.3/1.4 charts",
    retired: "2026-12-31",
    source: "istio/istio#61467; istio.io blog, retirement of GCP hosting (read 2026-12-02)",
  },
  {
    prefix: "gcr.io/istio-release",
    what: "Istio's images on Google Container Registry",
    retired: "2027-01-01",
    source: "istio/istio#61467; istio.io blog, retirement of GCP hosting (read 2026-12-02)",
  },
  {
    prefix: "registry.istio.io/release",
    what: "Istio's image registry alias on Google Cloud",
    retired: "2027-01-01",
    source: "istio/istio#61467; istio.io blog, retirement of GCP hosting (read 2026-12-02)",
  },
];
