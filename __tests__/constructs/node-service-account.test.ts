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

  test("validates the account id: 6 to 30 characters, a letter first, no '-' last", () => {
    for (const accountId of [
      "ab",
      "abcde",
      "a".repeat(31),
      "1demo-nodes",
      "demo-nodes-",
      "demo_nodes",
    ]) {
      expect(() => synth(accountId)).toThrow(
        `'accountId' must be 6 to 30 lower-case letters, digits or '-', starting with a letter, got '${accountId}'`,
      );
    }
    for (const accountId of ["abcdef", "a".repeat(30), "a-1234"]) {
      expect(() => synth(accountId)).not.toThrow();
    }
  });

  test("the display name says whose nodes, unless given", () => {
    expect(synth("demo-nodes")).toHaveResourceWithProperties(GoogleServiceAccount, {
      display_name: "GKE nodes of demo-nodes",
    });
    const named = Testing.synthScope((scope: Construct) => {
      new NodeServiceAccount(scope, "Nodes", {
        project: "demo-project",
        accountId: "demo-nodes",
        displayName: "Shop nodes",
      });
    });
    expect(named).toHaveResourceWithProperties(GoogleServiceAccount, {
      display_name: "Shop nodes",
    });
  });
});
