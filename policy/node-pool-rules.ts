import { Token } from "cdktf";
import { GKE_CLUSTER, GKE_NODE_POOL, PolicyRule } from "./policy-rule";
import { mustBe, mustNotBe, read, show, SynthesizedConfig, UNKNOWN } from "./synthesized-config";

const DEFAULT_COMPUTE_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/;

/** A node pool's configuration and where it sits in the resource, such as `node_pool[1].`. */
export interface NodePoolConfig {
  readonly prefix: string;
  readonly config: SynthesizedConfig;
}

/**
 * Every node pool a resource defines: a node pool resource itself; for a cluster, its inline
 * `node_pool` blocks, or else its default pool unless remove_default_node_pool (Autopilot
 * clusters have no pools of their own). Without this, a cluster's own nodes would escape.
 */
export function nodePoolsOf(resourceType: string, body: SynthesizedConfig): NodePoolConfig[] {
  if (resourceType === GKE_NODE_POOL) return [{ prefix: "", config: body }];
  if (resourceType !== GKE_CLUSTER || read(body, "enable_autopilot") === true) return [];
  const inline = body.node_pool;
  if (Array.isArray(inline) && inline.length > 0) {
    if (Token.isUnresolved(inline)) return [];
    return inline.map((config, i) => ({ prefix: `node_pool[${i}].`, config }));
  }
  const removed = read(body, "remove_default_node_pool");
  return removed === true || removed === UNKNOWN
    ? []
    : [{ prefix: "", config: { node_config: body.node_config } }];
}

export const NODE_POOL_RULES: readonly PolicyRule[] = [
  {
    id: "GKE_NODE_AUTO_REPAIR",
    description: "GKE repairs unhealthy nodes.",
    checkov: ["CKV_GCP_9"],
    cis: "5.5.2",
    resourceType: GKE_NODE_POOL,
    fix: "set nodePools[].autoRepair: true",
    check: mustNotBe("management.auto_repair", false),
  },
  {
    id: "GKE_NODE_AUTO_UPGRADE",
    description: "GKE upgrades nodes with the control plane.",
    checkov: ["CKV_GCP_10"],
    cis: "5.5.3",
    resourceType: GKE_NODE_POOL,
    fix: "set nodePools[].autoUpgrade: true",
    check: mustNotBe("management.auto_upgrade", false),
  },
  {
    id: "GKE_NODE_PRIVATE_NODES",
    description: "No node pool opts out of the cluster's private nodes.",
    // CKV_GCP_25 and CKV_GCP_64 read only a cluster's private_cluster_config, never a pool's.
    checkov: [],
    cis: "5.6.5",
    resourceType: GKE_NODE_POOL,
    fix: "drop the pool's network_config.enable_private_nodes and set cluster.privateNodes: true",
    check: mustNotBe(
      "network_config.enable_private_nodes",
      false,
      "so this pool's nodes get public IP addresses",
    ),
  },
  {
    id: "GKE_NODE_SECURE_BOOT",
    description: "Shielded VM secure boot: nodes boot only signed software.",
    checkov: ["CKV_GCP_68"],
    cis: "5.5.7",
    resourceType: GKE_NODE_POOL,
    fix: "set nodePools[].secureBoot: true",
    check: mustBe("node_config.shielded_instance_config.enable_secure_boot", true),
  },
  {
    id: "GKE_NODE_INTEGRITY_MONITORING",
    description: "Shielded VM integrity monitoring checks the nodes' boot sequence.",
    checkov: ["CKV_GCP_72"],
    cis: "5.5.6",
    resourceType: GKE_NODE_POOL,
    fix: "set nodePools[].integrityMonitoring: true",
    check: mustNotBe("node_config.shielded_instance_config.enable_integrity_monitoring", false),
  },
  {
    id: "GKE_NODE_METADATA_SERVER",
    description: "The GKE metadata server hides node credentials from pods.",
    checkov: ["CKV_GCP_69"],
    cis: "5.4.1",
    resourceType: GKE_NODE_POOL,
    fix: "set nodePools[].workloadMetadata: GKE_METADATA",
    check: mustBe(
      "node_config.workload_metadata_config.mode",
      "GKE_METADATA",
      "so pods can read the node's credentials",
    ),
  },
  {
    id: "GKE_NODE_IMAGE_COS",
    description: "Nodes run Container-Optimized OS with containerd.",
    checkov: ["CKV_GCP_22"],
    cis: "5.5.1",
    resourceType: GKE_NODE_POOL,
    fix: "set nodePools[].imageType: COS_CONTAINERD",
    check: (c) => {
      const image = read(c, "node_config.image_type");
      return image === undefined || image === UNKNOWN || image === "COS_CONTAINERD"
        ? undefined
        : `node_config.image_type is ${show(image)}`;
    },
  },
  {
    id: "GKE_NODE_SERVICE_ACCOUNT",
    description: "Nodes run as a dedicated service account, never the default compute account.",
    checkov: ["CKV2_GCP_1"],
    cis: "5.2.1",
    resourceType: GKE_NODE_POOL,
    fix: "leave nodePools[].serviceAccount unset (the stack creates a least-privilege account) or name a dedicated one",
    check: (c) => {
      const account = read(c, "node_config.service_account");
      // Stryker disable next-line ConditionalExpression: equivalent, UNKNOWN would pass the checks below too
      if (account === UNKNOWN) return undefined;
      if (account === undefined || account === "default")
        return `node_config.service_account is ${show(account)}, the default compute account with Editor on the project`;
      return DEFAULT_COMPUTE_ACCOUNT.test(String(account))
        ? `node_config.service_account is ${show(account)}, the default compute account with Editor on the project`
        : undefined;
    },
  },
];
