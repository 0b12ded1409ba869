import { ITerraformDependable, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../config/schema";
import { injectionNamespaces } from "../config/istio-schema";
import { ClusterAdminBinding } from "../constructs/cluster-admin-binding";
import { ClusterConnection } from "../constructs/cluster-connection";
import { IstioHelmInstall } from "../constructs/istio-helm-install";
import { MeshPeerAuthentication } from "../constructs/mesh-peer-authentication";
import { SidecarInjection } from "../constructs/sidecar-injection";
import { configureBackend } from "./backend";

export interface MeshStackProps {
  readonly environment: EnvironmentConfig;
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
      const admins = new ClusterAdminBinding(this, "ClusterAdminBinding", {
        users: istio.clusterAdmins,
      });
      this.istio = new IstioHelmInstall(this, "Istio", {
        version: istio.version,
        mtls: istio.mtls,
        profile: istio.profile,
        values: istio.values,
        ingressGateway: istio.ingressGateway,
        dependsOn: [admins.resource],
      });
      injectionDependsOn = [this.istio.controlPlane];
    }
    const namespaces = injectionNamespaces(env.istio).map((entry) => entry.name);
    if (namespaces.length > 0) {
      new SidecarInjection(this, "SidecarInjection", {
        namespaces,
        dependsOn: injectionDependsOn,
      });
    }
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
