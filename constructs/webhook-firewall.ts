import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { GoogleComputeFirewall } from "@cdktf/provider-google-beta/lib/google-compute-firewall";

export interface WebhookFirewallProps {
  readonly project: string;
  /** VPC network (name, id or self link) of the nodes. */
  readonly network: string;
  /** Rule name, at most 63 characters. */
  readonly name: string;
  /** The control plane's range (the private cluster's master_ipv4_cidr_block). */
  readonly sourceRanges: string[];
  /** Node service accounts the rule applies to. @default - every instance of the network */
  readonly targetServiceAccounts?: string[];
  /** TCP ports the webhooks listen on. @default ["15017"] (istiod's injection and validation webhooks) */
  readonly ports?: string[];
  /** @default - the stack's google-beta provider */
  readonly provider?: TerraformProvider;
}

/**
 * Lets a private cluster's control plane call admission webhooks on the nodes. GKE's own rule
 * opens only 443 and 10250, so without this istiod's sidecar injection and validation time out
 * (https://cloud.google.com/service-mesh/docs/private-cluster-open-port).
 */
export class WebhookFirewall extends Construct {
  readonly resource: GoogleComputeFirewall;

  constructor(scope: Construct, id: string, props: WebhookFirewallProps) {
    super(scope, id);
    if (props.sourceRanges.length === 0) {
      throw new Error(`'sourceRanges' must list the control plane's range, got []`);
    }
    const ports = props.ports ?? ["15017"];
    for (const port of ports) {
      if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
        throw new Error(`'ports' must hold TCP ports 1 to 65535, got '${port}'`);
      }
    }
    this.resource = new GoogleComputeFirewall(this, "Resource", {
      provider: props.provider,
      project: props.project,
      network: props.network,
      name: props.name,
      direction: "INGRESS",
      sourceRanges: props.sourceRanges,
      targetServiceAccounts: props.targetServiceAccounts,
      allow: [{ protocol: "tcp", ports }],
    });
  }
}
