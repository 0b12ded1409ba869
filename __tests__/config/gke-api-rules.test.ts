import { parseConfig } from "../../config/load";
import { configProblems, environment } from "../fixtures";

/** The problems of one environment, without the file and environment prefix. */
function problemsOf(overrides: Record<string, unknown>): string[] {
  return configProblems(() =>
    parseConfig({ environments: [environment(overrides)] }, "e.yaml"),
  ).map((p) => p.replace("environments[0] (test): ", ""));
}

describe("GKE's apply-time rules, refused at synth", () => {
  test("N4 and C4 machines take only Hyperdisk: pd-* is refused, with the fix", () => {
    expect(
      problemsOf({
        nodePools: [
          { name: "a", machineType: "n4-standard-8", diskType: "pd-balanced" },
          { name: "b", machineType: "c4a-highmem-4", diskType: "pd-ssd" },
          { name: "c", machineType: "c4-standard-4", diskType: "hyperdisk-balanced" },
          { name: "d", machineType: "c4d-standard-2" },
          { name: "e", machineType: "n2-standard-8", diskType: "pd-standard" },
        ],
      }),
    ).toEqual([
      "nodePools[0].diskType: 'pd-balanced' is refused by Compute Engine on machine type 'n4-standard-8' (N4 VMs take only Hyperdisk); remove diskType (hyperdisk-balanced is then the default) or set it to hyperdisk-balanced",
      "nodePools[1].diskType: 'pd-ssd' is refused by Compute Engine on machine type 'c4a-highmem-4' (C4A VMs take only Hyperdisk); remove diskType (hyperdisk-balanced is then the default) or set it to hyperdisk-balanced",
    ]);
  });

  test("cloud-service-mesh: only the channels CSM maps to its own", () => {
    const csm = (releaseChannel: string) =>
      problemsOf({ mode: "cloud-service-mesh", cluster: { releaseChannel } });
    for (const channel of ["RAPID", "REGULAR", "STABLE", "UNSPECIFIED"])
      expect({ channel, problems: csm(channel) }).toEqual({ channel, problems: [] });
    expect(csm("EXTENDED")).toEqual([
      "cluster.releaseChannel: 'EXTENDED' has no managed Cloud Service Mesh channel (CSM follows RAPID, REGULAR, STABLE and no channel, UNSPECIFIED, which it runs as REGULAR); choose one of RAPID, REGULAR, STABLE, UNSPECIFIED",
    ]);
    // oss mode installs its own Istio: every channel.
    expect(problemsOf({ mode: "oss", cluster: { releaseChannel: "EXTENDED" } })).toEqual([]);
  });

  test("auto-repair and auto-upgrade cannot be off in a release channel, even when waived", () => {
    const waived = {
      policy: {
        waivers: [
          { rule: "GKE_NODE_AUTO_REPAIR", reason: "test" },
          { rule: "GKE_NODE_AUTO_UPGRADE", reason: "test" },
        ],
      },
    };
    expect(
      problemsOf({ ...waived, nodePools: [{ name: "p", autoRepair: false, autoUpgrade: false }] }),
    ).toEqual([
      "nodePools[0].autoRepair: false is refused by GKE in release channel REGULAR (Error 400: Auto_upgrade and auto_repair cannot be false when release_channel is set), even with a policy waiver; remove it, or set cluster.releaseChannel: UNSPECIFIED",
      "nodePools[0].autoUpgrade: false is refused by GKE in release channel REGULAR (Error 400: Auto_upgrade and auto_repair cannot be false when release_channel is set), even with a policy waiver; remove it, or set cluster.releaseChannel: UNSPECIFIED",
    ]);
    expect(
      problemsOf({
        ...waived,
        cluster: { releaseChannel: "STABLE" },
        nodePools: [{ name: "p", autoUpgrade: false }],
      }),
    ).toHaveLength(1);
    expect(
      problemsOf({
        ...waived,
        cluster: { releaseChannel: "UNSPECIFIED" },
        nodePools: [{ name: "p", autoRepair: false, autoUpgrade: false }],
      }),
    ).toEqual([]);
  });

  test("an alpha cluster's pools have neither auto-repair nor auto-upgrade", () => {
    expect(problemsOf({ cluster: { kubernetesAlpha: true } })).toEqual([
      "nodePools[0].autoRepair: true is refused by GKE on an alpha cluster (cluster.kubernetesAlpha: true); set nodePools[0].autoRepair: false, or remove cluster.kubernetesAlpha",
      "nodePools[0].autoUpgrade: true is refused by GKE on an alpha cluster (cluster.kubernetesAlpha: true); set nodePools[0].autoUpgrade: false, or remove cluster.kubernetesAlpha",
    ]);
    expect(
      problemsOf({
        cluster: { kubernetesAlpha: true },
        nodePools: [{ name: "p", autoRepair: false, autoUpgrade: false }],
      }),
    ).toEqual([]);
  });

  test("the GKE metadata server needs Workload Identity on the cluster", () => {
    expect(problemsOf({ cluster: { workloadIdentity: false } })).toEqual([
      "nodePools[0].workloadMetadata: 'GKE_METADATA' (the default) is refused by GKE on a cluster without Workload Identity (cluster.workloadIdentity: false); remove cluster.workloadIdentity, or set nodePools[0].workloadMetadata: GCE_METADATA",
    ]);
  });

  test("ranges: a /28 control plane, network addresses, no overlaps", () => {
    expect(problemsOf({ cluster: { masterIpv4CidrBlock: "172.16.0.0/24" } })).toEqual([
      "cluster.masterIpv4CidrBlock: '172.16.0.0/24' is refused by GKE, which wants a /28 for the control plane of a private cluster; give a /28 such as '172.16.0.0/28'",
    ]);
    expect(problemsOf({ network: { subnetCidr: "10.0.0.1/20" } })).toEqual([
      "network.subnetCidr: '10.0.0.1/20' has host bits set, which the Compute Engine API refuses; write the network address of the block (10.0.0.0/20)",
    ]);
    expect(problemsOf({ network: { servicesCidr: "10.4.16.0/20" } })).toEqual([
      "network.servicesCidr: '10.4.16.0/20' overlaps network.podsCidr '10.4.0.0/14', which the API refuses; give ranges that do not overlap",
    ]);
    expect(problemsOf({ cluster: { masterIpv4CidrBlock: "10.0.0.16/28" } })).toEqual([
      "cluster.masterIpv4CidrBlock: '10.0.0.16/28' overlaps network.subnetCidr '10.0.0.0/20', which the API refuses; give ranges that do not overlap",
    ]);
    // An existing network's ranges are not ours to check; a public cluster has no control-plane range.
    expect(
      problemsOf({
        network: { existing: true, name: "n", subnetName: "s", subnetCidr: "10.0.0.1/20" },
        cluster: { privateNodes: false, masterIpv4CidrBlock: "10.0.0.16/24" },
      }),
    ).toEqual([]);
  });
});

describe("GKE API rules: the edges", () => {
  test("ranges that share one address overlap, at either end", () => {
    const overlap = (servicesCidr: string) =>
      `network.servicesCidr: '${servicesCidr}' overlaps network.subnetCidr '10.0.0.0/20', which the API refuses; give ranges that do not overlap`;
    expect(problemsOf({ network: { servicesCidr: "10.0.0.0/32" } })).toEqual([
      overlap("10.0.0.0/32"),
    ]);
    expect(problemsOf({ network: { servicesCidr: "10.0.15.255/32" } })).toEqual([
      overlap("10.0.15.255/32"),
    ]);
    // The next address is free.
    expect(problemsOf({ network: { servicesCidr: "10.0.16.0/32" } })).toEqual([]);
  });

  test("GKE_METADATA named explicitly is refused without Workload Identity, without '(the default)'", () => {
    expect(
      problemsOf({
        cluster: { workloadIdentity: false },
        nodePools: [{ name: "pool", workloadMetadata: "GKE_METADATA" }],
      }),
    ).toEqual([
      "nodePools[0].workloadMetadata: 'GKE_METADATA' is refused by GKE on a cluster without Workload Identity (cluster.workloadIdentity: false); remove cluster.workloadIdentity, or set nodePools[0].workloadMetadata: GCE_METADATA",
    ]);
  });
});
