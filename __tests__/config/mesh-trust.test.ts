import { parseConfig } from "../../config/load";
import { REFUSED_TRUST_SOURCES } from "../../config/mesh-trust";
import { meshMembershipOf } from "../../config/oss-members";
import { configProblems, environment } from "../fixtures";

// GIVEN two oss members on networks of their own, and their mesh with a Secret Manager CA.
const EU = environment({ name: "shop-eu", mode: "oss", location: "europe-west1" });
const US = environment({ name: "shop-us", mode: "oss", location: "us-east1" });
const TRUST = {
  source: "secret-manager",
  secretPrefixes: {
    "shop-eu": "istio-ca-eu",
    "shop-us": "projects/ca-project/secrets/istio-ca-us",
  },
};
const mesh = (extra: Record<string, unknown> = {}) => ({
  name: "shop",
  environments: ["shop-eu", "shop-us"],
  network: "per-cluster",
  trust: TRUST,
  ...extra,
});

function problemsOf(file: Record<string, unknown>): string[] {
  return configProblems(() => parseConfig(file, "test.yaml"));
}

describe("meshes[].trust and the oss members", () => {
  test("a valid oss mesh: each member's meshID, clusterName and network", () => {
    const [eu, us] = parseConfig({ environments: [EU, US], meshes: [mesh()] }, "test.yaml");
    expect([meshMembershipOf(eu), meshMembershipOf(us)]).toEqual([
      { meshId: "shop", clusterName: "shop-eu", network: "shop-eu" },
      { meshId: "shop", clusterName: "shop-us", network: "shop-us" },
    ]);
    // network: shared puts every member on the mesh's one network.
    const shared = { ...mesh({ network: "shared" }) };
    const members = [EU, US].map((e) => ({
      ...e,
      network: {
        existing: true,
        name: "vpc",
        subnetName: `${e.name}-nodes`,
        podsCidr: e.name === "shop-eu" ? "10.4.0.0/14" : "10.8.0.0/14",
      },
    }));
    const parsed = parseConfig({ environments: members, meshes: [shared] }, "test.yaml");
    expect(parsed.map((e) => meshMembershipOf(e)?.network)).toEqual(["shop", "shop"]);
  });

  test.each([
    [
      "oss members without trust",
      { environments: [EU, US], meshes: [mesh({ trust: undefined })] },
      [
        "meshes[0] (shop): trust: is missing; oss members need a shared root of trust: trust: { source: secret-manager, secretPrefixes: { shop-eu: <prefix>, shop-us: <prefix> } }",
      ],
    ],
    [
      "Certificate Authority Service",
      {
        environments: [EU, US],
        meshes: [mesh({ trust: { source: "certificate-authority-service" } })],
      },
      [
        `meshes[0] (shop): trust.source: 'certificate-authority-service' is refused: ${REFUSED_TRUST_SOURCES["certificate-authority-service"]}`,
      ],
    ],
    [
      "keys generated in Terraform",
      { environments: [EU, US], meshes: [mesh({ trust: { source: "generated" } })] },
      [
        `meshes[0] (shop): trust.source: 'generated' is refused: ${REFUSED_TRUST_SOURCES.generated}`,
      ],
    ],
    [
      "a member without secrets and a name that is no member",
      {
        environments: [EU, US],
        meshes: [
          mesh({
            trust: {
              source: "secret-manager",
              secretPrefixes: { "shop-eu": "a", "shop-uss": "b" },
            },
          }),
        ],
      },
      [
        "meshes[0] (shop): trust.secretPrefixes: names no secrets for member 'shop-us'; with source secret-manager every member names the prefix of the four secrets holding its intermediate CA",
        "meshes[0] (shop): trust.secretPrefixes.shop-uss: 'shop-uss' is no member of this mesh (did you mean 'shop-us'?); its members are shop-eu, shop-us",
      ],
    ],
    [
      "values the mesh sets",
      {
        environments: [
          EU,
          { ...US, istio: { values: { global: { meshID: "other", network: "n" } } } },
        ],
        meshes: [mesh()],
      },
      [
        "meshes[0] (shop): environments[1]: 'shop-us' sets istio.values.global.meshID, which the mesh sets on every member (meshID: the mesh name, multiCluster.clusterName: the environment name, network: per mesh network); remove it",
        "meshes[0] (shop): environments[1]: 'shop-us' sets istio.values.global.network, which the mesh sets on every member (meshID: the mesh name, multiCluster.clusterName: the environment name, network: per mesh network); remove it",
      ],
    ],
    [
      "ambient members before 1.29, or without the Gateway API CRDs",
      {
        environments: [
          {
            ...EU,
            istio: { dataplane: "ambient", version: "1.28.4" },
            cluster: { minMasterVersion: "1.33" },
          },
          {
            ...US,
            istio: { dataplane: "ambient", version: "1.28.4" },
            cluster: { minMasterVersion: "1.33", gatewayApi: false },
          },
        ],
        meshes: [mesh()],
      },
      [
        "meshes[0] (shop): environments[0]: 'shop-eu' has istio.dataplane 'ambient' with istio.version '1.28.4'; ambient multi-cluster needs 1.29.0 or later",
        // GKE 1.33 installs no Gateway API CRDs of its own unless asked.
        "meshes[0] (shop): environments[0]: 'shop-eu' has istio.dataplane 'ambient' without Gateway API CRDs (cluster.gatewayApi); the ambient east-west gateway is a Gateway API Gateway: set cluster.gatewayApi: true",
        "meshes[0] (shop): environments[1]: 'shop-us' has istio.dataplane 'ambient' with istio.version '1.28.4'; ambient multi-cluster needs 1.29.0 or later",
        "meshes[0] (shop): environments[1]: 'shop-us' has istio.dataplane 'ambient' without Gateway API CRDs (cluster.gatewayApi); the ambient east-west gateway is a Gateway API Gateway: set cluster.gatewayApi: true",
      ],
    ],
  ])("%s: refused, one line per problem", (_, file, expected) => {
    expect(problemsOf(file)).toEqual(expected);
  });

  test("ambient members: multi-network only", () => {
    const ambient = (e: Record<string, unknown>) => ({ ...e, istio: { dataplane: "ambient" } });
    expect(problemsOf({ environments: [ambient(EU), ambient(US)], meshes: [mesh()] })).toEqual([]);
    const shared = problemsOf({
      environments: [ambient(EU), ambient(US)],
      meshes: [mesh({ network: "shared" })],
    });
    expect(shared.filter((p) => p.includes("ambient"))).toEqual([
      "meshes[0] (shop): environments[0]: 'shop-eu' has istio.dataplane 'ambient' in a mesh with network 'shared'; ambient multi-cluster supports multi-network meshes only: use network: per-cluster, or dataplane sidecar",
      "meshes[0] (shop): environments[1]: 'shop-us' has istio.dataplane 'ambient' in a mesh with network 'shared'; ambient multi-cluster supports multi-network meshes only: use network: per-cluster, or dataplane sidecar",
    ]);
  });

  test("trust on Cloud Service Mesh members is refused (their other problems aside)", () => {
    const problems = problemsOf({
      environments: [
        { ...EU, mode: "cloud-service-mesh" },
        { ...US, mode: "cloud-service-mesh" },
      ],
      meshes: [mesh({ network: "shared" })],
    });
    expect(problems.filter((p) => p.includes("trust"))).toEqual([
      "meshes[0] (shop): trust: is set, but the members have mode cloud-service-mesh, whose CA Google manages; trust applies to oss members only: remove it",
    ]);
  });

  test("a malformed prefix or version: the schema's line names the field and the value", () => {
    const problems = problemsOf({
      environments: [EU, US],
      meshes: [
        mesh({
          trust: {
            ...TRUST,
            secretPrefixes: { ...TRUST.secretPrefixes, "shop-eu": "bad prefix" },
            secretVersion: "v2",
          },
        }),
      ],
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^meshes\[0\] \(shop\): trust\.secretPrefixes\.shop-eu: .*'bad prefix'|bad prefix/,
    );
    expect(problems[0]).toMatch(/secret id prefix/);
    expect(problems[1]).toMatch(/trust\.secretVersion.*'latest' or a version number/);
  });
});

describe("oss member rules at their edges", () => {
  const lines = (file: Record<string, unknown>, text: string) =>
    problemsOf(file).filter((p) => p.includes(text));

  test("legacy charts: each member is refused by name, with the version", () => {
    const legacy = (e: Record<string, unknown>) => ({ ...e, istio: { version: "1.4.10" } });
    expect(
      lines({ environments: [legacy(EU), legacy(US)], meshes: [mesh()] }, "legacy charts"),
    ).toEqual([
      "meshes[0] (shop): environments[0]: 'shop-eu' has istio.version '1.4.10' (the legacy charts); a multi-cluster member needs the current charts: 1.12.x or later",
      "meshes[0] (shop): environments[1]: 'shop-us' has istio.version '1.4.10' (the legacy charts); a multi-cluster member needs the current charts: 1.12.x or later",
    ]);
  });

  test("ambient multi-cluster: 1.28 is refused, 1.29 is the first minor accepted", () => {
    const ambient = (version: string) => (e: Record<string, unknown>) => ({
      ...e,
      cluster: { gatewayApi: true, minMasterVersion: "1.32" },
      istio: { dataplane: "ambient", version },
    });
    const at = (version: string) =>
      lines(
        { environments: [ambient(version)(EU), ambient(version)(US)], meshes: [mesh()] },
        "ambient multi-cluster needs",
      );
    expect(at("1.28.0")).toEqual([
      "meshes[0] (shop): environments[0]: 'shop-eu' has istio.dataplane 'ambient' with istio.version '1.28.0'; ambient multi-cluster needs 1.29.0 or later",
      "meshes[0] (shop): environments[1]: 'shop-us' has istio.dataplane 'ambient' with istio.version '1.28.0'; ambient multi-cluster needs 1.29.0 or later",
    ]);
    expect(at("1.29.0")).toEqual([]);
  });

  test("a secret prefix for a name that is no member: one line, with the nearest member", () => {
    const trust = { ...TRUST, secretPrefixes: { ...TRUST.secretPrefixes, "shop-euu": "x" } };
    expect(lines({ environments: [EU, US], meshes: [mesh({ trust })] }, "is no member")).toEqual([
      "meshes[0] (shop): trust.secretPrefixes.shop-euu: 'shop-euu' is no member of this mesh (did you mean 'shop-eu'?); its members are shop-eu, shop-us",
    ]);
  });
});

describe("oss members run the same Istio", () => {
  test("members on different revisions: one line naming each side's revisions (a name defaults to its version's)", () => {
    const on =
      (...versions: string[]) =>
      (e: Record<string, unknown>) => ({
        ...e,
        istio: {
          revisions: versions.map((version) => ({ version })),
          ...(versions.length > 1 ? { defaultRevision: "1-31-1" } : {}),
        },
      });
    const lines = problemsOf({
      environments: [on("1.30.5", "1.31.1")(EU), on("1.31.1")(US)],
      meshes: [mesh()],
    });
    expect(lines).toEqual([
      "meshes[0] (shop): environments[1]: 'shop-us' installs Istio revisions 1-31-1@1.31.1, but 'shop-eu' installs revisions 1-30-5@1.30.5, 1-31-1@1.31.1; every oss member runs the same Istio revisions (upgrade them one cluster at a time, through a revision both list)",
    ]);
  });
});
