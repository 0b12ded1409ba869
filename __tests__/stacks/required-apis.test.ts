import { TerraformResource, TerraformStack, Testing } from "cdktf";
import { APIS_BY_TYPE, dependOnRequiredApis } from "../../stacks/required-apis";
import { environment, synthEnvironments, TerraformJson } from "../fixtures";

/** The service each google_project_service of a stack enables, by its Terraform reference. */
function apiAddresses(stack: TerraformJson): Map<string, string> {
  return new Map(
    Object.entries<TerraformJson>(stack.resource.google_project_service ?? {}).map(
      ([name, body]) => [body.service, `google_project_service.${name}`],
    ),
  );
}

describe("every resource waits for the APIs it calls", () => {
  const stacks = synthEnvironments(
    environment({ name: "m", mode: "managed" }),
    environment({ name: "o", mode: "oss", location: "us-central1" }),
    environment({ name: "c", mode: "cloud-service-mesh", location: "us-east1" }),
  );
  const clusterStacks = Object.entries(stacks).filter(([name]) => name.endsWith("-cluster"));

  test.each(clusterStacks)("%s", (_, stack) => {
    const apis = apiAddresses(stack);
    const blocks = [
      ...Object.entries<TerraformJson>(stack.resource).map(([type, r]) => ({ type, r })),
      ...Object.entries<TerraformJson>(stack.data ?? {}).map(([type, r]) => ({ type, r })),
    ];
    for (const { type, r } of blocks) {
      // A new resource type must say which APIs it calls.
      expect({ type, known: type in APIS_BY_TYPE }).toEqual({ type, known: true });
      for (const [name, body] of Object.entries<TerraformJson>(r)) {
        for (const service of APIS_BY_TYPE[type]) {
          expect({ at: `${type}.${name}`, service, dependsOn: body.depends_on }).toEqual({
            at: `${type}.${name}`,
            service,
            dependsOn: expect.arrayContaining([apis.get(service)]),
          });
        }
      }
    }
    // The service account API is enabled where the stack creates the node service account.
    expect(apis.has("iam.googleapis.com")).toBe(true);
  });

  test("enableApis: false enables nothing and adds no dependencies", () => {
    const stack = synthEnvironments(environment({ enableApis: false }))["test-cluster"];
    expect(stack.resource.google_project_service).toBeUndefined();
    const dependencies = Object.values<TerraformJson>(stack.resource).flatMap((r) =>
      Object.values<TerraformJson>(r).flatMap((body) => body.depends_on ?? []),
    );
    expect(dependencies.filter((d: string) => d.includes("google_project_service"))).toEqual([]);
    expect(Object.keys(stack.resource)).toContain("google_compute_network");
  });
});

test("each resource type waits for at least the APIs it calls", () => {
  // The table written out here on purpose: the test above reads APIS_BY_TYPE itself.
  const compute = ["compute.googleapis.com"];
  const gke = ["compute.googleapis.com", "container.googleapis.com"];
  const hub = ["gkehub.googleapis.com", "mesh.googleapis.com"];
  const expected: Record<string, string[]> = {
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
  const found: Record<string, string[]> = {};
  const stacks = synthEnvironments(
    environment({ name: "c", mode: "cloud-service-mesh" }),
    environment({ name: "o", mode: "oss", location: "us-central1" }),
  );
  for (const stack of [stacks["c-cluster"], stacks["o-cluster"]]) {
    const serviceOf = new Map([...apiAddresses(stack)].map(([service, at]) => [at, service]));
    for (const blocks of [stack.resource, stack.data ?? {}])
      for (const [type, byName] of Object.entries<TerraformJson>(blocks))
        for (const body of Object.values<TerraformJson>(byName))
          if (type in expected)
            found[type] = (found[type] ?? expected[type]).filter((service) =>
              ((body.depends_on ?? []) as string[]).some(
                (d) => serviceOf.get(d.replace(/^\$\{|\}$/g, "")) === service,
              ),
            );
  }
  expect(found).toEqual(expected);
});

test("a resource type the table does not know is left as it is", () => {
  const stack = new TerraformStack(Testing.app(), "user");
  const bucket = new TerraformResource(stack, "Bucket", {
    terraformResourceType: "google_storage_bucket",
  });
  const enableApi = jest.fn();
  dependOnRequiredApis(stack, enableApi);
  expect(enableApi).not.toHaveBeenCalled();
  expect(bucket.dependsOn).toBeUndefined();
});

test("the APIs each mode enables, and binary authorization's only while it is on", () => {
  const enabled = (overrides: Record<string, unknown>) =>
    [...apiAddresses(synthEnvironments(environment(overrides))["test-cluster"]).keys()].sort();
  const base = [
    "binaryauthorization.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "compute.googleapis.com",
    "container.googleapis.com",
    "iam.googleapis.com",
  ];
  expect(enabled({ mode: "managed" })).toEqual(base);
  expect(enabled({ mode: "oss" })).toEqual(base);
  expect(enabled({ mode: "cloud-service-mesh" })).toEqual(
    [...base, "gkehub.googleapis.com", "mesh.googleapis.com", "meshconfig.googleapis.com"].sort(),
  );
  expect(
    enabled({
      mode: "oss",
      cluster: { binaryAuthorization: false },
      policy: { waivers: [{ rule: "GKE_BINARY_AUTHORIZATION", reason: "test" }] },
    }),
  ).toEqual(base.filter((api) => api !== "binaryauthorization.googleapis.com"));
});

test("destroying a stack never disables an API, nor the services that depend on it", () => {
  const stack = synthEnvironments(environment({ mode: "cloud-service-mesh" }))["test-cluster"];
  const services = Object.values<TerraformJson>(stack.resource.google_project_service);
  expect(services.length).toBeGreaterThan(0);
  for (const body of services)
    expect({ service: body.service, ...body }).toMatchObject({
      service: body.service,
      project: "test-project",
      disable_on_destroy: false,
      disable_dependent_services: false,
    });
});

test("a resource without dependencies of its own gets exactly its APIs", () => {
  const stack = synthEnvironments(environment({ mode: "oss" }))["test-cluster"];
  const compute = apiAddresses(stack).get("compute.googleapis.com");
  const [network] = Object.values<TerraformJson>(stack.resource.google_compute_network);
  expect(network.depends_on).toEqual([compute]);
});
