import { createHash } from "crypto";
import { ITerraformDependable, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { GoogleContainerNodePool } from "@cdktf/provider-google-beta/lib/google-container-node-pool";
import { defaultBootDiskType } from "../config/gke-api-rules";

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
  /**
   * Node pool name, at most 40 characters. GKE's name gets a suffix: a short hash of the fields
   * that force replacement (NodePool.replacementFields), so a replacement can come up beside the
   * pool it replaces (create_before_destroy). Changing it replaces the pool.
   */
  readonly name: string;
  /**
   * GKE's name is `name` itself, as releases before the hashed names gave it, so a pool they
   * created keeps its name. A replacement then cannot come up beside the old pool (same name):
   * the old one goes first. @default false
   */
  readonly legacyName?: boolean;
  /**
   * Let Terraform replace the pool. A replacement starts at `initialNodeCount`, not at the old
   * pool's size, and GKE's deletion of the old pool ignores PodDisruptionBudgets, so by default
   * the pool has `prevent_destroy` and a plan that would replace it stops with an error. Removing
   * the pool from the configuration still deletes it: the two-step way (add a pool, drain the old
   * one, remove it). @default false
   */
  readonly allowReplacement?: boolean;
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
  /** Nodes per zone at creation; later changes are ignored, as they would replace the pool. @default minNodeCount */
  readonly initialNodeCount?: number;
  /** @default false */
  readonly preemptible?: boolean;
  /** @default false */
  readonly spot?: boolean;
  /** @default 100 */
  readonly diskSizeGb?: number;
  /** @default - "hyperdisk-balanced" on machine series that take only Hyperdisk (N4, C4), else "pd-balanced" */
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
  /** Extra nodes an upgrade or update brings up before old ones are drained; at least 1. @default 1 */
  readonly maxSurge?: number;
  /** Resources the pool waits for, such as its service account's role bindings. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/** Nodes get no legacy metadata endpoints (a ForceNew field, so it is part of the name hash). */
const NODE_METADATA = { "disable-legacy-endpoints": "true" };

/**
 * An autoscaled node pool of hardened nodes (shielded, COS, GKE metadata server, own service
 * account), changed without an outage: updates surge (one extra node, none unavailable); a change
 * that forces replacement is refused at plan (`prevent_destroy`) unless `allowReplacement`, and
 * then renames the pool so the new one comes up first; `initial_node_count` never replaces it.
 */
export class NodePool extends Construct {
  /**
   * The values of the node pool's fields that force replacement in google-beta 6.50.0
   * (resource_container_node_pool.go, node_config.go: ForceNew), as this construct sets them.
   */
  static replacementFields(props: NodePoolProps): Record<string, unknown> {
    return {
      name: props.name,
      "node_config.metadata": NODE_METADATA,
      "node_config.oauth_scopes": props.oauthScopes ?? [
        "https://www.googleapis.com/auth/cloud-platform",
      ],
      "node_config.preemptible": props.preemptible ?? false,
      "node_config.spot": props.spot ?? false,
      // A reference is hashed as written: its address, not the value it will have.
      "node_config.service_account": Token.isUnresolved(props.serviceAccount)
        ? "(reference)"
        : props.serviceAccount,
      "node_config.shielded_instance_config.enable_secure_boot": props.secureBoot ?? true,
      "node_config.shielded_instance_config.enable_integrity_monitoring":
        props.integrityMonitoring ?? true,
    };
  }

  /**
   * GKE's name for the pool: `<name>-<6 hex digits of the replacement fields' hash>`, or `name`
   * itself with `legacyName`.
   */
  static gkeName(props: NodePoolProps): string {
    if (props.legacyName) return props.name;
    const hash = createHash("sha256")
      .update(JSON.stringify(NodePool.replacementFields(props)))
      .digest("hex")
      .slice(0, 6);
    return `${props.name.slice(0, 33).replace(/-+$/, "")}-${hash}`;
  }

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
    const maxSurge = props.maxSurge ?? 1;
    if (!Number.isInteger(maxSurge) || maxSurge < 1)
      throw new Error(`'maxSurge' must be a whole number of at least 1, got ${props.maxSurge}`);

    this.resource = new GoogleContainerNodePool(this, "Resource", {
      provider: props.provider,
      project: props.project,
      cluster: props.cluster,
      location: props.location,
      name: NodePool.gkeName(props),
      dependsOn: props.dependsOn,
      initialNodeCount: initial,
      lifecycle: {
        // A replacement collapses capacity to initial_node_count and skips PDBs: refuse it at plan.
        preventDestroy: !(props.allowReplacement ?? false),
        // The hashed name changes with every field that forces replacement: the new pool comes
        // first. A legacy name cannot: GKE would answer 409 for the second pool of that name.
        createBeforeDestroy: !props.legacyName,
        // Read only at creation; a change would replace the pool, and the autoscaler owns the size.
        ignoreChanges: ["initial_node_count"],
      },
      upgradeSettings: { strategy: "SURGE", maxSurge, maxUnavailable: 0 },
      autoscaling: { minNodeCount: min, maxNodeCount: max },
      management: { autoRepair: props.autoRepair ?? true, autoUpgrade: props.autoUpgrade ?? true },
      nodeConfig: {
        machineType: props.machineType ?? "e2-standard-4",
        preemptible: props.preemptible ?? false,
        spot: props.spot ?? false,
        diskSizeGb: props.diskSizeGb ?? 100,
        diskType: props.diskType ?? defaultBootDiskType(props.machineType ?? "e2-standard-4"),
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
        metadata: NODE_METADATA,
      },
    });
  }
}
