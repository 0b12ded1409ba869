import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { GoogleContainerNodePool } from "@cdktf/provider-google-beta/lib/google-container-node-pool";

export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: "NO_SCHEDULE" | "PREFER_NO_SCHEDULE" | "NO_EXECUTE";
}

export interface NodePoolProps {
  /** The cluster's name (a reference, so the pool waits for the cluster). */
  readonly cluster: string;
  readonly project: string;
  readonly location: string;
  /** Node pool name. Changing it replaces the pool. */
  readonly name: string;
  /** Node service account email; never leave it to the default compute account. */
  readonly serviceAccount: string;
  /** @default - the stack's google-beta provider */
  readonly provider?: TerraformProvider;
  /** @default "e2-standard-4" */
  readonly machineType?: string;
  /** Autoscaling minimum per zone. @default 1 */
  readonly minNodeCount?: number;
  /** Autoscaling maximum per zone. @default max(3, minNodeCount) */
  readonly maxNodeCount?: number;
  /** @default minNodeCount */
  readonly initialNodeCount?: number;
  /** @default false */
  readonly preemptible?: boolean;
  /** @default false */
  readonly spot?: boolean;
  /** @default 100 */
  readonly diskSizeGb?: number;
  /** @default "pd-balanced" */
  readonly diskType?: string;
  /** @default "COS_CONTAINERD" */
  readonly imageType?: string;
  /** @default ["https://www.googleapis.com/auth/cloud-platform"] */
  readonly oauthScopes?: string[];
  /** @default true */
  readonly autoRepair?: boolean;
  /** @default true */
  readonly autoUpgrade?: boolean;
  /** Kubernetes labels. @default {} */
  readonly labels?: Record<string, string>;
  /** @default [] */
  readonly taints?: NodeTaint[];
  /** @default true */
  readonly secureBoot?: boolean;
  /** @default true */
  readonly integrityMonitoring?: boolean;
  /** @default "GKE_METADATA" */
  readonly workloadMetadata?: "GKE_METADATA" | "GCE_METADATA";
}

/** An autoscaled node pool of hardened nodes (shielded, COS, GKE metadata server, own service account). */
export class NodePool extends Construct {
  readonly resource: GoogleContainerNodePool;

  constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    const min = props.minNodeCount ?? 1;
    const max = props.maxNodeCount ?? Math.max(3, min);
    const initial = props.initialNodeCount ?? min;
    if (min > max)
      throw new Error(`'minNodeCount' (${min}) must be at most 'maxNodeCount' (${max})`);
    if (initial < min || initial > max) {
      throw new Error(
        `'initialNodeCount' (${initial}) must be between 'minNodeCount' (${min}) and 'maxNodeCount' (${max})`,
      );
    }
    if (props.preemptible && props.spot)
      throw new Error(`'preemptible' and 'spot' cannot both be true`);

    this.resource = new GoogleContainerNodePool(this, "Resource", {
      provider: props.provider,
      project: props.project,
      cluster: props.cluster,
      location: props.location,
      name: props.name,
      initialNodeCount: initial,
      autoscaling: { minNodeCount: min, maxNodeCount: max },
      management: { autoRepair: props.autoRepair ?? true, autoUpgrade: props.autoUpgrade ?? true },
      nodeConfig: {
        machineType: props.machineType ?? "e2-standard-4",
        preemptible: props.preemptible ?? false,
        spot: props.spot ?? false,
        diskSizeGb: props.diskSizeGb ?? 100,
        diskType: props.diskType ?? "pd-balanced",
        imageType: props.imageType ?? "COS_CONTAINERD",
        oauthScopes: props.oauthScopes ?? ["https://www.googleapis.com/auth/cloud-platform"],
        serviceAccount: props.serviceAccount,
        labels: props.labels ?? {},
        taint: (props.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
        shieldedInstanceConfig: {
          enableSecureBoot: props.secureBoot ?? true,
          enableIntegrityMonitoring: props.integrityMonitoring ?? true,
        },
        workloadMetadataConfig: { mode: props.workloadMetadata ?? "GKE_METADATA" },
        metadata: { "disable-legacy-endpoints": "true" },
      },
    });
  }
}
