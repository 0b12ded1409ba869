import { ITerraformDependable, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { GoogleContainerCluster } from "@cdktf/provider-google-beta/lib/google-container-cluster";

export type ReleaseChannel = "RAPID" | "REGULAR" | "STABLE" | "EXTENDED" | "UNSPECIFIED";
export type MeshMtls = "STRICT" | "PERMISSIVE";

export interface AuthorizedNetwork {
  readonly cidrBlock: string;
  /** @default - the CIDR block */
  readonly displayName?: string;
}

export interface GkeClusterProps {
  /** GCP project id. */
  readonly project: string;
  /** Region (regional cluster) or zone (zonal cluster). Changing it replaces the cluster. */
  readonly location: string;
  /** Cluster name, at most 40 characters. Changing it replaces the cluster. */
  readonly name: string;
  /** The google-beta provider the cluster is routed to. @default - the stack's google-beta provider */
  readonly provider?: TerraformProvider;
  /** VPC network (name or self link). */
  readonly network: string;
  /** Subnetwork (name or self link) with the two secondary ranges below. */
  readonly subnetwork: string;
  /** Secondary range of the subnetwork for pods. */
  readonly podsRangeName: string;
  /** Secondary range of the subnetwork for services. */
  readonly servicesRangeName: string;
  /** @default "REGULAR" */
  readonly releaseChannel?: ReleaseChannel;
  /** @default - chosen by the release channel */
  readonly minMasterVersion?: string;
  /** Daily maintenance window start, "HH:MM" GMT. @default "04:00" */
  readonly maintenanceStartTime?: string;
  /** resource_labels on the cluster. @default {} */
  readonly labels?: Record<string, string>;
  /** @default true */
  readonly deletionProtection?: boolean;
  /** @default - every zone of a region, or the cluster's zone */
  readonly nodeLocations?: string[];
  /** CIDR blocks allowed to reach the control plane; 0.0.0.0/0 is refused. @default [] */
  readonly masterAuthorizedNetworks?: AuthorizedNetwork[];
  /** @default true */
  readonly privateNodes?: boolean;
  /** @default false */
  readonly privateEndpoint?: boolean;
  /** @default "172.16.0.0/28" */
  readonly masterIpv4CidrBlock?: string;
  /**
   * A private cluster's control plane endpoint answers clients in every region (the members of a
   * mesh in several regions reach each other's API servers). @default false
   */
  readonly controlPlaneGlobalAccess?: boolean;
  /** @default true */
  readonly workloadIdentity?: boolean;
  /** @default "ADVANCED_DATAPATH" */
  readonly datapath?: "ADVANCED_DATAPATH" | "LEGACY_DATAPATH";
  /** Enforce NetworkPolicy (Dataplane V2 enforces it itself; the legacy datapath gets the Calico add-on). @default true */
  readonly networkPolicy?: boolean;
  /** @default true */
  readonly binaryAuthorization?: boolean;
  /** @default true */
  readonly intranodeVisibility?: boolean;
  /** @default true */
  readonly shieldedNodes?: boolean;
  /** @default false */
  readonly issueClientCertificate?: boolean;
  /** @default false */
  readonly legacyAbac?: boolean;
  /** @default false */
  readonly kubernetesAlpha?: boolean;
  /** @default true */
  readonly logging?: boolean;
  /** @default true */
  readonly monitoring?: boolean;
  /**
   * The Gateway API CRDs, installed and reconciled by GKE: true is `gateway_api_config` channel
   * CHANNEL_STANDARD, false CHANNEL_DISABLED. @default - not set: a new cluster gets GKE's
   * default, an existing one keeps its channel (the provider's field is optional and computed)
   */
  readonly gatewayApi?: boolean;
  /** The GKE Istio add-on (beta, old GKE versions only) with its mesh-wide mTLS mode. @default - no add-on */
  readonly istioAddon?: { readonly mtls: MeshMtls };
  /** Resources to create first, such as enabled APIs. @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** Register the cluster in this project's fleet (Cloud Service Mesh needs it). @default - not registered */
  readonly fleetProject?: string;
  /**
   * Service account of the temporary default pool, which lives only until the cluster is created
   * (`remove_default_node_pool`). Hardened projects delete the Compute Engine default account,
   * without which that pool, and so the cluster, cannot be created. Later changes are ignored:
   * `node_config` forces replacement of the whole cluster. @default - the Compute Engine default account
   */
  readonly defaultPoolServiceAccount?: string;
}

const NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A GKE Standard cluster without its default node pool, hardened by default:
 * private nodes, Workload Identity, VPC-native, Dataplane V2, shielded nodes,
 * binary authorization, no client certificate, no legacy ABAC, a release channel.
 * Node pools are separate `NodePool` constructs, as in the seed article.
 */
export class GkeCluster extends Construct {
  readonly resource: GoogleContainerCluster;
  readonly name: string;
  readonly location: string;
  readonly project: string;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name) && !NAME.test(props.name)) {
      throw new Error(
        `'name' must be 1 to 40 lower-case letters, digits or '-', starting with a letter, got '${props.name}'`,
      );
    }
    const maintenance = props.maintenanceStartTime ?? "04:00";
    if (!HHMM.test(maintenance)) {
      throw new Error(`'maintenanceStartTime' must be "HH:MM" (GMT), got '${maintenance}'`);
    }
    const authorized = props.masterAuthorizedNetworks ?? [];
    for (const net of authorized) {
      if (net.cidrBlock.endsWith("/0")) {
        throw new Error(
          `'masterAuthorizedNetworks' must not open the control plane to the internet, got '${net.cidrBlock}'`,
        );
      }
    }
    const privateNodes = props.privateNodes ?? true;
    const datapath = props.datapath ?? "ADVANCED_DATAPATH";
    const networkPolicy = props.networkPolicy ?? true;
    const legacyCalico = datapath === "LEGACY_DATAPATH" && networkPolicy;
    const channel = props.releaseChannel ?? "REGULAR";

    this.name = props.name;
    this.location = props.location;
    this.project = props.project;
    this.resource = new GoogleContainerCluster(this, "Resource", {
      provider: props.provider,
      dependsOn: props.dependsOn,
      project: props.project,
      name: props.name,
      location: props.location,
      nodeLocations: props.nodeLocations,
      minMasterVersion: props.minMasterVersion,
      releaseChannel: { channel },
      // The default pool cannot be configured as hardened as NodePool; replace it, as the seed does.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      nodeConfig: props.defaultPoolServiceAccount
        ? {
            serviceAccount: props.defaultPoolServiceAccount,
            oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
          }
        : undefined,
      // node_config only shapes the temporary default pool, and a change would replace the cluster.
      lifecycle: { ignoreChanges: ["node_config"] },
      deletionProtection: props.deletionProtection ?? true,
      resourceLabels: props.labels ?? {},
      network: props.network,
      subnetwork: props.subnetwork,
      networkingMode: "VPC_NATIVE",
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.podsRangeName,
        servicesSecondaryRangeName: props.servicesRangeName,
      },
      datapathProvider: datapath,
      networkPolicy: legacyCalico ? { enabled: true, provider: "CALICO" } : undefined,
      // Optional+Computed: an omitted block keeps what the cluster has, so "off" is written out
      // (a change of enable_private_nodes replaces the cluster, which deletion protection stops).
      privateClusterConfig: privateNodes
        ? {
            enablePrivateNodes: true,
            enablePrivateEndpoint: props.privateEndpoint ?? false,
            masterIpv4CidrBlock: props.masterIpv4CidrBlock ?? "172.16.0.0/28",
            // Written only when asked, so clusters outside a multi-region mesh keep their output.
            ...(props.controlPlaneGlobalAccess
              ? { masterGlobalAccessConfig: { enabled: true } }
              : {}),
          }
        : { enablePrivateNodes: false, enablePrivateEndpoint: false },
      masterAuthorizedNetworksConfig: {
        cidrBlocks: authorized.map((n) => ({
          cidrBlock: n.cidrBlock,
          displayName: n.displayName ?? n.cidrBlock,
        })),
      },
      masterAuth: {
        clientCertificateConfig: { issueClientCertificate: props.issueClientCertificate ?? false },
      },
      enableLegacyAbac: props.legacyAbac ?? false,
      enableKubernetesAlpha: props.kubernetesAlpha ?? false,
      enableShieldedNodes: props.shieldedNodes ?? true,
      enableIntranodeVisibility: props.intranodeVisibility ?? true,
      // Optional+Computed too; an empty pool is the provider's own way to turn it off
      // (google-beta 6.50.0, testAccContainerCluster_updateWorkloadIdentityConfig).
      workloadIdentityConfig: {
        workloadPool: (props.workloadIdentity ?? true) ? `${props.project}.svc.id.goog` : "",
      },
      binaryAuthorization: {
        evaluationMode:
          (props.binaryAuthorization ?? true) ? "PROJECT_SINGLETON_POLICY_ENFORCE" : "DISABLED",
      },
      loggingService: (props.logging ?? true) ? "logging.googleapis.com/kubernetes" : "none",
      monitoringService:
        (props.monitoring ?? true) ? "monitoring.googleapis.com/kubernetes" : "none",
      maintenancePolicy: { dailyMaintenanceWindow: { startTime: maintenance } },
      addonsConfig: {
        networkPolicyConfig: legacyCalico ? { disabled: false } : undefined,
        istioConfig: props.istioAddon
          ? {
              disabled: false,
              auth: props.istioAddon.mtls === "STRICT" ? "AUTH_MUTUAL_TLS" : "AUTH_NONE",
            }
          : undefined,
      },
      gatewayApiConfig:
        props.gatewayApi === undefined
          ? undefined
          : { channel: props.gatewayApi ? "CHANNEL_STANDARD" : "CHANNEL_DISABLED" },
      fleet: props.fleetProject ? { project: props.fleetProject } : undefined,
    });
  }

  /** `gcloud container clusters get-credentials ...` for this cluster. */
  get credentialsCommand(): string {
    const flag = /-[a-z]$/.test(this.location) ? "--zone" : "--region";
    return `gcloud container clusters get-credentials ${this.name} ${flag} ${this.location} --project ${this.project}`;
  }
}
