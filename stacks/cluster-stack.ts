import { Annotations, Aspects, dependable, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GoogleBetaProvider } from "@cdktf/provider-google-beta/lib/provider";
import { GoogleProjectService } from "@cdktf/provider-google-beta/lib/google-project-service";
import { DataGoogleProject } from "@cdktf/provider-google-beta/lib/data-google-project";
import { EnvironmentConfig, regionOf } from "../config/schema";
import { CloudServiceMesh, SERVICE_MESH_APIS, meshIdLabel } from "../constructs/cloud-service-mesh";
import { ClusterNetwork } from "../constructs/cluster-network";
import { GkeCluster } from "../constructs/gke-cluster";
import { NodePool } from "../constructs/node-pool";
import { NodeServiceAccount } from "../constructs/node-service-account";
import { WebhookFirewall } from "../constructs/webhook-firewall";
import { ReleaseChannelRecord } from "../constructs/release-channel-record";
import { wantsWaypoint } from "../config/ambient-rules";
import { locationWarnings } from "../config/location-rules";
import { kubernetesWindowWarnings } from "../config/kubernetes-rules";
import { releaseChannelOf } from "../config/gke-api-rules";
import { PolicyAspect } from "../policy/policy-aspect";
import { configureBackend } from "./backend";
import { hasWebhookFirewall, resourceNames } from "../config/resource-names";
import { dependOnRequiredApis } from "./required-apis";

/** APIs every mode needs; enabled, and never disabled on destroy. */
export const BASE_APIS = ["compute.googleapis.com", "container.googleapis.com"] as const;
/** Needed before a cluster with binary authorization (the default) can be created. */
export const BINARY_AUTHORIZATION_API = "binaryauthorization.googleapis.com";

/** Synth warning on every managed-mode environment (pinned by a test). */
export const MANAGED_MODE_WARNING =
  "mode 'managed' uses the GKE Istio add-on, which GKE no longer accepts: no GKE version offered " +
  'today creates this cluster (gcloud answers "The --istio-config flag is no longer supported"); ' +
  "use mode 'cloud-service-mesh' for Google's managed Istio (docs/upgrades-and-migrations.md)";

export const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
/** Scopes that let nodes read images from Artifact Registry (with the account's reader role). */
export const REGISTRY_READ_SCOPES = [
  CLOUD_PLATFORM_SCOPE,
  "https://www.googleapis.com/auth/devstorage.read_only",
];
/** Synth warning for node scopes that cannot pull private images (pinned by a test). */
export const SCOPES_WARNING =
  "without the cloud-platform (or devstorage.read_only) scope, nodes cannot pull private images " +
  "from Artifact Registry, even with roles/artifactregistry.reader; " +
  "use ['https://www.googleapis.com/auth/cloud-platform'] (the default) and let IAM roles limit the nodes";

export interface ClusterStackProps {
  readonly environment: EnvironmentConfig;
  /**
   * cloud-service-mesh mode: create the project-wide `servicemesh` fleet feature here. False
   * when another environment of the same project owns it. @default true
   */
  readonly createMeshFeature?: boolean;
  /**
   * cloud-service-mesh mode, with createMeshFeature: other environments of the project depend on
   * the feature, so it carries `prevent_destroy`. @default false
   */
  readonly meshFeatureShared?: boolean;
  /**
   * Private control plane endpoint reachable from every region: set for the members of a mesh
   * in two or more regions. @default false
   */
  readonly controlPlaneGlobalAccess?: boolean;
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
    const names = resourceNames(env);
    configureBackend(this, id, env.name, env.backend);
    // Checks this stack's clusters and node pools, including ones a library user adds.
    Aspects.of(this).add(new PolicyAspect({ waivers: env.policy?.waivers }));

    this.provider = new GoogleBetaProvider(this, "GoogleBeta", { project: env.project });
    const provider = this.provider;

    const csm = env.mode === "cloud-service-mesh";
    if (env.enableApis ?? true) {
      for (const service of BASE_APIS) this.enableApi(env.project, service);
      if (c.binaryAuthorization ?? true) this.enableApi(env.project, BINARY_AUTHORIZATION_API);
      if (csm) for (const service of SERVICE_MESH_APIS) this.enableApi(env.project, service);
    }
    if (env.mode === "managed") {
      Annotations.of(this).addWarning(`environment '${env.name}': ${MANAGED_MODE_WARNING}`);
    }
    // What the upstream tables cannot settle: a location newer than them, a channel that moved.
    for (const warning of [...locationWarnings(env), ...kubernetesWindowWarnings(env)]) {
      Annotations.of(this).addWarning(`environment '${env.name}': ${warning}`);
    }
    // The console's mesh views group clusters by this label (CSM's Terraform sample sets it too).
    const meshLabel = csm
      ? meshIdLabel(
          new DataGoogleProject(this, "Project", { provider, projectId: env.project }).number,
        )
      : {};

    const network = new ClusterNetwork(this, "Network", {
      provider,
      project: env.project,
      region: regionOf(env.location),
      existing: net.existing,
      networkProject: net.project,
      networkName: names.network,
      subnetName: names.subnetwork,
      routerName: names.router,
      natName: names.nat,
      subnetCidr: net.subnetCidr,
      podsRangeName: net.podsRangeName,
      podsCidr: net.podsCidr,
      servicesRangeName: net.servicesRangeName,
      servicesCidr: net.servicesCidr,
      cloudNat: net.cloudNat,
    });

    const needsAccount = env.nodePools.some((p) => !p.serviceAccount);
    const account = needsAccount
      ? new NodeServiceAccount(this, "NodeServiceAccount", {
          provider,
          project: env.project,
          accountId: names.nodeServiceAccountId,
        })
      : undefined;

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
      labels: { "managed-by": "gke-istio-cdktf", environment: env.name, ...c.labels, ...meshLabel },
      deletionProtection: c.deletionProtection,
      nodeLocations: c.nodeLocations,
      masterAuthorizedNetworks: c.masterAuthorizedNetworks,
      privateNodes: c.privateNodes,
      privateEndpoint: c.privateEndpoint,
      masterIpv4CidrBlock: c.masterIpv4CidrBlock,
      controlPlaneGlobalAccess: props.controlPlaneGlobalAccess,
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
      gatewayApi: c.gatewayApi ?? (wantsWaypoint(env) ? true : undefined),
      dependsOn: this.apis,
      istioAddon: env.mode === "managed" ? { mtls: env.istio?.mtls ?? "STRICT" } : undefined,
      // Born in the fleet: GKE creates the membership (id = cluster name, location = its region).
      fleetProject: csm ? env.project : undefined,
      // Hardened projects have no Compute Engine default account for the temporary default pool.
      defaultPoolServiceAccount: env.nodePools[0].serviceAccount ?? account!.email,
    });
    if (!env.nodePools[0].serviceAccount) {
      // The temporary pool's nodes report logs and metrics with the account's roles.
      const cluster = this.cluster.resource;
      cluster.dependsOn = [...(cluster.dependsOn ?? []), ...account!.bindings.map(dependable)];
    }

    if (csm) {
      const fleet = this.cluster.resource.fleet;
      new CloudServiceMesh(this, "ServiceMesh", {
        provider,
        project: env.project,
        membershipId: fleet.membershipId,
        membershipLocation: fleet.membershipLocation,
        createFeature: props.createMeshFeature ?? true,
        keepFeature: props.meshFeatureShared ?? false,
        dependsOn: this.apis.length > 0 ? [...this.apis] : undefined,
      });
      // CSM keeps the channel it was provisioned with when the cluster's changes: a change can
      // only replace this record, and prevent_destroy stops that plan (docs/changes-and-outages.md).
      new ReleaseChannelRecord(this, "ServiceMeshReleaseChannel", {
        channel: releaseChannelOf(env),
        refuseChange: c.deletionProtection ?? true,
      });
    }

    for (const [i, pool] of env.nodePools.entries()) {
      new NodePool(this, `NodePool-${pool.name}`, {
        ...pool,
        // An environment deployed before the hashed names keeps its pools' names.
        legacyName: env.legacyNames ?? false,
        // Deletion protection off means the environment may go; its pools may then be replaced.
        allowReplacement: pool.allowReplacement ?? c.deletionProtection === false,
        provider,
        project: env.project,
        location: env.location,
        cluster: this.cluster.resource.name,
        // The address as text, so the pool's name hash changes when the account does.
        serviceAccount: pool.serviceAccount ?? account!.emailAddress,
        // Nodes need their roles (logs, image pulls) from their first boot.
        dependsOn: pool.serviceAccount ? undefined : [account!.resource, ...account!.bindings],
      });
      const scopes = pool.oauthScopes ?? [CLOUD_PLATFORM_SCOPE];
      if (!scopes.some((s) => REGISTRY_READ_SCOPES.includes(s))) {
        Annotations.of(this).addWarning(
          `environment '${env.name}': nodePools[${i}].oauthScopes: ${SCOPES_WARNING}`,
        );
      }
    }

    if (hasWebhookFirewall(env)) {
      // istiod's webhooks listen on 15017, which a private control plane cannot reach by default.
      new WebhookFirewall(this, "IstioWebhookFirewall", {
        provider,
        project: network.project,
        network: network.network,
        name: names.webhookFirewall,
        sourceRanges: [
          (c.privateNodes ?? true)
            ? this.cluster.resource.privateClusterConfig.masterIpv4CidrBlock
            : // Kept while the cluster may still be private: the range it was created with.
              (c.masterIpv4CidrBlock ?? "172.16.0.0/28"),
        ],
        targetServiceAccounts: [
          ...new Set(env.nodePools.map((p) => p.serviceAccount ?? account!.email)),
        ],
      });
    }

    // Every resource waits for the APIs it calls, not only the cluster (a fresh project has none).
    if (env.enableApis ?? true) {
      dependOnRequiredApis(this, (service) => this.enableApi(env.project, service));
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
    const id = `Api-${service.split(".")[0]}`;
    const existing = this.node.tryFindChild(id) as GoogleProjectService | undefined;
    if (existing) return existing;
    const api = new GoogleProjectService(this, id, {
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
