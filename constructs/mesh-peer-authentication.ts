import * as path from "path";
import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { stringify as stringifyYaml } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { localChartRelease } from "./local-chart-release";
import { MeshMtls } from "./gke-cluster";

/** The chart in this repository that holds one mesh-wide `PeerAuthentication` named `default`. */
export const MESH_POLICY_CHART_DIR = path.join(__dirname, "..", "charts", "istio-mesh-policy");

export interface MeshPeerAuthenticationProps {
  /** Mesh-wide mTLS mode. @default "STRICT" */
  readonly mtls?: MeshMtls;
  /** Istio's root namespace, where a policy applies to the whole mesh. @default "istio-system" */
  readonly namespace?: string;
  /** @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /** What must exist first: istiod, which serves the CRD and validates the policy. @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Let Helm install the chart's stand-in PeerAuthentication CRD when the cluster has none yet
   * (Helm skips a CRD that exists and never upgrades or deletes it). For a managed Cloud Service
   * Mesh control plane, which installs Istio's CRDs minutes after the cluster joins the mesh and
   * then overwrites existing ones with its own. @default false (the `base` chart owns the CRDs)
   */
  readonly installCrd?: boolean;
  /** Create the namespace when missing (no `base` chart created it). @default false */
  readonly createNamespace?: boolean;
  /** Seconds helm waits for the install or upgrade. @default 300 */
  readonly timeout?: number;
}

/**
 * The mesh-wide `PeerAuthentication` `default` (`mtls.mode` STRICT or PERMISSIVE), as a
 * helm_release of the tiny chart charts/istio-mesh-policy, shipped into the stack's output
 * folder as a `TerraformAsset` (relative path `assets/<id>/<content hash>`). Why a chart:
 * - a `kubernetes_manifest` needs the CRD at plan time, and on an empty cluster it does not exist yet;
 * - helm resolves the kind at apply time, after the `base` release installed the CRD (`dependsOn`);
 * - the providers we ship are google, google-beta, helm and kubernetes: no kubectl provider, no local-exec;
 * - a local chart needs no network and no runner tool, and its hash in the path makes it deterministic;
 * - the chart picks `security.istio.io/v1` when the cluster serves it, else `v1beta1` (Istio before 1.22).
 */
export class MeshPeerAuthentication extends Construct {
  readonly resource: Release;

  constructor(scope: Construct, id: string, props: MeshPeerAuthenticationProps = {}) {
    super(scope, id);
    const mtls = props.mtls ?? "STRICT";
    if (mtls !== "STRICT" && mtls !== "PERMISSIVE") {
      throw new Error(`'mtls' must be "STRICT" or "PERMISSIVE", got '${mtls}'`);
    }
    this.resource = localChartRelease(this, MESH_POLICY_CHART_DIR, {
      provider: props.provider,
      dependsOn: props.dependsOn,
      name: "istio-mesh-policy",
      namespace: props.namespace ?? "istio-system",
      values: [stringifyYaml({ mtlsMode: mtls })],
      skipCrds: !(props.installCrd ?? false),
      createNamespace: props.createNamespace ?? false,
      timeout: props.timeout,
    });
  }
}
