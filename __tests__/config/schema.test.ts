import { parseConfig } from "../../config/load";
import { isZone, regionOf } from "../../config/schema";
import { configProblems, environment } from "../fixtures";

/** The problems parseConfig reports for one environment, without the file prefix. */
function problemsOf(overrides: Record<string, unknown>): string[] {
  return configProblems(() =>
    parseConfig({ environments: [environment(overrides)] }, "envs.yaml"),
  ).map((p) => p.replace(/^environments\[0\] \(test\): /, ""));
}

// Each field's own message, as the user reads it: the field path, what is allowed, the value.
describe("the schema's messages, field by field", () => {
  const dnsRule =
    "must be a lower-case DNS label: a letter, then letters, digits or '-', not ending in '-'";
  test.each<[string, Record<string, unknown>, string[]]>([
    [
      "a label value that is no string",
      { cluster: { labels: { team: 5 } } },
      ["cluster.labels.team: label values must be strings, got 5"],
    ],
    [
      "a label value with a space",
      { cluster: { labels: { team: "A B" } } },
      [
        `cluster.labels.team: label values hold at most 63 lower-case letters, digits, '-' or '_', got "A B"`,
      ],
    ],
    [
      "a region as a node location",
      { cluster: { nodeLocations: ["europe-west1"] } },
      [
        `cluster.nodeLocations[0]: must be a zone such as 'us-central1-a' (did you mean 'europe-west1-b'?), got "europe-west1"`,
      ],
    ],
    [
      "a node service account that is no email",
      { nodePools: [{ name: "pool", serviceAccount: "nope" }] },
      [`nodePools[0].serviceAccount: must be a service account email, got "nope"`],
    ],
    [
      "a network project that is no project id",
      { network: { existing: true, project: "X", name: "n", subnetName: "s" } },
      [`network.project: must be a GCP project id, got "X"`],
    ],
    [
      "subnet and range names",
      { network: { subnetName: "S_1", podsRangeName: "P_1", servicesRangeName: "s_1" } },
      [
        `network.subnetName: ${dnsRule} (subnet names), got "S_1"`,
        `network.podsRangeName: ${dnsRule} (range names), got "P_1"`,
        `network.servicesRangeName: ${dnsRule} (range names), got "s_1"`,
      ],
    ],
    [
      "a GCS bucket name with capitals",
      { backend: { type: "gcs", bucket: "Bad" } },
      [`backend.bucket: must be a GCS bucket name, got "Bad"`],
    ],
    [
      "an HCP Terraform backend without organization",
      { backend: { type: "cloud", workspaces: { prefix: "p-" } } },
      [
        "backend.organization: required: the HCP Terraform organization that holds the workspaces, got nothing",
      ],
    ],
    [
      "an organization with a space",
      { backend: { type: "cloud", organization: "a b", workspaces: { prefix: "p-" } } },
      [
        `backend.organization: must be an HCP Terraform organization name (letters, digits, - and _), got "a b"`,
      ],
    ],
    [
      "a workspace prefix of 53 characters",
      { backend: { type: "cloud", organization: "o", workspaces: { prefix: "p".repeat(53) } } },
      [
        `backend.workspaces.prefix: must be at most 52 characters (workspace names are at most 90), got "${"p".repeat(53)}"`,
      ],
    ],
    [
      "an unknown key beside the prefix",
      { backend: { type: "cloud", organization: "o", workspaces: { prefix: "p", nope: 1 } } },
      ["backend.workspaces.nope: unknown key; allowed keys are prefix"],
    ],
    [
      "a misspelt prefix",
      { backend: { type: "cloud", organization: "o", workspaces: { prefx: "p" } } },
      [
        "backend.workspaces.prefix: required: the start of every workspace name, '' for none, got nothing",
        "backend.workspaces.prefx: unknown key, did you mean 'prefix'? allowed keys are prefix",
      ],
    ],
    [
      "a prefix that is no string",
      { backend: { type: "cloud", organization: "o", workspaces: { prefix: 5 } } },
      ["backend.workspaces.prefix: must be a string (it starts workspace names), got 5"],
    ],
    [
      "a namespace name with capitals",
      { mode: "oss", istio: { injectionNamespaces: [{ name: "Shop" }] } },
      [`istio.injectionNamespaces[0].name: ${dnsRule} (namespace names), got "Shop"`],
    ],
    [
      "a cluster admin that is no email",
      { mode: "oss", istio: { clusterAdmins: { users: ["root"] } } },
      [`istio.clusterAdmins.users[0]: must be a user email, got "root"`],
    ],
    [
      "cluster admins in the list form of earlier releases",
      { mode: "oss", istio: { clusterAdmins: ["ops@example.com"] } },
      [
        `istio.clusterAdmins: must be { users, groups, serviceAccounts }, no longer a list: move the emails under users (or serviceAccounts), got ["ops@example.com"]`,
      ],
    ],
    [
      "a service account admin that is a user email",
      { mode: "oss", istio: { clusterAdmins: { serviceAccounts: ["ops@example.com"] } } },
      [
        `istio.clusterAdmins.serviceAccounts[0]: must be a service account email, <name>@<project>.iam.gserviceaccount.com, got "ops@example.com"`,
      ],
    ],
    [
      "a port exception without a selector",
      {
        mode: "oss",
        istio: { mtlsPortExceptions: [{ namespace: "shop", selector: {}, ports: [8080] }] },
      },
      [
        `istio.mtlsPortExceptions[0].selector: must name at least one label (Istio applies port-level mTLS only with a selector), got {}`,
      ],
    ],
    [
      "minReplicas 0",
      { mode: "oss", istio: { minReplicas: 0 } },
      [`istio.minReplicas: Too small: expected number to be >=1, got 0`],
    ],
    [
      "a blank waiver reason",
      { policy: { waivers: [{ rule: "GKE_PRIVATE_NODES", reason: "  " }] } },
      [`policy.waivers[0].reason: a waiver needs a reason, got ""`],
    ],
    [
      "a waiver without reason",
      { policy: { waivers: [{ rule: "GKE_PRIVATE_NODES" }] } },
      [
        "policy.waivers[0].reason: a waiver needs a reason: say why the rule does not apply here, got nothing",
      ],
    ],
  ])("%s", (_, overrides, expected) => {
    expect(problemsOf(overrides)).toEqual(expected);
  });
  const pool = { name: "pool" };
  test("a workspace prefix of 52 characters, and an empty one, are accepted", () => {
    for (const prefix of ["p".repeat(52), ""])
      expect(
        problemsOf({
          backend: { type: "cloud", organization: "o", workspaces: { prefix } },
          nodePools: [pool],
        }),
      ).toEqual([]);
  });
});

describe("backend.path: relative to the project, on any OS", () => {
  const pathProblems = (path: string) => problemsOf({ backend: { type: "local", path } });
  test.each(["/abs/state", "C:\\state", "C:/state", "z:\\x"])("%j is absolute: refused", (path) => {
    expect(pathProblems(path)).toEqual([
      `backend.path: must be a path relative to the project, never absolute, got ${JSON.stringify(path)}`,
    ]);
  });
  test.each(["state/x.tfstate", "C:state", "1:/state", "xC:/state", "./a"])(
    "%j is relative: accepted",
    (path) => {
      expect(pathProblems(path)).toEqual([]);
    },
  );
});

describe("regionOf and isZone", () => {
  test("a zone's region drops the zone letter; a region is its own", () => {
    expect([
      regionOf("us-central1-a"),
      regionOf("europe-west12-c"),
      regionOf("us-central1"),
    ]).toEqual(["us-central1", "europe-west12", "us-central1"]);
    expect([isZone("us-central1-a"), isZone("us-central1")]).toEqual([true, false]);
  });
});
