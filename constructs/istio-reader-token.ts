import { Fn, ITerraformDependable, TerraformProvider, Token, ref } from "cdktf";
import { Construct } from "constructs";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { REMOTE_SECRET } from "../facts/istio-multicluster";

export interface IstioReaderTokenProps {
  /** The kubernetes provider of the cluster whose API the token opens. @default - the stack's */
  readonly provider?: TerraformProvider;
  /** Istio's namespace, where the base chart made the reader service account. @default "istio-system" */
  readonly namespace?: string;
  /** What the token waits for: the base chart (the service account) in that cluster. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A long-lived token of `istio-reader-service-account` (the base chart's reader, which every
 * istiod revision binds to its read-only ClusterRole): a Secret of type
 * `kubernetes.io/service-account-token` that the cluster's token controller fills in.
 *
 * Why this and not `kubernetes_token_request_v1`: a TokenRequest token expires (the API server
 * caps its lifetime) and Terraform renews it only on a later apply, so the other members' istiod
 * would lose this cluster in between. This token lives until the Secret is deleted; the legacy
 * token cleaner removes only auto-generated Secrets, never one made by hand. Rotation is
 * replacing the Secret (`terraform apply -replace`), which also rewrites every remote secret
 * that holds it (docs/multi-cluster.md).
 */
export class IstioReaderToken extends Construct {
  readonly resource: SecretV1;

  constructor(scope: Construct, id: string, props: IstioReaderTokenProps = {}) {
    super(scope, id);
    this.resource = new SecretV1(this, "Resource", {
      provider: props.provider,
      dependsOn: props.dependsOn,
      metadata: {
        name: `${REMOTE_SECRET.readerServiceAccount}-token`,
        namespace: props.namespace ?? "istio-system",
        annotations: { "kubernetes.io/service-account.name": REMOTE_SECRET.readerServiceAccount },
      },
      type: "kubernetes.io/service-account-token",
      // The token controller writes data.token after creation: wait for it.
      waitForServiceAccountToken: true,
    });
  }

  /**
   * The bearer token (sensitive; it lands in state, as every remote secret's kubeconfig does).
   * `one(data[*].token)`: null while the map is (as mock providers leave it), an error if the
   * token controller wrote no `token`, the token otherwise.
   */
  get token(): string {
    return Token.asString(Fn.one(ref(`${this.resource.fqn}.data[*].token`)));
  }
}
