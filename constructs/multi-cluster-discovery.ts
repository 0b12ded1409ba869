import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { ConfigMapV1Data } from "@cdktf/provider-kubernetes/lib/config-map-v1-data";
import { ASM_OPTIONS_CONFIG_MAP, MULTICLUSTER_MODE } from "../facts/cloud-service-mesh";

export interface MultiClusterDiscoveryProps {
  /** The member cluster's kubernetes provider. @default - the stack's kubernetes provider */
  readonly provider?: TerraformProvider;
  /** Resources to create first. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Managed Cloud Service Mesh, one member: `multicluster_mode: connected` in the `asm-options`
 * ConfigMap, which the managed control plane creates. The declarative API is the only supported
 * endpoint discovery with the TRAFFIC_DIRECTOR control plane, where Istio's remote secrets are
 * not (facts/cloud-service-mesh.ts). Only this key is owned: the rest of the ConfigMap stays Google's.
 */
export class MultiClusterDiscovery extends Construct {
  readonly resource: ConfigMapV1Data;

  constructor(scope: Construct, id: string, props: MultiClusterDiscoveryProps = {}) {
    super(scope, id);
    this.resource = new ConfigMapV1Data(this, "Resource", {
      provider: props.provider,
      metadata: { ...ASM_OPTIONS_CONFIG_MAP },
      data: { [MULTICLUSTER_MODE.key]: MULTICLUSTER_MODE.connected },
      // The ConfigMap is Google's: take over this key even though another manager wrote it.
      force: true,
      dependsOn: props.dependsOn,
    });
  }
}
