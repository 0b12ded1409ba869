import { parseConfig } from "../../config/load";
import { meshOf, multiClusterStackName } from "../../config/mesh-schema";
import { configProblems, environment } from "../fixtures";

/** A Cloud Service Mesh member on the shared VPC 'mesh-vpc' of project 'test-project'. */
function member(name: string, location: string, podsCidr: string, extra = {}) {
  return environment({
    name,
    mode: "cloud-service-mesh",
    location,
    network: {
      existing: true,
      name: "mesh-vpc",
      subnetName: `${name}-nodes`,
      podsCidr,
      servicesCidr: podsCidr.replace(/\.0\.0\/14$/, ".0.0/20").replace(/^10\.(\d+)/, "10.1$1"),
    },
    ...extra,
  });
}

const EU = member("shop-eu", "europe-west1", "10.4.0.0/14");
const US = member("shop-us", "us-central1", "10.8.0.0/14");
const SHOP = { name: "shop", environments: ["shop-eu", "shop-us"], network: "shared" };
const OSS_TRUST = {
  source: "secret-manager",
  secretPrefixes: { "shop-eu": "istio-ca-eu", "shop-us": "istio-ca-us" },
};

function problemsOf(file: Record<string, unknown>): string[] {
  return configProblems(() => parseConfig(file, "test.yaml"));
}

describe("meshes: the contract", () => {
  test("a valid mesh sets meshOf(member) on its members and on no other environment", () => {
    const alone = environment({
      name: "alone",
      mode: "cloud-service-mesh",
      project: "other-project",
    });
    const envs = parseConfig({ environments: [EU, US, alone], meshes: [SHOP] });
    expect(envs.map((e) => meshOf(e)?.name)).toEqual(["shop", "shop", undefined]);
    expect(meshOf(envs[0])).toEqual({ ...SHOP });
  });

  test("a file without meshes parses to the environments alone (no mesh key)", () => {
    const [env] = parseConfig({ environments: [environment()] });
    expect("mesh" in env).toBe(false);
  });

  test("the mesh stack's name never ends like an environment's stacks", () => {
    // '<env>-cluster' and '<env>-mesh' for any env name: '-multicluster' ends in neither.
    for (const name of ["shop", "a", "x-multi", "shop-mesh"]) {
      const stack = multiClusterStackName(name);
      expect(stack).toBe(`${name}-multicluster`);
      expect(stack.endsWith("-cluster")).toBe(false);
      expect(stack.endsWith("-mesh")).toBe(false);
    }
  });
});

const cases: [string, Record<string, unknown>, string[]][] = [
  [
    "an unknown key, with the near miss",
    { environments: [EU, US], meshes: [{ ...SHOP, networks: "shared" }] },
    [
      "meshes[0] (shop): networks: unknown key, did you mean 'network'? allowed keys are name, environments, network, trust",
    ],
  ],
  [
    "a mesh without its network, and an entry that is no mapping",
    { environments: [EU, US], meshes: [{ name: "shop", environments: ["shop-eu", "shop-us"] }, 3] },
    [
      "meshes[0] (shop): network: must be one of shared, per-cluster, got nothing",
      "meshes[1]: must be a mapping { name, environments, network }, got 3",
    ],
  ],
  [
    "a network that is neither shared nor per-cluster",
    { environments: [EU, US], meshes: [{ ...SHOP, network: "flat" }] },
    ['meshes[0] (shop): network: must be one of shared, per-cluster, got "flat"'],
  ],
  [
    "a mesh name that is no DNS label",
    { environments: [EU, US], meshes: [{ ...SHOP, name: "Shop" }] },
    [
      "meshes[0] (Shop): name: must be a lower-case DNS label: a letter, then letters, digits or '-', not ending in '-' (mesh names), got \"Shop\"",
    ],
  ],
  [
    "a mesh of one member",
    { environments: [EU, US], meshes: [{ ...SHOP, environments: ["shop-eu"] }] },
    ['meshes[0] (shop): environments: a mesh joins at least two environments, got ["shop-eu"]'],
  ],
  [
    "a member that is no environment of the file, with the near miss",
    { environments: [EU, US], meshes: [{ ...SHOP, environments: ["shop-eu", "shop-uz"] }] },
    [
      "meshes[0] (shop): environments[1]: 'shop-uz' is no environment of this file (did you mean 'shop-us'?); its environments are shop-eu, shop-us",
    ],
  ],
  [
    "a member listed twice",
    {
      environments: [EU, US],
      meshes: [{ ...SHOP, environments: ["shop-eu", "shop-us", "shop-eu"] }],
    },
    ["meshes[0] (shop): environments[2]: 'shop-eu' is listed twice; list each member once"],
  ],
  [
    "two meshes of one name, sharing a member",
    {
      environments: [EU, US, member("shop-asia", "asia-east1", "10.12.0.0/14")],
      meshes: [SHOP, { ...SHOP, environments: ["shop-asia", "shop-us"] }],
    },
    [
      "meshes[1] (shop): name: 'shop' is already used by meshes[0]; mesh names must be unique",
      "meshes[1] (shop): environments[1]: 'shop-us' is already a member of meshes[0] (shop); an environment belongs to at most one mesh",
    ],
  ],
  [
    "a managed (add-on) member",
    { environments: [EU, { ...US, mode: "managed" }], meshes: [SHOP] },
    [
      "meshes[0] (shop): environments[1]: 'shop-us' has mode managed (the GKE Istio add-on, which GKE no longer accepts), which joins no mesh; use mode cloud-service-mesh or oss",
    ],
  ],
  [
    "members of two modes",
    { environments: [EU, { ...US, mode: "oss" }], meshes: [SHOP] },
    [
      "meshes[0] (shop): environments[1]: 'shop-us' has mode oss, but 'shop-eu' has mode cloud-service-mesh; every member of a mesh has one mode",
    ],
  ],
  [
    "oss members on different Istio versions",
    {
      environments: [
        { ...EU, mode: "oss", istio: { version: "1.30.2" } },
        { ...US, mode: "oss" },
      ],
      // An oss mesh names its shared root of trust (config/mesh-trust.ts).
      meshes: [{ ...SHOP, trust: OSS_TRUST }],
    },
    [
      "meshes[0] (shop): environments[1]: 'shop-us' installs Istio version 1.31.1, but 'shop-eu' installs version 1.30.2; every oss member runs the same Istio revisions (upgrade them one cluster at a time, through a revision both list)",
    ],
  ],
  [
    "Cloud Service Mesh members in two projects (two fleets)",
    {
      environments: [
        EU,
        {
          ...US,
          project: "other-project",
          network: { ...(US.network as object), project: "test-project" },
        },
      ],
      meshes: [SHOP],
    },
    [
      "meshes[0] (shop): environments[1]: 'shop-us' is in project 'other-project', but 'shop-eu' is in 'test-project'; Cloud Service Mesh members share one fleet, their project: put them in one project",
    ],
  ],
  [
    "Cloud Service Mesh members on per-cluster networks",
    { environments: [EU, US], meshes: [{ ...SHOP, network: "per-cluster" }] },
    [
      "meshes[0] (shop): network: 'per-cluster' is not offered for Cloud Service Mesh members (their managed control plane discovers endpoints across clusters of one VPC); use network: shared, or oss members",
    ],
  ],
  [
    "shared: a member that creates its own VPC",
    { environments: [EU, { ...US, network: undefined }], meshes: [SHOP] },
    [
      "meshes[0] (shop): environments[1]: 'shop-us' creates its own VPC (network.existing is not true); with network: shared every member names one existing VPC (network.existing: true, network.name, network.subnetName, network.project for a host project)",
      "meshes[0] (shop): environments[1]: 'shop-us' runs in VPC 'test-project/shop-us-us-central1-vpc', but 'shop-eu' runs in 'test-project/mesh-vpc'; with network: shared every member runs in one VPC",
    ],
  ],
  [
    "shared: a member without its pods range",
    {
      environments: [EU, { ...US, network: { ...(US.network as object), podsCidr: undefined } }],
      meshes: [SHOP],
    },
    [
      "meshes[0] (shop): environments[1]: 'shop-us' gives no network.podsCidr; with network: shared each member states its existing pods range, which the cross-cluster firewall admits and the overlap check reads",
    ],
  ],
  [
    "shared: members in two VPCs",
    {
      environments: [EU, { ...US, network: { ...(US.network as object), name: "other-vpc" } }],
      meshes: [SHOP],
    },
    [
      "meshes[0] (shop): environments[1]: 'shop-us' runs in VPC 'test-project/other-vpc', but 'shop-eu' runs in 'test-project/mesh-vpc'; with network: shared every member runs in one VPC",
    ],
  ],
  [
    "shared: overlapping pod ranges",
    {
      environments: [EU, member("shop-us", "us-central1", "10.6.0.0/15", {})],
      meshes: [SHOP],
    },
    [
      "meshes[0] (shop): environments[1]: 'shop-us' network.podsCidr '10.6.0.0/15' overlaps network.podsCidr '10.4.0.0/14' of 'shop-eu'; with network: shared, pod and service ranges of members must not overlap",
    ],
  ],
];

cases.push([
  "shared: a service range inside another member's pods range",
  {
    environments: [
      EU,
      { ...US, network: { ...(US.network as object), servicesCidr: "10.5.0.0/20" } },
    ],
    meshes: [SHOP],
  },
  [
    "meshes[0] (shop): environments[1]: 'shop-us' network.servicesCidr '10.5.0.0/20' overlaps network.podsCidr '10.4.0.0/14' of 'shop-eu'; with network: shared, pod and service ranges of members must not overlap",
  ],
]);

describe.each(cases)("meshes: %s", (_, file, expected) => {
  test("is refused, one line per problem naming the mesh, the field, the value", () => {
    expect(problemsOf(file)).toEqual(expected);
  });
});

test("the cases cover every rule (a guard on the table above)", () => {
  expect(cases).toHaveLength(18);
});
