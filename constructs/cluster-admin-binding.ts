import { TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { DataGoogleClientOpenidUserinfo } from "@cdktf/provider-google/lib/data-google-client-openid-userinfo";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";

export interface ClusterAdminBindingProps {
  /**
   * Google identities (user or service account emails) bound to `cluster-admin`.
   * @default - the identity running Terraform, from `data google_client_openid_userinfo`
   */
  readonly users?: string[];
  /** @default "cluster-admin-binding" (the seed's `kubectl create clusterrolebinding` name) */
  readonly name?: string;
  /** @default - the stack's kubernetes provider */
  readonly provider?: TerraformProvider;
  /** Reads the deploying identity when `users` is not given. @default - the stack's google provider */
  readonly googleProvider?: TerraformProvider;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The seed's `kubectl create clusterrolebinding cluster-admin-binding --clusterrole=cluster-admin
 * --user=$(gcloud config get-value core/account)`: GKE maps a Google identity to the Kubernetes
 * user named by its email, and installing Istio creates cluster roles, which needs cluster-admin.
 * The deploying identity is read with the userinfo.email scope, which gcloud credentials carry.
 */
export class ClusterAdminBinding extends Construct {
  readonly resource: ClusterRoleBindingV1;
  /** The bound identities (a token when it is the deploying identity). */
  readonly users: string[];

  constructor(scope: Construct, id: string, props: ClusterAdminBindingProps = {}) {
    super(scope, id);
    if (props.users !== undefined && props.users.length === 0) {
      throw new Error(
        `'users' must list at least one email, got []; leave it out to bind the deploying identity`,
      );
    }
    for (const user of props.users ?? []) {
      if (!Token.isUnresolved(user) && !EMAIL.test(user)) {
        throw new Error(`'users' must hold user or service account emails, got '${user}'`);
      }
    }
    this.users = props.users ?? [
      new DataGoogleClientOpenidUserinfo(this, "DeployingIdentity", {
        provider: props.googleProvider,
      }).email,
    ];
    this.resource = new ClusterRoleBindingV1(this, "Resource", {
      provider: props.provider,
      metadata: { name: props.name ?? "cluster-admin-binding" },
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: "cluster-admin",
      },
      subject: this.users.map((name) => ({
        apiGroup: "rbac.authorization.k8s.io",
        kind: "User",
        name,
      })),
    });
  }
}
