import { Annotations, ITerraformDependable, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../config/schema";
import { injectionNamespaces } from "../config/istio-schema";
import { DEFAULT_TAG, revisionPicture, revisionPlan } from "../config/istio-revisions";
import { environmentReleaseWarnings, todayUtc } from "../config/istio-releases";
import { AmbientNamespaces } from "../constructs/ambient-namespaces";
import { ClusterAdminBinding } from "../constructs/cluster-admin-binding";
import { ClusterConnection } from "../constructs/cluster-connection";
import { IstioHelmInstall } from "../constructs/istio-helm-install";
import { MeshPeerAuthentication } from "../constructs/mesh-peer-authentication";
import { ISTIO_REVISION_LABEL, SidecarInjection } from "../constructs/sidecar-injection";
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
    this.connection = new ClusterConnection(this, "Connection", {
      project: env.project,
      location: env.location,
      clusterName: env.cluster?.name ?? env.name,
      helm: env.mode === "oss" || env.mode === "cloud-service-mesh",
    });
    // Injection labels only work once the injection webhook exists.
    let injectionDependsOn: ITerraformDependable[] | undefined;
    if (env.mode === "oss") {
      const istio = env.istio ?? {};
      const plan = revisionPlan(env.istio);
      const gateway = istio.ingressGateway;
      const admins = new ClusterAdminBinding(this, "ClusterAdminBinding", {
        users: istio.clusterAdmins,
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
        dependsOn: [admins.resource],
        chartRepository: istio.chartRepository,
        hub: istio.hub,
      });
      // Unknown patches and minors past their end of support (GKE_ISTIO_STRICT=1 refuses them).
      for (const warning of environmentReleaseWarnings(env, props.today ?? todayUtc())) {
        Annotations.of(this).addWarning(`environment '${env.name}': ${warning}`);
      }
      // With revisions, a namespace waits for every istiod and tag: whichever serves its label.
      injectionDependsOn = this.istio.revisions
        ? this.istio.revisions.releases
        : [this.istio.controlPlane];
    }
    const entries = injectionNamespaces(env.istio);
    if (entries.length > 0 && this.istio?.nodeAgents) {
      // Ambient: enrolled by label once the node agents run; never the sidecar injection label.
      // The id is SidecarInjection's, so the namespaces keep their Terraform addresses: switching
      // an environment's dataplane relabels them in place (a replaced namespace loses its pods).
      new AmbientNamespaces(this, "SidecarInjection", {
        namespaces: entries,
        dependsOn: [this.istio.nodeAgents],
        waypointDependsOn: [this.istio.controlPlane],
        helmProvider: this.connection.helm,
      });
    } else if (entries.length > 0) {
      new SidecarInjection(this, "SidecarInjection", {
        namespaces: entries.map((entry) => entry.name),
        // istio.io/rev=<revision or tag> instead of istio-injection, never both (istio-injection wins).
        labelsByNamespace: Object.fromEntries(
          entries
            .filter((entry) => entry.revision !== undefined)
            .map((entry) => [entry.name, { [ISTIO_REVISION_LABEL]: entry.revision! }]),
        ),
        create: entries.filter((entry) => entry.create).map((entry) => entry.name),
        dependsOn: injectionDependsOn,
      });
    }
    // One line at synth: which namespace and gateway runs on which revision and version.
    const picture = revisionPicture(env.name, env.mode, env.istio);
    if (picture) Annotations.of(this).addInfo(picture);
    // cloud-service-mesh: the injection labels above are already the form CSM documents for a
    // managed control plane, the default injection label `istio-injection=enabled` without
    // `istio.io/rev` (cloud.google.com/service-mesh/docs/onboarding/provision-control-plane,
    // "Deploy applications"). Managed CSM accepts plaintext by default (auto mTLS only), so
    // STRICT needs a mesh-wide policy in the root namespace (".../docs/security/configuring-mtls").
    if (env.mode === "cloud-service-mesh" && (env.istio?.mtls ?? "STRICT") === "STRICT") {
      new MeshPeerAuthentication(this, "PeerAuthentication", {
        provider: this.connection.helm,
        mtls: "STRICT",
        installCrd: true,
        createNamespace: true,
      });
    }
  }
}
