import * as path from "path";
import { AssetType, ITerraformDependable, TerraformAsset, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";

/** The local chart shipped with each stack that uses this construct. */
export const PEER_AUTHENTICATION_CHART = path.join(
  __dirname,
  "..",
  "charts",
  "mesh-peer-authentication",
);

export type PeerAuthenticationMode = "STRICT" | "PERMISSIVE" | "DISABLE";
const MODES: readonly string[] = ["STRICT", "PERMISSIVE", "DISABLE"];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface MeshPeerAuthenticationProps {
  /** The namespace of the policy; the root namespace `istio-system` makes it mesh-wide. @default "istio-system" */
  readonly namespace?: string;
  /** mTLS mode the workloads accept. @default "STRICT" */
  readonly mode?: PeerAuthenticationMode;
  /** The PeerAuthentication's name. @default "default" (the name Istio documents for mesh-wide policy) */
  readonly name?: string;
  /** The helm provider the release is routed to. @default - the stack's helm provider */
  readonly provider?: TerraformProvider;
  /**
   * Let Helm install a stand-in PeerAuthentication CRD when the cluster has none yet
   * (Helm skips a CRD that exists, and never upgrades or deletes it). @default true
   */
  readonly installCrd?: boolean;
  /** Resources to create first (the Istio CRDs' chart, say). @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * One Istio PeerAuthentication, as a `helm_release` of the small local chart
 * `charts/mesh-peer-authentication` (a TerraformAsset, copied into the stack's folder).
 *
 * Why Helm and not `kubernetes_manifest`: the kubernetes provider needs the CRD at plan time,
 * and a managed Cloud Service Mesh control plane installs Istio's CRDs asynchronously, minutes
 * after the cluster stack is applied, so a first deploy would fail at plan. Helm resolves the
 * kind only at apply, after installing the chart's `crds/` when missing; Google's control plane
 * then overwrites existing Istio CRDs with its own ("Migrate applications to managed Cloud
 * Service Mesh", cloud.google.com/service-mesh/docs/onboarding/provision-control-plane).
 */
export class MeshPeerAuthentication extends Construct {
  readonly resource: Release;

  constructor(scope: Construct, id: string, props: MeshPeerAuthenticationProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? "istio-system";
    const mode = props.mode ?? "STRICT";
    const name = props.name ?? "default";
    if (!MODES.includes(mode)) {
      throw new Error(`'mode' must be one of ${MODES.join(", ")}, got '${mode}'`);
    }
    if (!DNS_LABEL.test(namespace)) {
      throw new Error(`'namespace' must be a Kubernetes namespace name, got '${namespace}'`);
    }
    if (!DNS_LABEL.test(name)) {
      throw new Error(`'name' must be a lower-case DNS label, got '${name}'`);
    }
    const chart = new TerraformAsset(this, "Chart", {
      path: PEER_AUTHENTICATION_CHART,
      type: AssetType.DIRECTORY,
    });
    this.resource = new Release(this, "Resource", {
      provider: props.provider,
      name: name === "default" ? "peer-authentication" : `peer-authentication-${name}`,
      chart: `./${chart.path}`,
      namespace,
      createNamespace: true,
      skipCrds: !(props.installCrd ?? true),
      set: [
        { name: "name", value: name },
        { name: "mode", value: mode },
      ],
      dependsOn: props.dependsOn,
    });
  }
}
