import { Testing } from "cdktf";
import { Construct } from "constructs";
import { GoogleProjectIamMember } from "@cdktf/provider-google-beta/lib/google-project-iam-member";
import { GoogleServiceAccount } from "@cdktf/provider-google-beta/lib/google-service-account";
import { NODE_ROLES, NodeServiceAccount } from "../../constructs/node-service-account";

describe("NodeServiceAccount", () => {
  const synth = (accountId: string) =>
    Testing.synthScope((scope: Construct) => {
      new NodeServiceAccount(scope, "Nodes", { project: "demo-project", accountId });
    });

  test("an account with only the node roles", () => {
    const out = synth("demo-nodes");
    expect(out).toHaveResourceWithProperties(GoogleServiceAccount, {
      account_id: "demo-nodes",
      project: "demo-project",
    });
    for (const role of NODE_ROLES) {
      expect(out).toHaveResourceWithProperties(GoogleProjectIamMember, {
        role,
        member: "serviceAccount:${google_service_account.Nodes_66C30434.email}",
      });
    }
    expect(Object.keys(JSON.parse(out).resource.google_project_iam_member)).toHaveLength(
      NODE_ROLES.length,
    );
    expect(NODE_ROLES).not.toContain("roles/editor");
  });

  test("validates the account id", () => {
    expect(() => synth("ab")).toThrow(
      "'accountId' must be 6 to 30 lower-case letters, digits or '-', starting with a letter, got 'ab'",
    );
  });
});
