import { Testing } from "cdktf";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import {
  ClusterAdminBinding,
  ClusterAdminBindingProps,
} from "../../constructs/cluster-admin-binding";

function synthBinding(props?: ClusterAdminBindingProps): string {
  return Testing.synthScope((scope) => {
    new ClusterAdminBinding(scope, "ClusterAdminBinding", props);
  });
}

const ROLE_REF = {
  api_group: "rbac.authorization.k8s.io",
  kind: "ClusterRole",
  name: "cluster-admin",
};
const subject = (kind: string, name: string) => ({
  api_group: "rbac.authorization.k8s.io",
  kind,
  name,
});

describe("ClusterAdminBinding", () => {
  test("binds exactly the listed users, service accounts (as users) and groups; never reads the deploying identity", () => {
    const json = synthBinding({
      users: ["ops@example.com"],
      serviceAccounts: ["ci@proj.iam.gserviceaccount.com"],
      groups: ["platform@example.com"],
    });
    expect(JSON.parse(json).data).toBeUndefined();
    expect(json).toHaveResourceWithProperties(ClusterRoleBindingV1, {
      metadata: { name: "cluster-admin-binding" },
      role_ref: ROLE_REF,
      subject: [
        subject("User", "ops@example.com"),
        subject("User", "ci@proj.iam.gserviceaccount.com"),
        subject("Group", "platform@example.com"),
      ],
    });
  });

  test("refuses an empty binding, and an entry of the wrong kind", () => {
    expect(() => synthBinding()).toThrow(
      "'users', 'groups' and 'serviceAccounts' are all empty; list at least one identity, or create no binding",
    );
    expect(() => synthBinding({ users: ["ops"] })).toThrow(
      "'users' must hold user emails, got 'ops'",
    );
    expect(() => synthBinding({ groups: ["team"] })).toThrow(
      "'groups' must hold Google Group emails, got 'team'",
    );
    expect(() => synthBinding({ serviceAccounts: ["ops@example.com"] })).toThrow(
      "'serviceAccounts' must hold *.iam.gserviceaccount.com emails, got 'ops@example.com'",
    );
  });

  test("an email is the whole entry: text before or after it is refused", () => {
    for (const user of ["ops@corp@example.com", "ops@example.com@corp", "ops team@example.com"]) {
      expect(() => synthBinding({ users: [user] })).toThrow(
        `'users' must hold user emails, got '${user}'`,
      );
    }
    expect(() => synthBinding({ users: ["o@e.io"] })).not.toThrow();
  });
});
