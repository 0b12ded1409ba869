import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { GoogleComputeFirewall } from "@cdktf/provider-google-beta/lib/google-compute-firewall";
import { CROSS_CLUSTER_PROTOCOLS } from "../facts/cloud-service-mesh";

export interface CrossClusterFirewallProps {
  /** Project that owns the network (a Shared VPC host project, or the members' project). */
  readonly project: string;
  /** The members' one VPC network (name, id or self link). */
  readonly network: string;
  /** Rule name, at most 63 characters. */
  readonly name: string;
  /** Every member's pod range. */
  readonly sourceRanges: string[];
  /** Every member's node service accounts. */
  readonly targetServiceAccounts: string[];
  /** @default - the stack's google-beta provider */
  readonly provider?: TerraformProvider;
}

/**
 * Lets pods of every member reach the nodes (and pods) of every other member, all protocols, as
 * Google's multi-cluster guide does (facts/cloud-service-mesh.ts): GKE's own rules admit traffic
 * within one subnet only, and members in two regions have two subnets.
 */
export class CrossClusterFirewall extends Construct {
  readonly resource: GoogleComputeFirewall;

  constructor(scope: Construct, id: string, props: CrossClusterFirewallProps) {
    super(scope, id);
    if (props.sourceRanges.length < 2) {
      throw new Error(
        `'sourceRanges' must list every member's pod range (two or more), got ${JSON.stringify(props.sourceRanges)}`,
      );
    }
    if (props.targetServiceAccounts.length === 0) {
      throw new Error(`'targetServiceAccounts' must list the members' node accounts, got []`);
    }
    this.resource = new GoogleComputeFirewall(this, "Resource", {
      provider: props.provider,
      project: props.project,
      network: props.network,
      name: props.name,
      direction: "INGRESS",
      sourceRanges: props.sourceRanges,
      targetServiceAccounts: props.targetServiceAccounts,
      allow: CROSS_CLUSTER_PROTOCOLS.map((protocol) => ({ protocol })),
    });
  }
}
