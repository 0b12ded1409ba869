import * as path from "path";
import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { stringify as stringifyYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { localChartRelease } from "./local-chart-release";
import { DEFAULT_ISTIO_VERSION } from "../config/istio-versions";
import { ISTIO_CHART_REPOSITORY } from "../facts/istio-hosting";
import { EAST_WEST_GATEWAY, GKE_INTERNAL_LOAD_BALANCER } from "../facts/istio-multicluster";
import { meshMembership } from "./mesh-member-values";
import {
  ControlPlaneAvailability,
  DEFAULT_CONTROL_PLANE_REPLICAS,
  gatewayAvailabilityValues,
} from "./control-plane-availability";

/** The chart in this repository that holds the cross-network `Gateway` (AUTO_PASSTHROUGH on 15443). */
export const CROSS_NETWORK_GATEWAY_CHART_DIR = path.join(
  __dirname,
  "..",
  "charts",
  "istio-cross-network-gateway",
);

/**
 * Where the east-west gateway's Service listens:
 * - `internal`: a GKE internal passthrough load balancer with global access, reachable from the
 *   other members' VPCs (peered, or joined by VPN or Network Connectivity Center) in any region;
 * - `external`: a public load balancer, for members whose networks do not reach each other.
 *   Ports 15443, 15012 and 15017 face the internet: only mTLS guards them.
 */
export type EastWestExposure = "internal" | "external";

/** An east-west gateway's `exposure` prop, checked: "internal" when not given. */
export function eastWestExposure(exposure: EastWestExposure | undefined): EastWestExposure {
  const checked = exposure ?? "internal";
  if (checked !== "internal" && checked !== "external") {
    throw new Error(`'exposure' must be "internal" or "external", got '${checked}'`);
  }
  return checked;
}

export interface EastWestGatewayProps {
  /** The network this gateway serves (the member's `network`): its pods and Service carry it. */
  readonly network: string;
  /** Exact `gateway` chart version, the istiod's. @default DEFAULT_ISTIO_VERSION */
  readonly version?: string;
  /** @default ISTIO_CHART_REPOSITORY */
  readonly chartRepository?: string;
  /** The revision or tag whose istiod injects the gateway. @default - the default revision */
  readonly revision?: string;
  /** @default "internal" */
  readonly exposure?: EastWestExposure;
  /**
   * Replicas, PDB and zone spread, as the ingress gateway's: cross-cluster traffic stops while
   * no east-west gateway runs. @default - { minReplicas: DEFAULT_CONTROL_PLANE_REPLICAS (2), regional: false }
   */
  readonly availability?: ControlPlaneAvailability;
  /** @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /** What the gateway waits for: istiod, whose webhook injects it. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The east-west gateway of one mesh member on its own network: the `gateway` chart as release
 * `istio-eastwestgateway` in istio-system with `networkGateway=<network>` (the chart then labels
 * pods and Service with `topology.istio.io/network`, sets the requested network view and opens
 * 15021, 15443, 15012 and 15017), and the `cross-network-gateway` Gateway that passes `*.local`
 * through on 15443 (AUTO_PASSTHROUGH). istiod in the other members finds this gateway through
 * the Service's network label and its load balancer address. Multi-primary exposes no istiod:
 * every member runs its own.
 */
export class EastWestGateway extends Construct {
  readonly gateway: Release;
  /** The `Gateway` that exposes the cluster's services to the other networks. */
  readonly exposeServices: Release;

  constructor(scope: Construct, id: string, props: EastWestGatewayProps) {
    super(scope, id);
    const { network } = meshMembership({ meshId: "mesh", clusterName: "cluster", ...props });
    const exposure = eastWestExposure(props.exposure);
    const values: Record<string, unknown> = {
      name: EAST_WEST_GATEWAY.release,
      networkGateway: network,
      ...(props.revision ? { revision: props.revision } : {}),
      ...(exposure === "internal" ? { service: { annotations: GKE_INTERNAL_LOAD_BALANCER } } : {}),
      ...gatewayAvailabilityValues(
        props.availability ?? { minReplicas: DEFAULT_CONTROL_PLANE_REPLICAS, regional: false },
        { app: EAST_WEST_GATEWAY.release, ...EAST_WEST_GATEWAY.selector },
      ),
    };
    this.gateway = new Release(this, "Resource", {
      provider: props.provider,
      dependsOn: props.dependsOn,
      name: EAST_WEST_GATEWAY.release,
      namespace: EAST_WEST_GATEWAY.namespace,
      repository: props.chartRepository ?? ISTIO_CHART_REPOSITORY,
      chart: "gateway",
      version: props.version ?? DEFAULT_ISTIO_VERSION,
      values: [stringifyYaml(values)],
      atomic: true,
      cleanupOnFail: true,
      maxHistory: 10,
      // Waits for the load balancer's address too.
      timeout: 600,
    });
    this.exposeServices = localChartRelease(
      this,
      CROSS_NETWORK_GATEWAY_CHART_DIR,
      {
        provider: props.provider,
        // After istiod (its validation webhook) and the pods it selects.
        dependsOn: [this.gateway],
        name: "istio-cross-network-gateway",
        namespace: EAST_WEST_GATEWAY.namespace,
        values: [
          stringifyYaml({
            name: EAST_WEST_GATEWAY.gatewayName,
            selector: EAST_WEST_GATEWAY.selector,
            port: EAST_WEST_GATEWAY.passthroughPort,
            hosts: EAST_WEST_GATEWAY.passthroughHosts,
          }),
        ],
      },
      { chart: "ExposeServicesChart", release: "ExposeServices" },
    );
  }
}
