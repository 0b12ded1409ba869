import { onlyResource, resourcesOf, synthEnvironments, environment } from "../fixtures";

describe("ClusterStack", () => {
  test("managed mode turns on the Istio add-on with strict mTLS by default", () => {
    const stacks = synthEnvironments(environment());
    const cluster = onlyResource(stacks["test-cluster"], "google_container_cluster");
    expect(cluster.addons_config.istio_config).toEqual({
      disabled: false,
      auth: "AUTH_MUTUAL_TLS",
    });
  });

  test("PERMISSIVE maps to AUTH_NONE", () => {
    const stacks = synthEnvironments(environment({ istio: { mtls: "PERMISSIVE" } }));
    const cluster = onlyResource(stacks["test-cluster"], "google_container_cluster");
    expect(cluster.addons_config.istio_config).toEqual({ disabled: false, auth: "AUTH_NONE" });
  });

  test("every google resource is routed to the google-beta provider", () => {
    const stacks = synthEnvironments(environment());
    const stack = stacks["test-cluster"];
    expect(Object.keys(stack.provider)).toEqual(["google-beta"]);
    expect(stack.terraform.required_providers["google-beta"]).toEqual({
      source: "google-beta",
      version: "6.50.0",
    });
    const types = Object.keys(stack.resource);
    expect(types).toContain("google_container_cluster");
    for (const type of types) {
      for (const body of resourcesOf(stack, type))
        expect({ type, provider: body.provider }).toEqual({ type, provider: "google-beta" });
    }
  });

  test("one node pool per entry, autoscaled, with management and node config", () => {
    const stacks = synthEnvironments(
      environment({
        cluster: { releaseChannel: "UNSPECIFIED" },
        nodePools: [
          {
            name: "a",
            minNodeCount: 2,
            maxNodeCount: 5,
            machineType: "n2-standard-4",
            spot: true,
            autoUpgrade: false,
          },
          {
            name: "b",
            taints: [{ key: "dedicated", value: "istio", effect: "NO_SCHEDULE" }],
            labels: { role: "mesh" },
          },
        ],
      }),
    );
    const pools = resourcesOf(stacks["test-cluster"], "google_container_node_pool");
    expect(pools.map((p) => p.name)).toEqual([
      expect.stringMatching(/^a-[0-9a-f]{6}$/),
      expect.stringMatching(/^b-[0-9a-f]{6}$/),
    ]);
    expect(pools[0]).toMatchObject({
      initial_node_count: 2,
      autoscaling: { min_node_count: 2, max_node_count: 5 },
      management: { auto_repair: true, auto_upgrade: false },
      node_config: { machine_type: "n2-standard-4", spot: true, preemptible: false },
    });
    expect(pools[1].node_config).toMatchObject({
      taint: [{ key: "dedicated", value: "istio", effect: "NO_SCHEDULE" }],
      labels: { role: "mesh" },
    });
  });

  test("outputs: name, location, sensitive endpoint and the get-credentials command", () => {
    const stacks = synthEnvironments(environment({ location: "europe-west1-b" }));
    const out = stacks["test-cluster"].output;
    expect(Object.keys(out).sort()).toEqual([
      "cluster_name",
      "endpoint",
      "get_credentials",
      "location",
    ]);
    expect(out.endpoint.sensitive).toBe(true);
    expect(out.get_credentials.value).toBe(
      "gcloud container clusters get-credentials test --zone europe-west1-b --project test-project",
    );
  });

  test("local state is kept relative to the project; gcs state gets one prefix per stack", () => {
    const local = synthEnvironments(environment());
    expect(local["test-cluster"].terraform.backend).toEqual({
      local: { path: "../../../terraform.test-cluster.tfstate" },
    });
    const gcs = synthEnvironments(
      environment({ backend: { type: "gcs", bucket: "tf-state", prefix: "gke" } }),
    );
    expect(gcs["test-cluster"].terraform.backend).toEqual({
      gcs: { bucket: "tf-state", prefix: "gke/test-cluster" },
    });
  });

  test("the mesh stack exists only when there is something to put in the cluster (managed)", () => {
    expect(Object.keys(synthEnvironments(environment()))).toEqual(["test-cluster"]);
    expect(
      Object.keys(synthEnvironments(environment({ istio: { injectionNamespaces: ["default"] } }))),
    ).toEqual(["test-cluster", "test-mesh"]);
  });
});

describe("ClusterStack (cloud-service-mesh)", () => {
  const csm = () => environment({ mode: "cloud-service-mesh" });
  const stack = synthEnvironments(csm())["test-cluster"];
  const cluster = onlyResource(stack, "google_container_cluster");

  test("the cluster joins the project's fleet, with Workload Identity and the mesh_id label", () => {
    expect(cluster.fleet).toEqual({ project: "test-project" });
    expect(cluster.workload_identity_config).toEqual({ workload_pool: "test-project.svc.id.goog" });
    expect(cluster.resource_labels).toEqual({
      "managed-by": "gke-istio-cdktf",
      environment: "test",
      mesh_id: "proj-${data.google_project.Project.number}",
    });
    expect(stack.data.google_project.Project).toMatchObject({
      project_id: "test-project",
      provider: "google-beta",
    });
    expect(cluster.addons_config?.istio_config).toBeUndefined();
  });

  test("the servicemesh feature, and the membership wired to the cluster's fleet membership", () => {
    expect(onlyResource(stack, "google_gke_hub_feature")).toMatchObject({
      name: "servicemesh",
      location: "global",
      project: "test-project",
      provider: "google-beta",
    });
    expect(onlyResource(stack, "google_gke_hub_feature_membership")).toMatchObject({
      feature: "${google_gke_hub_feature.ServiceMesh_Feature_C6D8E566.name}",
      location: "global",
      membership: "${google_container_cluster.Cluster_EB0386A7.fleet[0].membership_id}",
      membership_location:
        "${google_container_cluster.Cluster_EB0386A7.fleet[0].membership_location}",
      mesh: { management: "MANAGEMENT_AUTOMATIC" },
      provider: "google-beta",
    });
  });

  test("the mesh APIs are enabled, never disabled on destroy, before the cluster and the hub resources", () => {
    const apis = resourcesOf(stack, "google_project_service");
    expect(apis.map((a) => a.service).sort()).toEqual([
      "binaryauthorization.googleapis.com",
      "cloudresourcemanager.googleapis.com",
      "compute.googleapis.com",
      "container.googleapis.com",
      "gkehub.googleapis.com",
      "iam.googleapis.com",
      "mesh.googleapis.com",
      "meshconfig.googleapis.com",
    ]);
    for (const api of apis) expect(api.disable_on_destroy).toBe(false);
    const all = [
      "google_project_service.Api-compute",
      "google_project_service.Api-container",
      "google_project_service.Api-binaryauthorization",
      "google_project_service.Api-mesh",
      "google_project_service.Api-meshconfig",
      "google_project_service.Api-gkehub",
    ];
    expect(cluster.depends_on).toEqual(all);
    expect(onlyResource(stack, "google_gke_hub_feature").depends_on).toEqual(all);
    expect(onlyResource(stack, "google_gke_hub_feature_membership").depends_on).toEqual(all);
  });

  test("binary authorization's API is enabled only while binary authorization is on", () => {
    const services = (cluster: Record<string, unknown>) =>
      resourcesOf(
        synthEnvironments(environment({ cluster }))["test-cluster"],
        "google_project_service",
      ).map((a) => a.service);
    expect(services({})).toContain("binaryauthorization.googleapis.com");
    expect(services({ binaryAuthorization: false })).not.toContain(
      "binaryauthorization.googleapis.com",
    );
  });

  test("enableApis: false leaves the APIs to the user", () => {
    const off = synthEnvironments(environment({ mode: "cloud-service-mesh", enableApis: false }));
    expect(resourcesOf(off["test-cluster"], "google_project_service")).toEqual([]);
    expect(onlyResource(off["test-cluster"], "google_gke_hub_feature_membership").depends_on).toBe(
      undefined,
    );
  });

  test("every google resource and data source is routed to google-beta", () => {
    for (const block of [stack.resource, stack.data]) {
      for (const [type, bodies] of Object.entries(block as Record<string, object>)) {
        for (const body of Object.values(bodies))
          expect({ type, provider: body.provider }).toEqual({ type, provider: "google-beta" });
      }
    }
  });
});
