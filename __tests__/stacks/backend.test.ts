import { ConfigError } from "../../config/load";
import { environment, parseEnvironments, synthEnvironments } from "../fixtures";

const cloud = {
  type: "cloud",
  organization: "acme",
  hostname: "tfe.example.com",
  workspaces: { prefix: "gke-" },
};

describe("backend: { type: cloud }", () => {
  const stacks = synthEnvironments(environment({ mode: "oss", backend: cloud }));

  test("gives each stack its own HCP Terraform workspace, <prefix><stack>", () => {
    expect(stacks["test-cluster"].terraform.cloud).toEqual({
      organization: "acme",
      hostname: "tfe.example.com",
      workspaces: { name: "gke-test-cluster" },
    });
    expect(stacks["test-mesh"].terraform.cloud).toEqual({
      organization: "acme",
      hostname: "tfe.example.com",
      workspaces: { name: "gke-test-mesh" },
    });
    expect(stacks["test-cluster"].terraform.backend).toBeUndefined();
  });

  test("leaves hostname to Terraform (app.terraform.io) when not given", () => {
    const withoutHost = { ...cloud, hostname: undefined };
    const out = synthEnvironments(environment({ backend: withoutHost }));
    expect(out["test-cluster"].terraform.cloud).toEqual({
      organization: "acme",
      workspaces: { name: "gke-test-cluster" },
    });
  });

  test("the mesh stack still reads the cluster through data sources, not remote state", () => {
    expect(Object.keys(stacks["test-mesh"].data)).toEqual(
      expect.arrayContaining(["google_container_cluster"]),
    );
    expect(stacks["test-mesh"].data.terraform_remote_state).toBeUndefined();
  });

  test("refuses names HCP Terraform refuses, naming the field and the value", () => {
    const problems = (backend: unknown) => {
      try {
        parseEnvironments(environment({ backend }));
        return "";
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        return e.message;
      }
    };
    expect(problems({ ...cloud, workspaces: { prefix: "gke/" } })).toBe(
      'test.yaml: environments[0] (test): backend.workspaces.prefix: must hold only letters, digits, - and _ (it starts workspace names), got "gke/"',
    );
    expect(problems({ ...cloud, hostname: "https://tfe.example.com" })).toContain(
      "backend.hostname: must be a host name such as app.terraform.io, without https://",
    );
    expect(problems({ type: "cloud", organization: "acme" })).toContain(
      "backend.workspaces: required: { prefix }, and each stack gets the workspace '<prefix><stack>', got nothing",
    );
  });
});
