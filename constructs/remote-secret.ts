import { Fn, ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { REMOTE_SECRET } from "../facts/istio-multicluster";
import { meshMembership } from "./mesh-member-values";

export interface RemoteSecretProps {
  /** The remote cluster's name in the mesh (its `clusterName`). */
  readonly clusterName: string;
  /** The remote cluster's API server, `https://<endpoint>`. */
  readonly server: string;
  /** The remote cluster's CA certificate, base64-encoded PEM (GKE's `master_auth.cluster_ca_certificate`). */
  readonly certificateAuthorityData: string;
  /** A bearer token of the remote cluster's reader (IstioReaderToken.token). */
  readonly token: string;
  /** The kubernetes provider of the cluster whose istiod reads the secret. @default - the stack's */
  readonly provider?: TerraformProvider;
  /** Istio's namespace in the reading cluster. @default "istio-system" */
  readonly namespace?: string;
  /** @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * What `istioctl create-remote-secret` prints, made in Terraform: a Secret
 * `istio-remote-secret-<cluster>` labelled `istio/multiCluster: "true"` in the reading cluster's
 * istio-system, holding a kubeconfig of the remote cluster with a bearer token. istiod watches
 * such Secrets and discovers the remote cluster's services and endpoints through it. The
 * kubeconfig carries a token, not GKE's exec plugin: istiod refuses `exec` authentication
 * (facts/istio-multicluster.ts).
 */
export class RemoteSecret extends Construct {
  readonly resource: SecretV1;

  constructor(scope: Construct, id: string, props: RemoteSecretProps) {
    super(scope, id);
    const { clusterName: cluster } = meshMembership({ meshId: "mesh", ...props });
    const kubeconfig = {
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: cluster,
          cluster: {
            server: props.server,
            "certificate-authority-data": props.certificateAuthorityData,
          },
        },
      ],
      contexts: [{ name: cluster, context: { cluster, user: cluster } }],
      "current-context": cluster,
      preferences: {},
      users: [{ name: cluster, user: { token: props.token } }],
    };
    this.resource = new SecretV1(this, "Resource", {
      provider: props.provider,
      dependsOn: props.dependsOn,
      metadata: {
        name: `${REMOTE_SECRET.namePrefix}${cluster}`,
        namespace: props.namespace ?? "istio-system",
        labels: { ...REMOTE_SECRET.label },
        annotations: { [REMOTE_SECRET.clusterAnnotation]: cluster },
      },
      // yamlencode at apply time: the endpoint, CA and token are only known then.
      data: { [cluster]: Fn.yamlencode(kubeconfig) },
    });
  }
}
