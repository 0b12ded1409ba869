import { ISTIO_KUBERNETES_WINDOWS, IstioKubernetesWindow } from "../facts/istio-kubernetes";
import { GKE_CHANNELS_READ, GKE_RELEASE_CHANNELS } from "../facts/gke-release-channels";
import { DEFAULT_ISTIO_VERSION } from "./istio-versions";
import { EnvironmentConfig } from "./schema";

/** The Kubernetes minor a cluster runs, and where that comes from. */
export interface ClusterKubernetes {
  /** `1.35`. */
  readonly minor: string;
  /** For messages: `cluster.minMasterVersion '1.33'` or `the REGULAR channel's default ...`. */
  readonly from: string;
  /** True when the file pins it (minMasterVersion), false when it is the channel's default. */
  readonly pinned: boolean;
}

const minorOf = (version: string) => version.split(".").slice(0, 2).join(".");
/** Compares two `1.N` minors numerically. */
export const compareMinors = (a: string, b: string) =>
  Number(a.split(".")[1]) - Number(b.split(".")[1]);

/** `cluster.minMasterVersion` when set, else the default of the cluster's release channel. */
export function clusterKubernetes(env: EnvironmentConfig): ClusterKubernetes {
  const pinned = env.cluster?.minMasterVersion;
  if (pinned) {
    return { minor: minorOf(pinned), from: `cluster.minMasterVersion '${pinned}'`, pinned: true };
  }
  const channel = env.cluster?.releaseChannel ?? "REGULAR";
  const row = GKE_RELEASE_CHANNELS.find((c) => c.channel === channel)!;
  return {
    minor: minorOf(row.defaultVersion),
    from: `the ${channel} channel's default ${row.defaultVersion}, read ${GKE_CHANNELS_READ}`,
    pinned: false,
  };
}

/** Every Istio version an oss environment installs, with its field path. */
export function istioVersionFields(env: EnvironmentConfig): [string, string][] {
  if (env.mode !== "oss") return [];
  if (env.istio?.revisions) {
    return env.istio.revisions.map((r, i): [string, string] => [
      `istio.revisions[${i}].version`,
      r.version,
    ]);
  }
  return [["istio.version", env.istio?.version ?? DEFAULT_ISTIO_VERSION]];
}

/** The window of an exact version's minor; undefined for minors the table does not hold. */
export function kubernetesWindow(
  version: string,
  windows: readonly IstioKubernetesWindow[] = ISTIO_KUBERNETES_WINDOWS,
): IstioKubernetesWindow | undefined {
  return windows.find((w) => w.istio === minorOf(version));
}

/** The windows to check against: the table, or another (a newer reading, a test's). */
type Windows = readonly IstioKubernetesWindow[];

interface Mismatch {
  readonly at: string;
  readonly line: string;
  /** The cluster is older than the window and the minor is the channel's default (may lag). */
  readonly mayLag: boolean;
  readonly k8s: string;
}

function mismatches(env: EnvironmentConfig, windows: Windows): Mismatch[] {
  const k8s = clusterKubernetes(env);
  return istioVersionFields(env).flatMap(([at, version]) => {
    const window = kubernetesWindow(version, windows);
    if (!window) return [];
    const older = compareMinors(k8s.minor, window.oldest) < 0;
    const newer = compareMinors(k8s.minor, window.newest) > 0;
    if (!older && !newer) return [];
    return [
      {
        at,
        mayLag: older && !k8s.pinned,
        line: `${at}: Istio ${version} supports Kubernetes ${window.oldest} to ${window.newest}, but the cluster runs ${k8s.minor} (${k8s.from})`,
        k8s: k8s.minor,
      },
    ];
  });
}

/**
 * An Istio version outside its Kubernetes window is refused when the file pins the version
 * (minMasterVersion), or when the channel's default is already newer than the window: channels
 * only move forward, so a table that lags cannot make that wrong.
 */
export function kubernetesWindowProblems(
  env: EnvironmentConfig,
  windows: Windows = ISTIO_KUBERNETES_WINDOWS,
): string[] {
  return mismatches(env, windows)
    .filter((m) => !m.mayLag)
    .map(
      (m) =>
        `${m.line}; choose an Istio version that supports Kubernetes ${m.k8s} (docs/upstream-facts.md), or a cluster.minMasterVersion within the window`,
    );
}

/**
 * A channel default older than the window only warns: the table may lag the channel, which may
 * have moved into the window since it was read.
 */
export function kubernetesWindowWarnings(
  env: EnvironmentConfig,
  windows: Windows = ISTIO_KUBERNETES_WINDOWS,
): string[] {
  return mismatches(env, windows)
    .filter((m) => m.mayLag)
    .map(
      (m) =>
        `${m.line}, older than the window; the channel may have moved into it since, else pin cluster.minMasterVersion within it`,
    );
}
