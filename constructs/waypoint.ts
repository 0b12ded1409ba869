import * as path from "path";
import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { stringify as stringifyYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { localChartRelease } from "./local-chart-release";

/** The chart in this repository that holds one waypoint `Gateway` of class `istio-waypoint`. */
export const WAYPOINT_CHART_DIR = path.join(__dirname, "..", "charts", "istio-waypoint");

export type WaypointTrafficType = "service" | "workload" | "all" | "none";

export interface WaypointProps {
  /** The namespace the waypoint serves and lives in; it must exist (`dependsOn`). */
  readonly namespace: string;
  /** The Gateway's name, which `istio.io/use-waypoint` labels name. @default "waypoint" */
  readonly name?: string;
  /** Which traffic it handles (label `istio.io/waypoint-for`). @default "service" */
  readonly trafficType?: WaypointTrafficType;
  /** @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /** What must exist first: istiod (which makes the proxy) and the namespace. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const TRAFFIC_TYPES: readonly WaypointTrafficType[] = ["service", "workload", "all", "none"];

/**
 * An ambient waypoint proxy: a Gateway API `Gateway` of class `istio-waypoint`, from which istiod
 * makes the Envoy Deployment. Shipped as the local chart charts/istio-waypoint (a `TerraformAsset`,
 * as MeshPeerAuthentication ships its chart): a `kubernetes_manifest` would need the Gateway CRD at
 * plan time, and GKE installs it only once the cluster stack set `gateway_api_config`.
 */
export class Waypoint extends Construct {
  readonly resource: Release;
  readonly name: string;

  constructor(scope: Construct, id: string, props: WaypointProps) {
    super(scope, id);
    this.name = props.name ?? "waypoint";
    if (!NAME.test(this.name)) {
      throw new Error(`'name' must be a DNS label, got '${this.name}'`);
    }
    const trafficType = props.trafficType ?? "service";
    if (!TRAFFIC_TYPES.includes(trafficType)) {
      throw new Error(
        `'trafficType' must be one of ${TRAFFIC_TYPES.join(", ")}, got '${trafficType}'`,
      );
    }
    // The default timeout (300 s) is enough: a Gateway is not waited for by helm, istiod rolls
    // out the proxy after the release.
    this.resource = localChartRelease(this, WAYPOINT_CHART_DIR, {
      provider: props.provider,
      dependsOn: props.dependsOn,
      name: "istio-waypoint",
      namespace: props.namespace,
      values: [stringifyYaml({ name: this.name, trafficType })],
    });
  }
}
