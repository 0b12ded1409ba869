import { Fn } from "cdktf";
import { Construct } from "constructs";
import { DataGoogleClientConfig } from "@cdktf/provider-google/lib/data-google-client-config";
import { DataGoogleContainerCluster } from "@cdktf/provider-google/lib/data-google-container-cluster";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";

export interface ClusterConnectionProps {
  readonly project: string;
  readonly location: string;
  readonly clusterName: string;
  /** Also configure the helm provider (for Istio charts). @default false */
  readonly helm?: boolean;
}

/**
 * The kubernetes (and optionally helm) providers of a stack, wired to an existing GKE
 * cluster through `data google_client_config` (an access token) and
 * `data google_container_cluster` (endpoint and CA). The cluster itself lives in
 * another stack: HashiCorp advises separate applies for a cluster and its contents.
 */
export class ClusterConnection extends Construct {
  readonly google: GoogleProvider;
  readonly kubernetes: KubernetesProvider;
  readonly helm?: HelmProvider;
  readonly cluster: DataGoogleContainerCluster;
  readonly clientConfig: DataGoogleClientConfig;

  constructor(scope: Construct, id: string, props: ClusterConnectionProps) {
    super(scope, id);
    this.google = new GoogleProvider(this, "Google", { project: props.project });
    this.clientConfig = new DataGoogleClientConfig(this, "ClientConfig", {});
    this.cluster = new DataGoogleContainerCluster(this, "Cluster", {
      project: props.project,
      location: props.location,
      name: props.clusterName,
    });
    const endpoint = {
      host: `https://${this.cluster.endpoint}`,
      token: this.clientConfig.accessToken,
      clusterCaCertificate: Fn.base64decode(this.cluster.masterAuth.get(0).clusterCaCertificate),
    };
    this.kubernetes = new KubernetesProvider(this, "Kubernetes", endpoint);
    if (props.helm) {
      this.helm = new HelmProvider(this, "Helm", { kubernetes: endpoint });
    }
  }
}
