/**
 * Cloud Service Mesh across clusters: what Google documents for a managed mesh of several GKE
 * clusters. A dated, sourced table (read 2026-12-02); part of facts/, it imports nothing.
 */

export interface CloudServiceMeshFact {
  /** What the code relies on, in our words. */
  readonly fact: string;
  /** The page that says it. */
  readonly source: string;
  /** When it was read, YYYY-MM-DD. */
  readonly read: string;
}

/** The ConfigMap managed Cloud Service Mesh reads its per-cluster options from. */
export const ASM_OPTIONS_CONFIG_MAP = { name: "asm-options", namespace: "istio-system" } as const;
/** The option, and its value, that opts a whole cluster into endpoint discovery across the fleet. */
export const MULTICLUSTER_MODE = { key: "multicluster_mode", connected: "connected" } as const;
/** The protocols Google's cross-cluster firewall rule admits from every member's pod range. */
export const CROSS_CLUSTER_PROTOCOLS = ["tcp", "udp", "icmp", "esp", "ah", "sctp"] as const;

const MULTI_CLUSTER =
  "https://docs.cloud.google.com/service-mesh/docs/operate-and-maintain/multi-cluster";
const MODERNIZATION =
  "https://docs.cloud.google.com/service-mesh/v1.24/docs/migrate/modernization-configuration-updates";
const CONTROL_PLANE =
  "https://docs.cloud.google.com/service-mesh/docs/managed-control-plane-overview";
const GKE_MULTI_CLUSTER =
  "https://docs.cloud.google.com/service-mesh/docs/operate-and-maintain/gke-install-multi-cluster";
const PROVISION =
  "https://cloud.google.com/service-mesh/docs/managed/provision-managed-anthos-service-mesh";

export const CLOUD_SERVICE_MESH_FACTS: readonly CloudServiceMeshFact[] = [
  {
    fact: "The TRAFFIC_DIRECTOR control plane is Google's managed implementation; managed ISTIOD and in-cluster ISTIOD are deprecated, and managed ISTIOD fleets must move to TRAFFIC_DIRECTOR.",
    source: CONTROL_PLANE,
    read: "2026-12-02",
  },
  {
    fact: "Istio multi-cluster (remote) secrets are not supported on a cluster with the TRAFFIC_DIRECTOR control plane; the declarative API (asm-options multicluster_mode) is the only supported path.",
    source: MODERNIZATION,
    read: "2026-12-02",
  },
  {
    fact: "multicluster_mode: connected in ConfigMap asm-options (namespace istio-system) opts the whole cluster into endpoint discovery: it sends traffic to every other cluster of the mesh, with no per-pair choice.",
    source: MODERNIZATION,
    read: "2026-12-02",
  },
  {
    fact: "Members must have pod-to-pod connectivity first; clusters of several projects register to one fleet host project and share one network through Shared VPC; a single project may be its own fleet.",
    source: MULTI_CLUSTER,
    read: "2026-12-02",
  },
  {
    fact: "Managed Cloud Service Mesh supports several GKE clusters on a single network (single- or multi-project); it is provisioned through the fleet's servicemesh feature, one per fleet project.",
    source: PROVISION,
    read: "2026-12-02",
  },
  {
    fact: "GKE's own rules admit traffic within a subnet only; clusters on different subnets need a rule from every cluster's pod range to every cluster's nodes, all protocols (tcp, udp, icmp, esp, ah, sctp).",
    source: GKE_MULTI_CLUSTER,
    read: "2026-12-02",
  },
  {
    fact: "Private clusters: the API servers must be reachable across members; enable global access of the control plane endpoint (needed when the members are in different regions).",
    source: GKE_MULTI_CLUSTER,
    read: "2026-12-02",
  },
];
