import { TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";

export interface ClusterAdminBindingProps {
  /** Google user emails, bound as Kubernetes users. @default [] */
  readonly users?: readonly string[];
  /**
   * Google Groups (emails), bound as Kubernetes groups; GKE resolves them only with Google Groups
   * for RBAC (the cluster's authenticator security group). @default []
   */
  readonly groups?: readonly string[];
  /** Google service account emails (`*.iam.gserviceaccount.com`), which GKE authenticates as users. @default [] */
  readonly serviceAccounts?: readonly string[];
  /** @default "cluster-admin-binding" (the seed's `kubectl create clusterrolebinding` name) */
  readonly name?: string;
  /** @default - the stack's kubernetes provider */
  readonly provider?: TerraformProvider;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SERVICE_ACCOUNT = /^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/;
const RBAC = "rbac.authorization.k8s.io";

/**
 * A standing `cluster-admin` grant for the listed Google identities: the seed's `kubectl create
 * clusterrolebinding cluster-admin-binding --clusterrole=cluster-admin`, made explicit. Nobody is
 * bound by default: on GKE, IAM's roles/container.admin already gives full access to the
 * Kubernetes API, Istio's cluster roles included, and IAM keeps the grant auditable and revocable.
 * The list never depends on who runs Terraform, so every identity plans the same binding.
 */
export class ClusterAdminBinding extends Construct {
  readonly resource: ClusterRoleBindingV1;

  constructor(scope: Construct, id: string, props: ClusterAdminBindingProps = {}) {
    super(scope, id);
    const users = props.users ?? [];
    const groups = props.groups ?? [];
    const serviceAccounts = props.serviceAccounts ?? [];
    if (users.length + groups.length + serviceAccounts.length === 0) {
      throw new Error(
        `'users', 'groups' and 'serviceAccounts' are all empty; list at least one identity, or create no binding`,
      );
    }
    const check = (prop: string, list: readonly string[], pattern: RegExp, what: string) => {
      for (const email of list) {
        if (!Token.isUnresolved(email) && !pattern.test(email)) {
          throw new Error(`'${prop}' must hold ${what}, got '${email}'`);
        }
      }
    };
    check("users", users, EMAIL, "user emails");
    check("groups", groups, EMAIL, "Google Group emails");
    check("serviceAccounts", serviceAccounts, SERVICE_ACCOUNT, "*.iam.gserviceaccount.com emails");
    this.resource = new ClusterRoleBindingV1(this, "Resource", {
      provider: props.provider,
      metadata: { name: props.name ?? "cluster-admin-binding" },
      roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "cluster-admin" },
      subject: [
        ...[...users, ...serviceAccounts].map((name) => ({ apiGroup: RBAC, kind: "User", name })),
        ...groups.map((name) => ({ apiGroup: RBAC, kind: "Group", name })),
      ],
    });
  }
}
