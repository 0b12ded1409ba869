import { SynthesizedConfig } from "./synthesized-config";

export const GKE_CLUSTER = "google_container_cluster";
export const GKE_NODE_POOL = "google_container_node_pool";
/** Istio's charts, judged on their merged values. */
export const HELM_RELEASE = "helm_release";
export type PolicyResourceType = typeof GKE_CLUSTER | typeof GKE_NODE_POOL | typeof HELM_RELEASE;

/**
 * One check of the security policy, with what it corresponds to in checkov and the CIS GKE Benchmark.
 * checkov ids were checked against the check classes in bridgecrewio/checkov
 * (checkov/terraform/checks/resource/gcp/GKE*.py, graph_checks/gcp/*.yaml); CIS sections against
 * CIS GKE Benchmark v1.6.0, as kube-bench transcribes it (cfg/gke-1.6.0/managedservices.yaml and
 * policies.yaml). Sections are renumbered between benchmark versions.
 */
export interface PolicyRule {
  /** Stable id, used in waivers; never renamed. */
  readonly id: string;
  /** One line: what must hold. */
  readonly description: string;
  /** checkov check ids, such as CKV_GCP_7; empty when no checkov check tests the same thing. @default [] */
  readonly checkov: readonly string[];
  /** CIS GKE Benchmark v1.6.0 recommendation, such as "5.8.3". @default - none */
  readonly cis?: string;
  /** Node pool rules also check a cluster's default pool and inline node_pool blocks. */
  readonly resourceType: PolicyResourceType;
  /** The environment-file key (and value) that fixes a violation. */
  readonly fix: string;
  /**
   * The offending value, in words, or undefined when the resource passes.
   * Values that are tokens (unknown until plan) pass: the check never guesses.
   */
  readonly check: (config: SynthesizedConfig) => string | undefined;
}

/** An environment's knowing exception to a rule. */
export interface PolicyWaiver {
  readonly rule: string;
  readonly reason: string;
}
