import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../config/schema";
import { ClusterConnection } from "../constructs/cluster-connection";
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
      helm: env.mode === "oss",
    });
    const namespaces = env.istio?.injectionNamespaces ?? [];
    if (namespaces.length > 0) {
      new SidecarInjection(this, "SidecarInjection", { namespaces });
    }
  }
}
