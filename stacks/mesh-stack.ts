import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../config/schema";
import { ClusterConnection } from "../constructs/cluster-connection";
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
    const namespaces = env.istio?.injectionNamespaces ?? [];
    if (namespaces.length > 0) {
      new SidecarInjection(this, "SidecarInjection", { namespaces });
    }
    // cloud-service-mesh: the injection labels above are already the form CSM documents for a
    // managed control plane, the default injection label `istio-injection=enabled` without
    // `istio.io/rev` (cloud.google.com/service-mesh/docs/onboarding/provision-control-plane,
    // "Deploy applications"). Managed CSM accepts plaintext by default (auto mTLS only), so
    // STRICT needs a mesh-wide policy in the root namespace (".../docs/security/configuring-mtls").
    if (env.mode === "cloud-service-mesh" && (env.istio?.mtls ?? "STRICT") === "STRICT") {
      new MeshPeerAuthentication(this, "PeerAuthentication", {
        provider: this.connection.helm,
        namespace: "istio-system",
        mode: "STRICT",
      });
    }
  }
}
