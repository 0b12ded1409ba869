import { EnvironmentConfig } from "./schema";

/**
 * Combinations the GKE and Compute Engine APIs refuse at apply time, refused here at synth
 * instead (docs/changes-and-outages.md, "Apply-time rules"). Policy waivers do not reach these:
 * they are the API's rules, not ours. Each problem is `<field path>: <what is wrong>; <what to do>`.
 */
export function gkeApiProblems(env: EnvironmentConfig): string[] {
  return [
    ...managementProblems(env),
    ...metadataProblems(env),
    ...rangeProblems(env),
    ...bootDiskProblems(env),
  ];
}

/**
 * Machine series whose VMs take only Hyperdisk, no Persistent Disk (pd-standard, pd-balanced,
 * pd-ssd), so a node's boot disk there must be hyperdisk-balanced, the one Hyperdisk type every
 * boot disk can be. Sources, read 2026-12-02: Compute Engine's "About Hyperdisk Balanced" (boot
 * disks: Hyperdisk Balanced), its machine series tables (N4; C4, C4A, C4D: Hyperdisk only) and
 * Red Hat's GCP PD CSI notes ("regular persistent disks are not available on N4"); google-beta
 * 6.50.0's own c4-standard tests leave disk_type unset. A series missing here is not refused.
 */
export const HYPERDISK_ONLY_SERIES: readonly string[] = ["n4", "c4", "c4a", "c4d"];

/** The series of a machine type: `n4-standard-8` is `n4`. */
export function machineSeriesOf(machineType: string): string {
  return machineType.split("-")[0].toLowerCase();
}

/** A node's boot disk type when none is given: hyperdisk-balanced where pd-* cannot be used. */
export function defaultBootDiskType(machineType: string): string {
  return HYPERDISK_ONLY_SERIES.includes(machineSeriesOf(machineType))
    ? "hyperdisk-balanced"
    : "pd-balanced";
}

function bootDiskProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  env.nodePools.forEach((pool, i) => {
    const machine = pool.machineType ?? "e2-standard-4";
    const series = machineSeriesOf(machine);
    if (pool.diskType?.startsWith("pd-") && HYPERDISK_ONLY_SERIES.includes(series)) {
      problems.push(
        `nodePools[${i}].diskType: '${pool.diskType}' is refused by Compute Engine on machine type '${machine}' (${series.toUpperCase()} VMs take only Hyperdisk); remove diskType (hyperdisk-balanced is then the default) or set it to hyperdisk-balanced`,
      );
    }
  });
  return problems;
}

/** The cluster's release channel as the generated cluster sets it. */
export function releaseChannelOf(env: EnvironmentConfig): string {
  return env.cluster?.releaseChannel ?? "REGULAR";
}

function managementProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const channel = releaseChannelOf(env);
  const alpha = env.cluster?.kubernetesAlpha ?? false;
  env.nodePools.forEach((pool, i) => {
    for (const key of ["autoRepair", "autoUpgrade"] as const) {
      const value = pool[key] ?? true;
      if (alpha && value) {
        // cloud.google.com/kubernetes-engine/docs/alpha-clusters: no auto-repair or auto-upgrade.
        problems.push(
          `nodePools[${i}].${key}: ${value} is refused by GKE on an alpha cluster (cluster.kubernetesAlpha: true); set nodePools[${i}].${key}: false, or remove cluster.kubernetesAlpha`,
        );
      } else if (!alpha && !value && channel !== "UNSPECIFIED") {
        problems.push(
          `nodePools[${i}].${key}: false is refused by GKE in release channel ${channel} (Error 400: Auto_upgrade and auto_repair cannot be false when release_channel is set), even with a policy waiver; remove it, or set cluster.releaseChannel: UNSPECIFIED`,
        );
      }
    }
  });
  return problems;
}

function metadataProblems(env: EnvironmentConfig): string[] {
  // cloud-service-mesh refuses workloadIdentity: false itself (cross-field-rules.ts).
  if ((env.cluster?.workloadIdentity ?? true) || env.mode === "cloud-service-mesh") return [];
  const problems: string[] = [];
  env.nodePools.forEach((pool, i) => {
    if ((pool.workloadMetadata ?? "GKE_METADATA") === "GKE_METADATA") {
      problems.push(
        `nodePools[${i}].workloadMetadata: 'GKE_METADATA'${pool.workloadMetadata ? "" : " (the default)"} is refused by GKE on a cluster without Workload Identity (cluster.workloadIdentity: false); remove cluster.workloadIdentity, or set nodePools[${i}].workloadMetadata: GCE_METADATA`,
      );
    }
  });
  return problems;
}

interface Range {
  readonly key: string;
  readonly cidr: string;
}

/** [first address, last address] of an IPv4 CIDR block, as numbers. */
export function cidrBounds(cidr: string): [number, number] {
  const [ip, bits] = cidr.split("/");
  const start = ip.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  return [start, start + size - 1];
}

function rangeProblems(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  const net = env.network ?? {};
  const ranges: Range[] = [];
  if (!net.existing) {
    ranges.push(
      { key: "network.subnetCidr", cidr: net.subnetCidr ?? "10.0.0.0/20" },
      { key: "network.podsCidr", cidr: net.podsCidr ?? "10.4.0.0/14" },
      { key: "network.servicesCidr", cidr: net.servicesCidr ?? "10.8.0.0/20" },
    );
  }
  if (env.cluster?.privateNodes ?? true) {
    const master = env.cluster?.masterIpv4CidrBlock ?? "172.16.0.0/28";
    if (!master.endsWith("/28")) {
      problems.push(
        `cluster.masterIpv4CidrBlock: '${master}' is refused by GKE, which wants a /28 for the control plane of a private cluster; give a /28 such as '172.16.0.0/28'`,
      );
    }
    ranges.push({ key: "cluster.masterIpv4CidrBlock", cidr: master });
  }
  for (const { key, cidr } of ranges) {
    const [start] = cidrBounds(cidr);
    const size = 2 ** (32 - Number(cidr.split("/")[1]));
    if (start % size !== 0) {
      problems.push(
        `${key}: '${cidr}' has host bits set, which the Compute Engine API refuses; write the network address of the block (${canonical(cidr)})`,
      );
    }
  }
  ranges.forEach((a, i) => {
    for (const b of ranges.slice(i + 1)) {
      const [a0, a1] = cidrBounds(a.cidr);
      const [b0, b1] = cidrBounds(b.cidr);
      if (a0 <= b1 && b0 <= a1) {
        problems.push(
          `${b.key}: '${b.cidr}' overlaps ${a.key} '${a.cidr}', which the API refuses; give ranges that do not overlap`,
        );
      }
    }
  });
  return problems;
}

function canonical(cidr: string): string {
  const bits = Number(cidr.split("/")[1]);
  const [start] = cidrBounds(cidr);
  const size = 2 ** (32 - bits);
  const network = start - (start % size);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join(".")}/${bits}`;
}
