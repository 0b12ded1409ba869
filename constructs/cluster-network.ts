import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { GoogleComputeNetwork } from "@cdktf/provider-google-beta/lib/google-compute-network";
import { GoogleComputeRouter } from "@cdktf/provider-google-beta/lib/google-compute-router";
import { GoogleComputeRouterNat } from "@cdktf/provider-google-beta/lib/google-compute-router-nat";
import { GoogleComputeSubnetwork } from "@cdktf/provider-google-beta/lib/google-compute-subnetwork";

export interface ClusterNetworkProps {
  readonly project: string;
  /** Region of the subnet, router and NAT. */
  readonly region: string;
  readonly networkName: string;
  readonly subnetName: string;
  /** Cloud Router name (unique per project and region). @default "<networkName>-router" */
  readonly routerName?: string;
  /** Cloud NAT name (unique per router). @default "<networkName>-nat" */
  readonly natName?: string;
  /** @default - the stack's google-beta provider */
  readonly provider?: TerraformProvider;
  /** Name an existing network and subnet instead of creating them. @default false */
  readonly existing?: boolean;
  /** Project that owns the network: a Shared VPC host project. @default - `project` */
  readonly networkProject?: string;
  /** @default "10.0.0.0/20" */
  readonly subnetCidr?: string;
  /** @default "pods" */
  readonly podsRangeName?: string;
  /** @default "10.4.0.0/14" */
  readonly podsCidr?: string;
  /** @default "services" */
  readonly servicesRangeName?: string;
  /** @default "10.8.0.0/20" */
  readonly servicesCidr?: string;
  /** Cloud Router and Cloud NAT, so private nodes can pull public images (Istio's among them). @default - true for a created network, false for an existing one */
  readonly cloudNat?: boolean;
}

/** The cluster's VPC: a network, a subnet with pod and service ranges, and NAT egress for private nodes. */
export class ClusterNetwork extends Construct {
  /** The project that owns the network (where firewall rules and NAT belong). */
  readonly project: string;
  readonly network: string;
  readonly subnetwork: string;
  readonly podsRangeName: string;
  readonly servicesRangeName: string;

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    const provider = props.provider;
    this.podsRangeName = props.podsRangeName ?? "pods";
    this.servicesRangeName = props.servicesRangeName ?? "services";
    const existing = props.existing ?? false;
    this.project = props.networkProject ?? props.project;
    if (existing) {
      this.network = `projects/${this.project}/global/networks/${props.networkName}`;
      this.subnetwork = `projects/${this.project}/regions/${props.region}/subnetworks/${props.subnetName}`;
    } else {
      const network = new GoogleComputeNetwork(this, "Network", {
        provider,
        project: this.project,
        name: props.networkName,
        autoCreateSubnetworks: false,
        routingMode: "REGIONAL",
      });
      const subnet = new GoogleComputeSubnetwork(this, "Subnet", {
        provider,
        project: this.project,
        region: props.region,
        name: props.subnetName,
        network: network.id,
        ipCidrRange: props.subnetCidr ?? "10.0.0.0/20",
        privateIpGoogleAccess: true,
        secondaryIpRange: [
          { rangeName: this.podsRangeName, ipCidrRange: props.podsCidr ?? "10.4.0.0/14" },
          { rangeName: this.servicesRangeName, ipCidrRange: props.servicesCidr ?? "10.8.0.0/20" },
        ],
        logConfig: {
          aggregationInterval: "INTERVAL_10_MIN",
          flowSampling: 0.5,
          metadata: "INCLUDE_ALL_METADATA",
        },
      });
      this.network = network.id;
      this.subnetwork = subnet.id;
    }
    if (props.cloudNat ?? !existing) {
      const router = new GoogleComputeRouter(this, "Router", {
        provider,
        project: this.project,
        region: props.region,
        name: props.routerName ?? `${props.networkName}-router`,
        network: this.network,
      });
      new GoogleComputeRouterNat(this, "Nat", {
        provider,
        project: this.project,
        region: props.region,
        name: props.natName ?? `${props.networkName}-nat`,
        router: router.name,
        natIpAllocateOption: "AUTO_ONLY",
        sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
        logConfig: { enable: true, filter: "ERRORS_ONLY" },
      });
    }
  }
}
