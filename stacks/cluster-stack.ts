import { Aspects, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GoogleBetaProvider } from "@cdktf/provider-google-beta/lib/provider";
import { GoogleProjectService } from "@cdktf/provider-google-beta/lib/google-project-service";
import { EnvironmentConfig, regionOf } from "../config/schema";
import { ClusterNetwork } from "../constructs/cluster-network";
import { GkeCluster } from "../constructs/gke-cluster";
import { NodePool } from "../constructs/node-pool";
import { NodeServiceAccount } from "../constructs/node-service-account";
import { PolicyAspect } from "../policy/policy-aspect";
import { configureBackend } from "./backend";

/** APIs every mode needs; enabled, and never disabled on destroy. */
export const BASE_APIS = ["compute.googleapis.com", "container.googleapis.com"] as const;

export interface ClusterStackProps {
  readonly environment: EnvironmentConfig;
}

/**
 * `<env>-cluster`: the network, the node service account, the cluster and its node pools.
 * Everything goes through the google-beta provider, which the Istio add-on needs; each
 * resource names it (`provider`), or Terraform would route it to the GA provider.
 */
export class ClusterStack extends TerraformStack {
  readonly provider: GoogleBetaProvider;
  readonly cluster: GkeCluster;
  readonly apis: GoogleProjectService[] = [];

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id);
    const env = props.environment;
    const c = env.cluster ?? {};
    const net = env.network ?? {};
    const clusterName = c.name ?? env.name;
    configureBackend(this, id, env.name, env.backend);
    // Checks this stack's clusters and node pools, including ones a library user adds.
    Aspects.of(this).add(new PolicyAspect({ waivers: env.policy?.waivers }));

    this.provider = new GoogleBetaProvider(this, "GoogleBeta", { project: env.project });
    const provider = this.provider;

    if (env.enableApis ?? true) {
      for (const service of BASE_APIS) this.enableApi(env.project, service);
    }

    const network = new ClusterNetwork(this, "Network", {
      provider,
      project: env.project,
      region: regionOf(env.location),
      existing: net.existing,
      networkName: net.name ?? `${clusterName}-vpc`,
      subnetName: net.subnetName ?? `${clusterName}-nodes`,
      subnetCidr: net.subnetCidr,
      podsRangeName: net.podsRangeName,
      podsCidr: net.podsCidr,
      servicesRangeName: net.servicesRangeName,
      servicesCidr: net.servicesCidr,
      cloudNat: net.cloudNat,
    });

    this.cluster = new GkeCluster(this, "Cluster", {
      provider,
      project: env.project,
      location: env.location,
      name: clusterName,
      network: network.network,
      subnetwork: network.subnetwork,
      podsRangeName: network.podsRangeName,
      servicesRangeName: network.servicesRangeName,
      releaseChannel: c.releaseChannel,
      minMasterVersion: c.minMasterVersion,
      maintenanceStartTime: c.maintenanceStartTime,
      labels: { "managed-by": "gke-istio-cdktf", environment: env.name, ...c.labels },
      deletionProtection: c.deletionProtection,
      nodeLocations: c.nodeLocations,
      masterAuthorizedNetworks: c.masterAuthorizedNetworks,
      privateNodes: c.privateNodes,
      privateEndpoint: c.privateEndpoint,
      masterIpv4CidrBlock: c.masterIpv4CidrBlock,
      workloadIdentity: c.workloadIdentity,
      datapath: c.datapath,
      networkPolicy: c.networkPolicy,
      binaryAuthorization: c.binaryAuthorization,
      intranodeVisibility: c.intranodeVisibility,
      shieldedNodes: c.shieldedNodes,
      issueClientCertificate: c.issueClientCertificate,
      legacyAbac: c.legacyAbac,
      kubernetesAlpha: c.kubernetesAlpha,
      logging: c.logging,
      monitoring: c.monitoring,
      dependsOn: this.apis,
      istioAddon: env.mode === "managed" ? { mtls: env.istio?.mtls ?? "STRICT" } : undefined,
    });

    const needsAccount = env.nodePools.some((p) => !p.serviceAccount);
    const account = needsAccount
      ? new NodeServiceAccount(this, "NodeServiceAccount", {
          provider,
          project: env.project,
          accountId: `${clusterName.slice(0, 23).replace(/-+$/, "")}-nodes`,
        })
      : undefined;

    for (const pool of env.nodePools) {
      new NodePool(this, `NodePool-${pool.name}`, {
        ...pool,
        provider,
        project: env.project,
        location: env.location,
        cluster: this.cluster.resource.name,
        serviceAccount: pool.serviceAccount ?? account!.email,
      });
    }

    new TerraformOutput(this, "cluster_name", { value: this.cluster.resource.name });
    new TerraformOutput(this, "location", { value: this.cluster.resource.location });
    new TerraformOutput(this, "endpoint", {
      value: this.cluster.resource.endpoint,
      sensitive: true,
    });
    new TerraformOutput(this, "get_credentials", { value: this.cluster.credentialsCommand });
  }

  /** Enables a Google API for the project once; destroy leaves it enabled. */
  enableApi(project: string, service: string): GoogleProjectService {
    const existing = this.apis.find((a) => a.service === service);
    if (existing) return existing;
    const api = new GoogleProjectService(this, `Api-${service.split(".")[0]}`, {
      provider: this.provider,
      project,
      service,
      disableOnDestroy: false,
      disableDependentServices: false,
    });
    this.apis.push(api);
    return api;
  }
}
