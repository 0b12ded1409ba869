/**
 * The Kubernetes minors each Istio minor supports: a dated, sourced table (read 2026-12-02).
 * Part of facts/, the lowest layer: it imports nothing.
 *
 * Istio publishes the window on istio.io, "Supported Releases"
 * (https://istio.io/latest/docs/releases/supported-releases/, column "Supported Kubernetes
 * Versions", kept in istio/istio.io data/compatibility/supportStatus.yml). Versions outside it may
 * work, but Istio does not test them: its own precheck (IST0142) flags a cluster below the window.
 */

/** One Istio minor and the Kubernetes minors it supports, both ends included. */
export interface IstioKubernetesWindow {
  /** `1.31`. */
  readonly istio: string;
  /** The oldest supported Kubernetes minor, `1.32`. */
  readonly oldest: string;
  /** The newest supported Kubernetes minor, `1.36`. */
  readonly newest: string;
  /** Where the window comes from, and when it was read. */
  readonly source: string;
}

const SUPPORTED_RELEASES = "https://istio.io/latest/docs/releases/supported-releases/";
/** The table's archived rows, as istio/istio.io's supportStatus.yml and endoflife.date/istio carry them. */
const ARCHIVED = `${SUPPORTED_RELEASES} (rows of minors past support, as kept in istio/istio.io data/compatibility/supportStatus.yml and endoflife.date/istio; read 2026-12-02)`;
const CURRENT = `${SUPPORTED_RELEASES} (read 2026-12-02)`;

/** Every Istio minor with the current chart layout, oldest first. */
export const ISTIO_KUBERNETES_WINDOWS: readonly IstioKubernetesWindow[] = [
  { istio: "1.12", oldest: "1.19", newest: "1.22", source: ARCHIVED },
  { istio: "1.13", oldest: "1.20", newest: "1.23", source: ARCHIVED },
  { istio: "1.14", oldest: "1.21", newest: "1.24", source: ARCHIVED },
  { istio: "1.15", oldest: "1.22", newest: "1.25", source: ARCHIVED },
  { istio: "1.16", oldest: "1.22", newest: "1.25", source: ARCHIVED },
  { istio: "1.17", oldest: "1.23", newest: "1.26", source: ARCHIVED },
  { istio: "1.18", oldest: "1.24", newest: "1.27", source: ARCHIVED },
  { istio: "1.19", oldest: "1.25", newest: "1.28", source: ARCHIVED },
  { istio: "1.20", oldest: "1.25", newest: "1.29", source: ARCHIVED },
  { istio: "1.21", oldest: "1.26", newest: "1.29", source: ARCHIVED },
  { istio: "1.22", oldest: "1.27", newest: "1.30", source: ARCHIVED },
  { istio: "1.23", oldest: "1.27", newest: "1.30", source: ARCHIVED },
  { istio: "1.24", oldest: "1.28", newest: "1.31", source: ARCHIVED },
  { istio: "1.25", oldest: "1.29", newest: "1.32", source: ARCHIVED },
  { istio: "1.26", oldest: "1.29", newest: "1.33", source: ARCHIVED },
  { istio: "1.27", oldest: "1.29", newest: "1.33", source: ARCHIVED },
  { istio: "1.28", oldest: "1.30", newest: "1.34", source: ARCHIVED },
  { istio: "1.29", oldest: "1.31", newest: "1.35", source: ARCHIVED },
  {
    istio: "1.30",
    oldest: "1.32",
    newest: "1.36",
    source: `${CURRENT}; the same range in IBM Cloud's add-on table for Istio 1.30 (>=1.32.0 <1.37.0)`,
  },
  { istio: "1.31", oldest: "1.32", newest: "1.36", source: CURRENT },
];
