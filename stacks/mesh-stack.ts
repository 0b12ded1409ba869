import { Annotations, Aspects, ITerraformDependable, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig, isZone } from "../config/schema";
import { injectionNamespaces } from "../config/istio-schema";
import {
  DEFAULT_TAG,
  revisionPicture,
  revisionPlan,
  tagMoveWarnings,
} from "../config/istio-revisions";
import { environmentReleaseWarnings, todayUtc } from "../config/istio-releases";
import { meshTransitionWarnings } from "../config/mesh-transitions";
import { istioChartLayout } from "../config/istio-versions";
import { AmbientNamespaces } from "../constructs/ambient-namespaces";
import { ChangeGuard } from "../constructs/change-guard";
import { ClusterAdminBinding } from "../constructs/cluster-admin-binding";
import { ClusterConnection } from "../constructs/cluster-connection";
import { MultiClusterDiscovery } from "../constructs/multi-cluster-discovery";
import { meshOf } from "../config/mesh-schema";
import { DEFAULT_CONTROL_PLANE_REPLICAS } from "../constructs/control-plane-availability";
import { IstioHelmInstall } from "../constructs/istio-helm-install";
import { MeshPeerAuthentication } from "../constructs/mesh-peer-authentication";
import { MtlsPortExceptions } from "../constructs/mtls-port-exceptions";
import { RemovedResources } from "../constructs/removed-resources";
import { ISTIO_REVISION_LABEL, SidecarInjection } from "../constructs/sidecar-injection";
import { PolicyAspect } from "../policy/policy-aspect";
import { meshMembershipOf } from "../config/oss-members";
import { trustSecretOf } from "../config/mesh-trust";
import { EastWestGateway } from "../constructs/east-west-gateway";
import { AmbientEastWestGateway } from "../constructs/ambient-east-west-gateway";
import { SecretManagerCa } from "../constructs/secret-manager-ca";
import { configureBackend } from "./backend";

export interface MeshStackProps {
  readonly environment: EnvironmentConfig;
  /** The date the end-of-support warnings are checked against, YYYY-MM-DD. @default - today (UTC) */
  readonly today?: string;
}

/**
 * `<env>-mesh`: what lives inside the cluster (Istio, namespaces, labels), applied after
 * the cluster stack with providers that read the cluster's endpoint at plan time.
 */
export class MeshStack extends TerraformStack {
  readonly connection: ClusterConnection;
  /** oss mode only. */
  readonly istio?: IstioHelmInstall;

  constructor(scope: Construct, id: string, props: MeshStackProps) {
    super(scope, id);
    const env = props.environment;
    configureBackend(this, id, env.name, env.backend);
    // The mesh rules (ISTIO_*) judge this stack's releases, with the environment's waivers.
    Aspects.of(this).add(new PolicyAspect({ waivers: env.policy?.waivers }));
    const entries = injectionNamespaces(env.istio);
    this.connection = new ClusterConnection(this, "Connection", {
      project: env.project,
      location: env.location,
      clusterName: env.cluster?.name ?? env.name,
      auth: env.cluster?.providerAuth,
      // Created namespaces are a Helm release in every mode (KeptNamespaces).
      helm:
        env.mode === "oss" ||
        env.mode === "cloud-service-mesh" ||
        entries.some((entry) => entry.create),
    });
    // A standing cluster-admin grant only for the identities the file names (none by default).
    const adminList = env.istio?.clusterAdmins ?? {};
    const admins =
      (adminList.users?.length ?? 0) +
        (adminList.groups?.length ?? 0) +
        (adminList.serviceAccounts?.length ?? 0) >
      0
        ? new ClusterAdminBinding(this, "ClusterAdminBinding", adminList)
        : undefined;
    // Injection labels only work once the injection webhook exists.
    let injectionDependsOn: ITerraformDependable[] | undefined;
    if (env.mode === "oss") {
      const istio = env.istio ?? {};
      const plan = revisionPlan(env.istio);
      const gateway = istio.ingressGateway;
      // A member of a multi-cluster mesh: its place in the mesh, and the CA its mesh shares.
      const member = meshMembershipOf(env);
      const trust = trustSecretOf(env.mesh?.trust, env.name);
      const ca =
        trust &&
        new SecretManagerCa(this, "MeshCa", {
          secretPrefix: trust.secretPrefix,
          version: trust.version,
          project: trust.secretPrefix.startsWith("projects/") ? undefined : env.project,
        });
      this.istio = new IstioHelmInstall(this, "Istio", {
        version: istio.version,
        mtls: istio.mtls,
        profile: istio.profile,
        values: istio.values,
        ingressGateway: gateway === undefined ? undefined : gateway !== false,
        ...(plan
          ? {
              revisions: {
                revisions: plan.revisions,
                tags: Object.fromEntries([...plan.tags].filter(([tag]) => tag !== DEFAULT_TAG)),
                defaultRevision: plan.defaultRevision,
              },
              ingressGatewayRevision: typeof gateway === "object" ? gateway.revision : undefined,
            }
          : {}),
        dataplane: istio.dataplane,
        availability: {
          minReplicas: istio.minReplicas ?? DEFAULT_CONTROL_PLANE_REPLICAS,
          // A zonal cluster with nodeLocations in other zones spreads over zones too.
          regional: !isZone(env.location) || (env.cluster?.nodeLocations?.length ?? 0) > 1,
        },
        dependsOn: admins ? [admins.resource] : undefined,
        chartRepository: istio.chartRepository,
        hub: istio.hub,
        meshMember: member,
        caCertificates: ca?.certificates,
      });
      // sidecar <-> ambient drops traffic under STRICT while a namespace moves: the record of the
      // running dataplane refuses that plan then, and lets it through under PERMISSIVE (the
      // three applies of docs/ambient.md). Off with the cluster's deletion protection, for destroy.
      const layout = istio.version === undefined ? undefined : istioChartLayout(istio.version);
      if (!(layout && "layout" in layout && layout.layout === "legacy")) {
        new ChangeGuard(this, "Dataplane", {
          values: { dataplane: istio.dataplane ?? "sidecar" },
          refuseChange:
            (istio.mtls ?? "STRICT") === "STRICT" && (env.cluster?.deletionProtection ?? true),
        });
      }
      if (member && env.mesh?.network === "per-cluster" && this.istio.nodeAgents) {
        // Ambient: a Gateway API east-west gateway, which istiod deploys once ztunnel runs.
        new AmbientEastWestGateway(this, "EastWestGateway", {
          network: member.network,
          provider: this.connection.helm,
          dependsOn: [this.istio.controlPlane, this.istio.nodeAgents],
        });
      } else if (member && env.mesh?.network === "per-cluster") {
        // Gateway pods follow the default tag with revisions, like namespaces without a label.
        const revisions = this.istio.revisions;
        new EastWestGateway(this, "EastWestGateway", {
          network: member.network,
          version: revisions ? revisions.resolve(DEFAULT_TAG).version : this.istio.version,
          chartRepository: this.istio.chartRepository,
          availability: {
            minReplicas: istio.minReplicas ?? DEFAULT_CONTROL_PLANE_REPLICAS,
            regional: !isZone(env.location) || (env.cluster?.nodeLocations?.length ?? 0) > 1,
          },
          provider: this.connection.helm,
          dependsOn: [revisions ? revisions.serving(DEFAULT_TAG) : this.istio.controlPlane],
        });
      }
      // Unknown patches and minors past their end of support (GKE_ISTIO_STRICT=1 refuses them).
      for (const warning of environmentReleaseWarnings(env, props.today ?? todayUtc())) {
        Annotations.of(this).addWarning(`environment '${env.name}': ${warning}`);
      }
      // With revisions, a namespace waits for every istiod and tag: whichever serves its label.
      injectionDependsOn = this.istio.revisions
        ? this.istio.revisions.releases
        : [this.istio.controlPlane];
    }
    let namespaces: AmbientNamespaces | SidecarInjection | undefined;
    if (entries.length > 0 && this.istio?.nodeAgents) {
      // Ambient: enrolled by label once the node agents run; never the sidecar injection label.
      // The id is SidecarInjection's, so the namespaces keep their Terraform addresses: switching
      // an environment's dataplane relabels them in place (a replaced namespace loses its pods).
      namespaces = new AmbientNamespaces(this, "SidecarInjection", {
        namespaces: entries,
        dependsOn: [this.istio.nodeAgents],
        waypointDependsOn: [this.istio.controlPlane],
        helmProvider: this.connection.helm,
      });
    } else if (entries.length > 0) {
      namespaces = new SidecarInjection(this, "SidecarInjection", {
        namespaces: entries.map((entry) => entry.name),
        // istio.io/rev=<revision or tag> instead of istio-injection, never both (istio-injection wins).
        labelsByNamespace: Object.fromEntries(
          entries
            .filter((entry) => entry.revision !== undefined)
            .map((entry) => [entry.name, { [ISTIO_REVISION_LABEL]: entry.revision! }]),
        ),
        create: entries.filter((entry) => entry.create).map((entry) => entry.name),
        dependsOn: injectionDependsOn,
        helmProvider: this.connection.helm,
      });
    }
    // Earlier releases kept created namespaces as kubernetes_namespace_v1: forget, never destroy.
    if (namespaces && namespaces.legacyAddresses.length > 0) {
      new RemovedResources(this, "EarlierNamespaces", namespaces.legacyAddresses);
    }
    // One line at synth: which namespace and gateway runs on which revision and version.
    const picture = revisionPicture(env.name, env.mode, env.istio);
    if (picture) Annotations.of(this).addInfo(picture);
    for (const warning of [
      ...tagMoveWarnings(env.name, env.istio),
      ...meshTransitionWarnings(env),
    ]) {
      Annotations.of(this).addWarning(warning);
    }
    // cloud-service-mesh: the injection labels above are already the form CSM documents for a
    // managed control plane, the default injection label `istio-injection=enabled` without
    // `istio.io/rev` (cloud.google.com/service-mesh/docs/onboarding/provision-control-plane,
    // "Deploy applications"). Managed CSM accepts plaintext by default (auto mTLS only), so
    // STRICT needs a mesh-wide policy in the root namespace (".../docs/security/configuring-mtls").
    const strict = (env.istio?.mtls ?? "STRICT") === "STRICT";
    let meshPolicy: ITerraformDependable | undefined = this.istio?.peerAuthentication?.resource;
    if (env.mode === "cloud-service-mesh" && strict) {
      meshPolicy = new MeshPeerAuthentication(this, "PeerAuthentication", {
        provider: this.connection.helm,
        mtls: "STRICT",
        installCrd: true,
        createNamespace: true,
      }).resource;
    }
    // A member of a mesh: endpoint discovery across the fleet (Google's declarative API).
    if (env.mode === "cloud-service-mesh" && meshOf(env)) {
      new MultiClusterDiscovery(this, "MultiClusterDiscovery", {
        provider: this.connection.kubernetes,
      });
    }
    const exceptions = env.istio?.mtlsPortExceptions ?? [];
    if (exceptions.length > 0 && meshPolicy) {
      new MtlsPortExceptions(this, "MtlsPortExceptions", {
        exceptions,
        provider: this.connection.helm,
        dependsOn: [meshPolicy, ...(namespaces ? namespaceResources(namespaces) : [])],
      });
    }
  }
}

/** What a policy in the namespaces waits for: their creation, when any is created here. */
function namespaceResources(
  namespaces: AmbientNamespaces | SidecarInjection,
): ITerraformDependable[] {
  return namespaces.created ? [namespaces.created.resource] : [];
}
