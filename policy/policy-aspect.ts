import { Annotations, Aspects, IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { nodePoolsOf } from "./node-pool-rules";
import { GKE_CLUSTER, GKE_NODE_POOL, HELM_RELEASE, PolicyRule, PolicyWaiver } from "./policy-rule";
import { POLICY_RULES } from "./rules";
import { SynthesizedConfig } from "./synthesized-config";

/** A rule a resource breaks; waived when its environment names the rule in policy.waivers. */
export interface PolicyFinding {
  readonly rule: PolicyRule;
  /** Construct path, such as `dev-cluster/Cluster/Resource`. */
  readonly path: string;
  /** Terraform address, such as `google_container_cluster.Cluster_EB0386A7`. */
  readonly address: string;
  /** The offending value, in words. */
  readonly problem: string;
  readonly waiver?: PolicyWaiver;
}

/** The one-line error or warning for a finding. */
export function formatFinding(f: PolicyFinding): string {
  const where = `${f.path} (${f.address})`;
  return f.waiver
    ? `${f.rule.id} waived at ${where}: ${f.problem}; reason: ${f.waiver.reason}`
    : `${f.rule.id} at ${where}: ${f.problem}; to fix, ${f.rule.fix} (or waive ${f.rule.id} in policy.waivers with a reason)`;
}

/** The findings for one resource, judged on its configuration as it will be synthesized. */
export function checkResource(
  resource: TerraformResource,
  waivers: readonly PolicyWaiver[] = [],
): PolicyFinding[] {
  const type = resource.terraformResourceType;
  // Stryker disable next-line ConditionalExpression: equivalent, other resources have no targets below
  if (type !== GKE_CLUSTER && type !== GKE_NODE_POOL && type !== HELM_RELEASE) return [];
  const body = resource.toTerraform().resource?.[type]?.[resource.friendlyUniqueId] as
    SynthesizedConfig | undefined;
  if (!body) return []; // moved away: nothing is synthesized at this address
  const targets = [
    ...(type === GKE_CLUSTER || type === HELM_RELEASE
      ? [{ resourceType: type, prefix: "", config: body }]
      : []),
    ...nodePoolsOf(type, body).map((pool) => ({ resourceType: GKE_NODE_POOL, ...pool })),
  ];
  const findings: PolicyFinding[] = [];
  for (const { resourceType, prefix, config } of targets) {
    for (const rule of POLICY_RULES.filter((r) => r.resourceType === resourceType)) {
      const problem = rule.check(config);
      if (problem === undefined) continue;
      findings.push({
        rule,
        path: resource.node.path,
        address: `${type}.${resource.friendlyUniqueId}`,
        problem: `${prefix}${problem}`,
        waiver: waivers.find((w) => w.rule === rule.id),
      });
    }
  }
  return findings;
}

export interface PolicyAspectProps {
  /** Rules knowingly broken, each with a reason. @default [] */
  readonly waivers?: readonly PolicyWaiver[];
}

/**
 * Checks every google_container_cluster and google_container_node_pool under its scope,
 * from either Google provider, and annotates violations as errors and waived ones as warnings.
 * `checkPolicy(app)` runs the same checks before synth, since the cdktf CLI does not stop on errors.
 */
export class PolicyAspect implements IAspect {
  /** The PolicyAspect nearest to the node (on it or a scope above); none means no waivers. */
  static nearest(node: IConstruct): PolicyAspect {
    for (const scope of [...node.node.scopes].reverse()) {
      const aspect = Aspects.of(scope).all.find((a) => a instanceof PolicyAspect);
      if (aspect) return aspect as PolicyAspect;
    }
    return new PolicyAspect();
  }

  readonly waivers: readonly PolicyWaiver[];

  constructor(props: PolicyAspectProps = {}) {
    this.waivers = props.waivers ?? [];
  }

  findings(node: IConstruct): PolicyFinding[] {
    return TerraformResource.isTerraformResource(node) ? checkResource(node, this.waivers) : [];
  }

  visit(node: IConstruct): void {
    // One aspect judges each resource: one on the app must not override a stack's waivers.
    if (PolicyAspect.nearest(node) !== this) return;
    for (const finding of this.findings(node)) {
      const annotations = Annotations.of(node);
      if (finding.waiver) annotations.addWarning(formatFinding(finding));
      else annotations.addError(formatFinding(finding));
    }
  }
}
