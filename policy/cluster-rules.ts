import { GKE_CLUSTER, PolicyRule } from "./policy-rule";
import { mustBe, mustNotBe, read, show, SynthesizedConfig, UNKNOWN } from "./synthesized-config";

/** A service such as logging_service is off when "none" or when its *_config enables no component. */
function serviceOff(kind: "logging" | "monitoring") {
  return (c: SynthesizedConfig) => {
    const service = read(c, `${kind}_service`);
    if (service === "none") return `${kind}_service is "none"`;
    const components = read(c, `${kind}_config.enable_components`);
    if (Array.isArray(components) && components.length === 0)
      return `${kind}_config.enable_components is []`;
    return undefined;
  };
}

export const CLUSTER_RULES: readonly PolicyRule[] = [
  {
    id: "GKE_LEGACY_ABAC_DISABLED",
    description: "Legacy ABAC authorization is off; RBAC alone grants access.",
    checkov: ["CKV_GCP_7"],
    cis: "5.8.3",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.legacyAbac: false",
    check: mustNotBe(
      "enable_legacy_abac",
      true,
      "so any identity may get broad static permissions",
    ),
  },
  {
    id: "GKE_NETWORK_POLICY",
    description:
      "NetworkPolicy is enforced: Dataplane V2 (ADVANCED_DATAPATH) or the network policy add-on.",
    checkov: ["CKV_GCP_12"],
    cis: "4.3.1",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.datapath: ADVANCED_DATAPATH, or cluster.networkPolicy: true",
    check: (c) => {
      const datapath = read(c, "datapath_provider");
      const enabled = read(c, "network_policy.enabled");
      if (datapath === UNKNOWN || enabled === UNKNOWN) return undefined;
      if (datapath === "ADVANCED_DATAPATH" || enabled === true) return undefined;
      return `datapath_provider is ${show(datapath)} and network_policy.enabled is ${show(enabled)}, so NetworkPolicy objects are ignored`;
    },
  },
  {
    id: "GKE_CLIENT_CERTIFICATE_DISABLED",
    description: "No legacy client certificate is issued for control plane access.",
    checkov: ["CKV_GCP_13"],
    cis: "5.8.1",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.issueClientCertificate: false",
    check: mustNotBe(
      "master_auth.client_certificate_config.issue_client_certificate",
      true,
      "a credential that cannot be revoked",
    ),
  },
  {
    id: "GKE_MASTER_AUTHORIZED_NETWORKS",
    description: "Control plane access is limited to authorized networks, never 0.0.0.0/0.",
    checkov: ["CKV_GCP_20", "CKV_GCP_18"],
    cis: "5.6.3",
    resourceType: GKE_CLUSTER,
    fix: "list your deploy runners' CIDR blocks in cluster.masterAuthorizedNetworks, never 0.0.0.0/0",
    check: (c) => {
      const config = read(c, "master_authorized_networks_config");
      if (config === undefined)
        return "master_authorized_networks_config is absent, so any IP may reach the control plane";
      const blocks = read(c, "master_authorized_networks_config.cidr_blocks");
      if (!Array.isArray(blocks)) return undefined;
      const open = blocks.findIndex((b) => String(b?.cidr_block).endsWith("/0"));
      return open < 0
        ? undefined
        : `master_authorized_networks_config.cidr_blocks[${open}].cidr_block is ${show(blocks[open].cidr_block)}, the whole internet`;
    },
  },
  {
    id: "GKE_RESOURCE_LABELS",
    description: "The cluster carries resource labels, for ownership and cost attribution.",
    checkov: ["CKV_GCP_21"],
    resourceType: GKE_CLUSTER,
    fix: "add labels under cluster.labels",
    check: (c) => {
      const labels = read(c, "resource_labels");
      if (labels === UNKNOWN) return undefined;
      return labels === undefined || Object.keys(labels as object).length === 0
        ? `resource_labels is ${show(labels)}`
        : undefined;
    },
  },
  {
    id: "GKE_VPC_NATIVE",
    description: "The cluster is VPC-native (alias IPs from ip_allocation_policy).",
    checkov: ["CKV_GCP_23"],
    cis: "5.6.2",
    resourceType: GKE_CLUSTER,
    fix: "name the secondary ranges with network.podsRangeName and network.servicesRangeName",
    check: (c) => {
      if (read(c, "networking_mode") === "ROUTES") return `networking_mode is "ROUTES"`;
      return read(c, "ip_allocation_policy") === undefined
        ? "ip_allocation_policy is absent, so the cluster is routes-based"
        : undefined;
    },
  },
  {
    id: "GKE_PRIVATE_NODES",
    description: "Nodes have internal IP addresses only.",
    checkov: ["CKV_GCP_64", "CKV_GCP_25"],
    cis: "5.6.5",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.privateNodes: true",
    check: mustBe(
      "private_cluster_config.enable_private_nodes",
      true,
      "so nodes get public IP addresses",
    ),
  },
  {
    id: "GKE_INTRANODE_VISIBILITY",
    description: "Pod-to-pod traffic on a node is visible to VPC flow logs.",
    checkov: ["CKV_GCP_61"],
    cis: "5.6.1",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.intranodeVisibility: true",
    check: mustBe("enable_intranode_visibility", true, "so traffic within a node is not logged"),
  },
  {
    id: "GKE_BINARY_AUTHORIZATION",
    description: "Binary authorization enforces the project's policy on deployed images.",
    checkov: ["CKV_GCP_66"],
    cis: "5.10.4",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.binaryAuthorization: true",
    check: (c) => {
      const mode = read(c, "binary_authorization.evaluation_mode");
      const enabled = read(c, "binary_authorization.enabled");
      if (mode === UNKNOWN || enabled === UNKNOWN) return undefined;
      if (mode === "PROJECT_SINGLETON_POLICY_ENFORCE" || (mode === undefined && enabled === true))
        return undefined;
      return `binary_authorization.evaluation_mode is ${show(mode)}, so any image may run`;
    },
  },
  {
    id: "GKE_RELEASE_CHANNEL",
    description: "The cluster follows a release channel, so GKE keeps it patched.",
    checkov: ["CKV_GCP_70"],
    cis: "5.5.4",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.releaseChannel: REGULAR (or RAPID, STABLE, EXTENDED)",
    check: (c) => {
      const channel = read(c, "release_channel.channel");
      return channel === undefined || channel === "UNSPECIFIED"
        ? `release_channel.channel is ${show(channel)}`
        : undefined;
    },
  },
  {
    id: "GKE_SHIELDED_NODES",
    description: "Shielded GKE nodes: nodes prove their identity to the control plane.",
    checkov: ["CKV_GCP_71"],
    cis: "5.5.5",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.shieldedNodes: true",
    check: mustNotBe("enable_shielded_nodes", false, "so a node's identity is not verified"),
  },
  {
    id: "GKE_ALPHA_DISABLED",
    description: "No Kubernetes alpha features (alpha clusters expire and get no support).",
    checkov: ["CKV2_GCP_19"],
    cis: "5.10.2",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.kubernetesAlpha: false",
    check: mustNotBe(
      "enable_kubernetes_alpha",
      true,
      "an unsupported cluster deleted after 30 days",
    ),
  },
  {
    id: "GKE_WORKLOAD_IDENTITY",
    description: "Workload Identity: pods act as IAM service accounts, not as the node.",
    checkov: [],
    cis: "5.2.2",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.workloadIdentity: true",
    check: (c) => {
      const pool = read(c, "workload_identity_config.workload_pool");
      return pool === undefined || pool === ""
        ? `workload_identity_config.workload_pool is ${show(pool)}`
        : undefined;
    },
  },
  {
    id: "GKE_DELETION_PROTECTION",
    description: "Terraform refuses to destroy the cluster.",
    checkov: [],
    resourceType: GKE_CLUSTER,
    fix: "set cluster.deletionProtection: true",
    check: mustNotBe("deletion_protection", false, "so a plan can delete the cluster"),
  },
  {
    id: "GKE_LOGGING",
    description: "Cloud Logging collects system and workload logs.",
    checkov: ["CKV_GCP_1"],
    cis: "5.7.1",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.logging: true",
    check: serviceOff("logging"),
  },
  {
    id: "GKE_MONITORING",
    description: "Cloud Monitoring collects system metrics.",
    checkov: ["CKV_GCP_8"],
    cis: "5.7.1",
    resourceType: GKE_CLUSTER,
    fix: "set cluster.monitoring: true",
    check: serviceOff("monitoring"),
  },
];
