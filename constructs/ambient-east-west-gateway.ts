import * as path from "path";
import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { stringify as stringifyYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { localChartRelease } from "./local-chart-release";
import { AMBIENT_EAST_WEST, GKE_INTERNAL_LOAD_BALANCER } from "../facts/istio-multicluster";
import { EastWestExposure, eastWestExposure } from "./east-west-gateway";
import { meshMembership } from "./mesh-member-values";

/** The chart in this repository that holds the ambient east-west `Gateway` (class istio-east-west). */
export const AMBIENT_EAST_WEST_GATEWAY_CHART_DIR = path.join(
  __dirname,
  "..",
  "charts",
  "istio-ambient-east-west-gateway",
);

export interface AmbientEastWestGatewayProps {
  /** The network this gateway serves (the member's `network`). */
  readonly network: string;
  /** @default "internal" (see EastWestExposure) */
  readonly exposure?: EastWestExposure;
  /** @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /** What the gateway waits for: istiod (which owns the class) and ztunnel. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The east-west gateway of an ambient member: a Gateway API `Gateway` of class `istio-east-west`
 * named istio-eastwestgateway in istio-system, labelled with the member's network, one HBONE
 * listener on 15008 terminated with ISTIO_MUTUAL (double HBONE: the outer connection ends at the
 * gateway, the inner one stays end to end between ztunnels). istiod deploys its pods and its
 * LoadBalancer Service, with `spec.infrastructure.annotations` (the internal load balancer).
 * Services join the other members' view with the label `istio.io/global: "true"` (the user's).
 */
export class AmbientEastWestGateway extends Construct {
  readonly resource: Release;

  constructor(scope: Construct, id: string, props: AmbientEastWestGatewayProps) {
    super(scope, id);
    const { network } = meshMembership({ meshId: "mesh", clusterName: "cluster", ...props });
    const exposure = eastWestExposure(props.exposure);
    this.resource = localChartRelease(this, AMBIENT_EAST_WEST_GATEWAY_CHART_DIR, {
      provider: props.provider,
      dependsOn: props.dependsOn,
      name: "istio-ambient-east-west-gateway",
      namespace: "istio-system",
      values: [
        stringifyYaml({
          name: AMBIENT_EAST_WEST.gatewayName,
          network,
          ...(exposure === "internal" ? { annotations: GKE_INTERNAL_LOAD_BALANCER } : {}),
        }),
      ],
    });
  }
}
