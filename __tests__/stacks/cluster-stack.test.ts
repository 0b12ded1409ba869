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

describe("the temporary default pool (hardened projects have no Compute Engine default account)", () => {
  test("runs as the node account, waits for its roles, and later changes are ignored", () => {
    const stack = synthEnvironments(environment())["test-cluster"];
    const cluster = onlyResource(stack, "google_container_cluster");
    expect(cluster.node_config).toEqual({
      service_account: "${google_service_account.NodeServiceAccount_E1BE4B73.email}",
      oauth_scopes: ["https://www.googleapis.com/auth/cloud-platform"],
    });
    // node_config forces replacement of the cluster: an existing one must never see it change.
    expect(cluster.lifecycle).toEqual({ ignore_changes: ["node_config"] });
    expect(cluster.depends_on).toEqual(
      expect.arrayContaining(
        Object.keys(stack.resource.google_project_iam_member).map(
          (name) => `google_project_iam_member.${name}`,
        ),
      ),
    );
  });

  test("with accounts of the user's own, the first pool's account", () => {
    const stack = synthEnvironments(
      environment({
        nodePools: [
          { name: "a", serviceAccount: "a@test-project.iam.gserviceaccount.com" },
          { name: "b", serviceAccount: "b@test-project.iam.gserviceaccount.com" },
        ],
      }),
    )["test-cluster"];
    expect(onlyResource(stack, "google_container_cluster").node_config.service_account).toBe(
      "a@test-project.iam.gserviceaccount.com",
    );
    expect(resourcesOf(stack, "google_service_account")).toEqual([]);
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
    // The cluster's temporary default pool runs as the node account: it waits for its roles too.
    expect(cluster.depends_on).toEqual([
      ...all,
      "google_project_iam_member.NodeServiceAccount_containerdefaultNodeServiceAccount_AD85E85C",
      "google_project_iam_member.NodeServiceAccount_artifactregistryreader_2EA64561",
    ]);
    expect(onlyResource(stack, "google_gke_hub_feature").depends_on).toEqual(all);
    expect(onlyResource(stack, "google_gke_hub_feature_membership").depends_on).toEqual(all);
  });

  test("the release channel is recorded so that a change is refused at plan (CSM keeps its own)", () => {
    expect(onlyResource(stack, "terraform_data")).toEqual({
      triggers_replace: { release_channel: "REGULAR" },
      lifecycle: { prevent_destroy: true },
    });
    const stable = synthEnvironments(
      environment({ mode: "cloud-service-mesh", cluster: { releaseChannel: "STABLE" } }),
    )["test-cluster"];
    expect(onlyResource(stable, "terraform_data").triggers_replace).toEqual({
      release_channel: "STABLE",
    });
    // Deletion protection off: the environment may be destroyed, and with it this record.
    const unprotected = synthEnvironments(
      environment({
        mode: "cloud-service-mesh",
        cluster: { deletionProtection: false },
        policy: { waivers: [{ rule: "GKE_DELETION_PROTECTION", reason: "test" }] },
      }),
    )["test-cluster"];
    expect(onlyResource(unprotected, "terraform_data").lifecycle).toEqual({
      prevent_destroy: false,
    });
    // Only cloud-service-mesh has it.
    expect(resourcesOf(synthEnvironments(environment())["test-cluster"], "terraform_data")).toEqual(
      [],
    );
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
        // terraform_data is Terraform's own (builtin provider), not Google's.
        if (type === "terraform_data") continue;
        for (const body of Object.values(bodies))
          expect({ type, provider: body.provider }).toEqual({ type, provider: "google-beta" });
      }
    }
  });
});
