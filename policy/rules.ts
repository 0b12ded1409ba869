import { CLUSTER_RULES } from "./cluster-rules";
import { MESH_RULES } from "./mesh-rules";
import { NODE_POOL_RULES } from "./node-pool-rules";
import { PolicyRule } from "./policy-rule";

/**
 * Every policy rule, cluster rules first, then node pool and mesh rules. Only cdktf's Token is needed to load this,
 * never a provider class, so the config layer can validate waivers against it.
 */
export const POLICY_RULES: readonly PolicyRule[] = [
  ...CLUSTER_RULES,
  ...NODE_POOL_RULES,
  ...MESH_RULES,
];

export const POLICY_RULE_IDS: readonly string[] = POLICY_RULES.map((r) => r.id);
