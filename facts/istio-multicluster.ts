/**
 * What Istio and Kubernetes require of a multi-primary mesh across clusters (OSS Istio, installed
 * from its Helm charts): a dated, sourced table (read 2026-12-02). Part of facts/, the lowest
 * layer: it imports nothing. The constructs that build the mesh's pieces read these values.
 */

/** One fact, where it comes from, and when it was read. */
export interface MultiClusterFact {
  readonly fact: string;
  readonly source: string;
}

const MULTI_NETWORK =
  "https://istio.io/latest/docs/setup/install/multicluster/multi-primary_multi-network/ (Helm tab; istio/istio.io content/en/docs/setup/install/multicluster/multi-primary_multi-network/snips.sh)";
const READ = "read 2026-12-02";

/** The istiod values that place a cluster in a mesh: the same meshID, its own clusterName and network. */
export const MESH_MEMBER_VALUES = {
  meshId: "global.meshID",
  clusterName: "global.multiCluster.clusterName",
  network: "global.network",
} as const;

/** The label that names a cluster's (and a gateway's) network, on istio-system and on the east-west gateway. */
export const NETWORK_LABEL = "topology.istio.io/network";

/**
 * The east-west gateway, as Istio's Helm install makes it: release `istio-eastwestgateway` of the
 * `gateway` chart in istio-system with `networkGateway=<network>`, which labels the pods and the
 * Service with the network, sets ISTIO_META_REQUESTED_NETWORK_VIEW and opens the ports below.
 */
export const EAST_WEST_GATEWAY = {
  release: "istio-eastwestgateway",
  namespace: "istio-system",
  /** The gateway chart derives `istio: eastwestgateway` from the name (trimPrefix "istio-"). */
  selector: { istio: "eastwestgateway" },
  /** The chart's networkGatewayPorts: status, mTLS passthrough, istiod (XDS) and istiod's webhook. */
  ports: { "status-port": 15021, tls: 15443, "tls-istiod": 15012, "tls-webhook": 15017 },
  /** The Gateway that exposes every `*.local` service of the cluster on 15443 (samples/multicluster/expose-services.yaml). */
  passthroughPort: 15443,
  passthroughHosts: ["*.local"],
  passthroughMode: "AUTO_PASSTHROUGH",
  gatewayName: "cross-network-gateway",
} as const;

/**
 * The Service annotations of a GKE internal passthrough load balancer reachable from every region
 * (cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters, "Internal
 * load balancer" and "Global access"; read 2026-12-02).
 */
export const GKE_INTERNAL_LOAD_BALANCER = {
  "networking.gke.io/load-balancer-type": "Internal",
  "networking.gke.io/internal-load-balancer-allow-global-access": "true",
} as const;

/**
 * Ambient multi-cluster (multi-primary, multi-network only): istiod's flag, and the east-west
 * Gateway API Gateway that istiod deploys (istio.io/latest/docs/ambient/install/multicluster/
 * multi-primary_multi-network/, Helm tab; read 2026-12-02).
 */
export const AMBIENT_EAST_WEST = {
  istiodEnv: { AMBIENT_ENABLE_MULTI_NETWORK: "true" },
  gatewayName: "istio-eastwestgateway",
  gatewayClass: "istio-east-west",
  port: 15008,
  /** Beta from this minor on, as the issue states (see ISTIO_MULTICLUSTER_FACTS). */
  firstMinor: 29,
  /** Services that the other members see carry this label. */
  globalServiceLabel: { "istio.io/global": "true" },
} as const;

/** How istiod finds a remote cluster: a Secret in its own namespace holding a kubeconfig. */
export const REMOTE_SECRET = {
  /** istioctl create-remote-secret's name for the Secret of cluster <name>. */
  namePrefix: "istio-remote-secret-",
  label: { "istio/multiCluster": "true" },
  /** The annotation naming the remote cluster (the data key is the same cluster name). */
  clusterAnnotation: "networking.istio.io/cluster",
  /** The base chart's singleton reader, bound by every istiod revision's reader ClusterRoleBinding. */
  readerServiceAccount: "istio-reader-service-account",
} as const;

/** The Secret istiod reads its signing CA from at start-up, and the files it holds. */
export const PLUGGED_CA = {
  secretName: "cacerts",
  namespace: "istio-system",
  files: ["ca-cert.pem", "ca-key.pem", "root-cert.pem", "cert-chain.pem"],
} as const;

/** Every fact the multi-cluster constructs and docs rest on. */
export const ISTIO_MULTICLUSTER_FACTS: readonly MultiClusterFact[] = [
  {
    fact: "every member's istiod gets the same global.meshID, its own global.multiCluster.clusterName and its own global.network; istio-system is labelled topology.istio.io/network=<network>",
    source: `${MULTI_NETWORK}; ${READ}`,
  },
  {
    fact: "the east-west gateway is `helm install istio-eastwestgateway istio/gateway -n istio-system --set name=istio-eastwestgateway --set networkGateway=<network>`; the chart's networkGatewayPorts are 15021, 15443, 15012 and 15017",
    source: `${MULTI_NETWORK}; the gateway chart's values.yaml (networkGateway, networkGatewayPorts) at 1.29.6, 1.30.3 and 1.31.0; ${READ}`,
  },
  {
    fact: 'a GKE Service of type LoadBalancer becomes an internal passthrough load balancer with the annotation networking.gke.io/load-balancer-type: Internal, reachable from other regions with networking.gke.io/internal-load-balancer-allow-global-access: "true"',
    source: `https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters; ${READ}`,
  },
  {
    fact: "services are exposed across networks by a Gateway `cross-network-gateway` selecting istio: eastwestgateway, port 15443 TLS with mode AUTO_PASSTHROUGH for hosts *.local; multi-primary needs no exposed istiod (that is primary-remote's expose-istiod.yaml)",
    source: `https://github.com/istio/istio/blob/master/samples/multicluster/expose-services.yaml and ${MULTI_NETWORK}; ${READ}`,
  },
  {
    fact: "endpoint discovery: in every other cluster a Secret istio-remote-secret-<cluster>, label istio/multiCluster=true, annotation networking.istio.io/cluster=<cluster>, data <cluster>: a kubeconfig with the API server, its CA and a bearer token of istio-reader-service-account",
    source: `istioctl/pkg/multicluster/remote_secret.go (github.com/istio/istio) and ${MULTI_NETWORK} "Enable Endpoint Discovery"; ${READ}`,
  },
  {
    fact: "since 1.13 istiod accepts only the `token` and `oidc` authentication of a remote kubeconfig; `exec` (GKE's gke-gcloud-auth-plugin) needs PILOT_INSECURE_MULTICLUSTER_KUBECONFIG_OPTIONS=exec, which Istio calls insecure",
    source: `https://istio.io/latest/news/releases/1.13.x/announcing-1.13/upgrade-notes/ ("Multicluster Secret Authentication Changes") and pilot/pkg/features (InsecureKubeConfigOptions, github.com/istio/istio); ${READ}`,
  },
  {
    fact: "a token in a manually created Secret of type kubernetes.io/service-account-token never expires; it is revoked by deleting the Secret (or the service account). The legacy token cleaner (LegacyServiceAccountTokenCleanUp, GA in 1.30) removes only auto-generated Secrets that the service account's `secrets` field references, after a year unused",
    source: `https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/ ("Manually create a long-lived API token", "Legacy ServiceAccount token cleaner") and KEP-2799 (github.com/kubernetes/enhancements/issues/2799); ${READ}`,
  },
  {
    fact: "a TokenRequest token (kubernetes_token_request_v1) expires after expirationSeconds (the API server may cap it) and Terraform renews it only on a later apply: istiod would lose the remote cluster in between",
    source: `https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/ and the kubernetes provider's token_request_v1 docs; ${READ}`,
  },
  {
    fact: "a shared root of trust: each cluster's istiod signs with its own intermediate CA from the Secret cacerts in istio-system (ca-cert.pem, ca-key.pem, root-cert.pem, cert-chain.pem), created before istiod starts; istiod reads it at start-up",
    source: `https://istio.io/latest/docs/tasks/security/cert-management/plugin-ca-cert/ and https://istio.io/latest/docs/setup/install/multicluster/before-you-begin/ ("Configure Trust"); ${READ}`,
  },
  {
    fact: "OSS Istio reaches Google's Certificate Authority Service only through cert-manager with the google-cas-issuer and istio-csr (or Istio's experimental Kubernetes CSR signer), none of which is among this project's charts",
    source: `https://github.com/jetstack/google-cas-issuer and https://cert-manager.io/docs/usage/istio-csr/; ${READ}`,
  },
  {
    fact: "Istio's own tools make the root and the intermediates with openssl (tools/certs/Makefile.selfsigned.mk); Terraform would need the hashicorp/tls provider (tls_private_key, tls_self_signed_cert, tls_locally_signed_cert) to do it",
    source: `https://istio.io/latest/docs/tasks/security/cert-management/plugin-ca-cert/ and https://registry.terraform.io/providers/hashicorp/tls/latest/docs; ${READ}`,
  },
  {
    fact: "ambient multi-cluster (beta since 1.29, multi-primary multi-network only) needs istiod env AMBIENT_ENABLE_MULTI_NETWORK=true, the Gateway API CRDs and an east-west Gateway of class istio-east-west (HBONE on 15008, tls Terminate with gateway.istio.io/tls-terminate-mode ISTIO_MUTUAL, label topology.istio.io/network), and services opt in with the label istio.io/global=true",
    source: `https://istio.io/latest/docs/ambient/install/multicluster/multi-primary_multi-network/ (istio/istio.io snips.sh); ${READ}. Beta since 1.29 as issue 21 states; the stored copy of istio.io's ambient multicluster index read here still says alpha (an older copy), and lists multi-network multi-primary as the only supported topology`,
  },
];
