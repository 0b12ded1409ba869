// Every entry of each list that drives what the stacks write has its own effect pinned, from a
// case written out here (__tests__/list-cases.ts: a new entry without a case fails, and so does a
// removed one).
import { TerraformResource, TerraformStack, Testing } from "cdktf";
import {
  CloudServiceMesh,
  MANAGEMENT,
  SERVICE_MESH_APIS,
} from "../../constructs/cloud-service-mesh";
import { TRAFFIC_TYPES, Waypoint } from "../../constructs/waypoint";
import { NODE_ROLES, NodeServiceAccount } from "../../constructs/node-service-account";
import { BASE_APIS, REGISTRY_READ_SCOPES } from "../../stacks/cluster-stack";
import { APIS_BY_TYPE, dependOnRequiredApis } from "../../stacks/required-apis";
import { addEnvironments } from "../../stacks/environment-stacks";
import { environment, parseEnvironments, synthEnvironments, TerraformJson } from "../fixtures";
import { entryCases, listedCase } from "../list-cases";

const compute = ["compute.googleapis.com"];
const gke = ["container.googleapis.com", "compute.googleapis.com"];
const hub = ["gkehub.googleapis.com", "mesh.googleapis.com"];

describe("APIS_BY_TYPE: each resource type waits for exactly its APIs", () => {
  const CASES: Record<string, string[]> = {
    google_project_service: [],
    terraform_data: [],
    google_project: ["cloudresourcemanager.googleapis.com"],
    google_compute_network: compute,
    google_compute_subnetwork: compute,
    google_compute_router: compute,
    google_compute_router_nat: compute,
    google_compute_firewall: compute,
    google_service_account: ["iam.googleapis.com"],
    google_project_iam_member: ["cloudresourcemanager.googleapis.com"],
    google_container_cluster: gke,
    google_container_node_pool: gke,
    google_gke_hub_feature: hub,
    google_gke_hub_feature_membership: hub,
  };

  test.each(entryCases(Object.keys(APIS_BY_TYPE), CASES))("%s", (type, row) => {
    const apis = listedCase(type, row);
    const stack = new TerraformStack(Testing.app(), "s");
    new TerraformResource(stack, "R", { terraformResourceType: type });
    const enabled: string[] = [];
    dependOnRequiredApis(stack, (service) => {
      enabled.push(service);
      return new TerraformResource(stack, `Api${enabled.length}`, {
        terraformResourceType: "google_project_service",
      });
    });
    expect(enabled).toEqual(apis);
  });
});

describe("BASE_APIS and SERVICE_MESH_APIS: each is enabled in the cluster stack", () => {
  const CASES: Record<string, { list: readonly string[]; modes: string[] }> = {
    "compute.googleapis.com": { list: BASE_APIS, modes: ["managed", "oss", "cloud-service-mesh"] },
    "container.googleapis.com": {
      list: BASE_APIS,
      modes: ["managed", "oss", "cloud-service-mesh"],
    },
    "mesh.googleapis.com": { list: SERVICE_MESH_APIS, modes: ["cloud-service-mesh"] },
    "meshconfig.googleapis.com": { list: SERVICE_MESH_APIS, modes: ["cloud-service-mesh"] },
    "gkehub.googleapis.com": { list: SERVICE_MESH_APIS, modes: ["cloud-service-mesh"] },
  };
  const MODES = ["managed", "oss", "cloud-service-mesh"];
  const stacks = synthEnvironments(
    ...MODES.map((mode, i) =>
      environment({
        name: mode.slice(0, 3),
        mode,
        location: ["us-east1", "us-west1", "europe-west1"][i],
      }),
    ),
  );
  const enabled = (mode: string) =>
    Object.values<TerraformJson>(
      stacks[`${mode.slice(0, 3)}-cluster`].resource.google_project_service,
    ).map((r) => r.service);

  test.each(entryCases([...BASE_APIS, ...SERVICE_MESH_APIS], CASES))("%s", (service, row) => {
    const { list, modes } = listedCase(service, row);
    expect(list).toContain(service);
    for (const mode of MODES) {
      expect({ mode, enabled: enabled(mode).includes(service) }).toEqual({
        mode,
        enabled: modes.includes(mode),
      });
    }
  });
});

describe("NODE_ROLES: each is granted to the node service account", () => {
  const CASES = {
    "roles/container.defaultNodeServiceAccount": true,
    "roles/artifactregistry.reader": true,
  };
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      new NodeServiceAccount(scope, "Nodes", { project: "p", accountId: "nodes-1" });
    }),
  );
  const granted = Object.values<TerraformJson>(out.resource.google_project_iam_member).map(
    (m) => m.role,
  );

  test.each(entryCases(NODE_ROLES, CASES))("%s", (role, row) => {
    listedCase(role, row);
    expect(granted).toContain(role);
  });

  test("and nothing else", () => {
    expect(granted.sort()).toEqual(Object.keys(CASES).sort());
  });
});

describe("REGISTRY_READ_SCOPES: each alone lets nodes pull images (no warning)", () => {
  const CASES = {
    "https://www.googleapis.com/auth/cloud-platform": true,
    "https://www.googleapis.com/auth/devstorage.read_only": true,
  };
  const warnings = (oauthScopes: string[]) => {
    const app = Testing.app();
    addEnvironments(
      app,
      parseEnvironments(environment({ mode: "oss", nodePools: [{ name: "p", oauthScopes }] })),
    );
    return app.node
      .findAll()
      .flatMap((n) => n.node.metadata)
      .filter((m) => m.type === "@cdktf/warn" && String(m.data).includes("oauthScopes"));
  };

  test.each(entryCases(REGISTRY_READ_SCOPES, CASES))("%s", (scope, row) => {
    listedCase(scope, row);
    expect(warnings([scope, "https://www.googleapis.com/auth/logging.write"])).toEqual([]);
  });

  test("without any of them, the warning", () => {
    expect(warnings(["https://www.googleapis.com/auth/logging.write"])).toHaveLength(1);
  });
});

describe("MANAGEMENT and TRAFFIC_TYPES: each allowed value is accepted and written", () => {
  const MANAGEMENT_CASES = { MANAGEMENT_AUTOMATIC: true, MANAGEMENT_MANUAL: true };
  const TRAFFIC_CASES = { service: true, workload: true, all: true, none: true };

  test.each(entryCases(MANAGEMENT, MANAGEMENT_CASES))(
    "CloudServiceMesh management %s",
    (management, row) => {
      listedCase(management, row);
      const out = JSON.parse(
        Testing.synthScope((scope) => {
          new CloudServiceMesh(scope, "Mesh", {
            project: "p",
            membershipId: "m",
            membershipLocation: "europe-west1",
            management: management as never,
          });
        }),
      );
      const [membership] = Object.values<TerraformJson>(
        out.resource.google_gke_hub_feature_membership,
      );
      expect(membership.mesh.management).toBe(management);
    },
  );

  test.each(entryCases(TRAFFIC_TYPES, TRAFFIC_CASES))(
    "Waypoint trafficType %s",
    (trafficType, row) => {
      listedCase(trafficType, row);
      const out = JSON.parse(
        Testing.synthScope((scope) => {
          new Waypoint(scope, "Waypoint", { namespace: "shop", trafficType: trafficType as never });
        }),
      );
      const [release] = Object.values<TerraformJson>(out.resource.helm_release);
      expect(release.values[0]).toContain(`trafficType: ${trafficType}`);
    },
  );
});
