import { Fn } from "cdktf";
import { Construct } from "constructs";
import { DataGoogleClientConfig } from "@cdktf/provider-google/lib/data-google-client-config";
import { DataGoogleContainerCluster } from "@cdktf/provider-google/lib/data-google-container-cluster";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";

/**
 * How the kubernetes and helm providers authenticate to the cluster:
 * - `exec`: they run `gke-gcloud-auth-plugin` whenever they need a token, so a long apply
 *   never outlives its credentials (the plugin must be on the runner's PATH);
 * - `token`: one `data google_client_config` access token, read at plan time and valid for
 *   about an hour: an apply that outlives it fails midway (a helm release stays `pending-*`).
 */
export type ProviderAuth = "exec" | "token";
export const PROVIDER_AUTHS: readonly ProviderAuth[] = ["exec", "token"];

/**
 * GKE's client-go credential plugin (cloud.google.com/kubernetes-engine/docs/deprecations/auth-plugin,
 * read 2026-12-02): it prints an ExecCredential of client.authentication.k8s.io/v1beta1.
 * `--use_application_default_credentials` makes it use the same credentials as the google
 * provider (ADC), not gcloud's logged-in account.
 */
export const GKE_AUTH_PLUGIN = {
  apiVersion: "client.authentication.k8s.io/v1beta1",
  command: "gke-gcloud-auth-plugin",
  args: ["--use_application_default_credentials"],
} as const;

export interface ClusterConnectionProps {
  readonly project: string;
  readonly location: string;
  readonly clusterName: string;
  /** Also configure the helm provider (for Istio charts). @default false */
  readonly helm?: boolean;
  /** @default "exec" */
  readonly auth?: ProviderAuth;
  /**
   * The providers' alias, for a stack that reaches several clusters (a mesh's cross-cluster
   * stack): resources name the providers explicitly. @default - the stack's default providers
   */
  readonly alias?: string;
}

/**
 * The kubernetes (and optionally helm) providers of a stack, wired to an existing GKE
 * cluster through `data google_container_cluster` (endpoint and CA) and, by default, the
 * `gke-gcloud-auth-plugin` exec plugin (or a `data google_client_config` access token). The
 * cluster itself lives in another stack: HashiCorp advises separate applies for a cluster and its contents.
 */
export class ClusterConnection extends Construct {
  readonly google: GoogleProvider;
  readonly kubernetes: KubernetesProvider;
  readonly helm?: HelmProvider;
  readonly cluster: DataGoogleContainerCluster;
  /** With `auth: token` only. */
  readonly clientConfig?: DataGoogleClientConfig;
  readonly auth: ProviderAuth;

  constructor(scope: Construct, id: string, props: ClusterConnectionProps) {
    super(scope, id);
    this.auth = props.auth ?? "exec";
    if (!PROVIDER_AUTHS.includes(this.auth)) {
      throw new Error(`'auth' must be one of ${PROVIDER_AUTHS.join(", ")}, got '${props.auth}'`);
    }
    const alias = props.alias === undefined ? {} : { alias: props.alias };
    this.google = new GoogleProvider(this, "Google", { project: props.project, ...alias });
    if (this.auth === "token") {
      this.clientConfig = new DataGoogleClientConfig(
        this,
        "ClientConfig",
        props.alias === undefined ? {} : { provider: this.google },
      );
    }
    this.cluster = new DataGoogleContainerCluster(this, "Cluster", {
      ...(props.alias === undefined ? {} : { provider: this.google }),
      project: props.project,
      location: props.location,
      name: props.clusterName,
    });
    const exec = this.clientConfig
      ? undefined
      : { ...GKE_AUTH_PLUGIN, args: [...GKE_AUTH_PLUGIN.args] };
    const endpoint = {
      host: `https://${this.cluster.endpoint}`,
      clusterCaCertificate: Fn.base64decode(this.cluster.masterAuth.get(0).clusterCaCertificate),
      token: this.clientConfig?.accessToken,
    };
    // The kubernetes provider's exec is a block (a list of one); helm 3.x's is a nested attribute.
    this.kubernetes = new KubernetesProvider(this, "Kubernetes", {
      ...alias,
      ...endpoint,
      exec: exec && [exec],
    });
    if (props.helm) {
      this.helm = new HelmProvider(this, "Helm", { ...alias, kubernetes: { ...endpoint, exec } });
    }
  }
}
