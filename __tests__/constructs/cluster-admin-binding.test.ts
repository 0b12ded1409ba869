import { Testing } from "cdktf";
import { DataGoogleClientOpenidUserinfo } from "@cdktf/provider-google/lib/data-google-client-openid-userinfo";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
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

describe("ClusterAdminBinding", () => {
  test("binds the deploying identity, read from google_client_openid_userinfo", () => {
    const json = synthBinding();
    expect(json).toHaveDataSource(DataGoogleClientOpenidUserinfo);
    expect(json).toHaveResourceWithProperties(ClusterRoleBindingV1, {
      metadata: { name: "cluster-admin-binding" },
      role_ref: ROLE_REF,
      subject: [
        {
          api_group: "rbac.authorization.k8s.io",
          kind: "User",
          name: "${data.google_client_openid_userinfo.ClusterAdminBinding_DeployingIdentity_37D32365.email}",
        },
      ],
    });
  });

  test("binds the listed identities instead, without reading the deploying one", () => {
    const json = synthBinding({ users: ["ops@example.com", "ci@proj.iam.gserviceaccount.com"] });
    expect(json).not.toHaveDataSource(DataGoogleClientOpenidUserinfo);
    expect(json).toHaveResourceWithProperties(ClusterRoleBindingV1, {
      role_ref: ROLE_REF,
      subject: [
        { api_group: "rbac.authorization.k8s.io", kind: "User", name: "ops@example.com" },
        {
          api_group: "rbac.authorization.k8s.io",
          kind: "User",
          name: "ci@proj.iam.gserviceaccount.com",
        },
      ],
    });
  });

  test("refuses an empty list and a non-email", () => {
    expect(() => synthBinding({ users: [] })).toThrow(
      "'users' must list at least one email, got []; leave it out to bind the deploying identity",
    );
    expect(() => synthBinding({ users: ["ops"] })).toThrow(
      "'users' must hold user or service account emails, got 'ops'",
    );
  });

  test("an email is the whole entry: text before or after it is refused", () => {
    for (const user of ["ops@corp@example.com", "ops@example.com@corp", "ops team@example.com"]) {
      expect(() => synthBinding({ users: [user] })).toThrow(
        `'users' must hold user or service account emails, got '${user}'`,
      );
    }
    expect(() => synthBinding({ users: ["o@e.io"] })).not.toThrow();
  });

  test("the deploying identity is read with the given google provider", () => {
    const json = Testing.synthScope((scope) => {
      const googleProvider = new GoogleProvider(scope, "Deployer", { alias: "deployer" });
      new ClusterAdminBinding(scope, "ClusterAdminBinding", { googleProvider });
    });
    expect(json).toHaveDataSourceWithProperties(DataGoogleClientOpenidUserinfo, {
      provider: "google.deployer",
    });
  });
});
