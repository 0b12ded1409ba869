import * as fs from "fs";
import { parse as parseYaml } from "yaml";
import * as path from "path";
import { AppRun, PROJECT_ROOT } from "./app-synth";
import type { TerraformJson } from "./fixtures";
import { stacksOf, synthFileOnce } from "./shared-synth";
import { expectValidTerraform, testTerraformValidate } from "./terraform-validate";

// Every environment file in examples/ goes through the real app and passes terraform validate.
const EXAMPLES = fs
  .readdirSync(path.join(PROJECT_ROOT, "examples"))
  .filter((f) => f.endsWith(".yaml"));
const runs = new Map<string, AppRun>();

beforeAll(async () => {
  const done = await Promise.all(EXAMPLES.map((file) => synthFileOnce(`examples/${file}`)));
  EXAMPLES.forEach((file, i) => runs.set(file, done[i]));
}, 120_000);

test("there are examples", () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(3));

test.each(EXAMPLES)(
  "examples/%s synthesizes with no error and no unwaived policy violation",
  (file) => {
    const run = runs.get(file)!;
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(Object.keys(stacksOf(run)).length).toBeGreaterThanOrEqual(2);
  },
);

testTerraformValidate(
  "every stack of every example passes terraform validate",
  () => {
    const stacks = Object.fromEntries(
      [...runs.entries()].flatMap(([file, run]) =>
        Object.entries(stacksOf(run)).map(([name, tf]) => [
          `${path.basename(file, ".yaml")}--${name}`,
          tf,
        ]),
      ),
    );
    expectValidTerraform(stacks);
  },
  300_000,
);

// What each example promises in its header comment, read from the synthesized stacks.
const stacksOfExample = (file: string) => stacksOf(runs.get(file)!);
const only = (stack: TerraformJson, type: string) => {
  const all = Object.values(stack.resource?.[type] ?? {}) as TerraformJson[];
  expect(all).toHaveLength(1);
  return all[0];
};
const resources = (stack: TerraformJson, type: string) =>
  Object.values(stack.resource?.[type] ?? {}) as TerraformJson[];

describe("examples/cloud-service-mesh-staging-and-production.yaml", () => {
  const file = "cloud-service-mesh-staging-and-production.yaml";

  test("staging creates the fleet feature, production only joins it and deploys after staging", () => {
    const stacks = stacksOfExample(file);
    expect(resources(stacks["staging-cluster"], "google_gke_hub_feature")).toEqual([
      expect.objectContaining({ name: "servicemesh", location: "global" }),
    ]);
    expect(resources(stacks["production-cluster"], "google_gke_hub_feature")).toEqual([]);
    for (const env of ["staging", "production"])
      expect(only(stacks[`${env}-cluster`], "google_gke_hub_feature_membership")).toMatchObject({
        mesh: { management: "MANAGEMENT_AUTOMATIC" },
      });
    const manifest = JSON.parse(runs.get(file)!.files["manifest.json"]);
    expect(manifest.stacks["production-cluster"].dependencies).toEqual(["staging-cluster"]);
  });

  test("state in the GCS bucket, one prefix per stack", () => {
    for (const [name, stack] of Object.entries(stacksOfExample(file)))
      expect(stack.terraform.backend).toEqual({
        gcs: { bucket: "acme-terraform-state", prefix: `gke/${name}` },
      });
  });

  test("the shared defaults reach both clusters; production spreads over three zones", () => {
    const stacks = stacksOfExample(file);
    for (const env of ["staging", "production"]) {
      const cluster = only(stacks[`${env}-cluster`], "google_container_cluster");
      expect(cluster.release_channel).toEqual({ channel: "STABLE" });
      expect(cluster.maintenance_policy.daily_maintenance_window.start_time).toBe("02:30");
      expect(cluster.resource_labels).toMatchObject({ team: "platform", "cost-center": "cc-1234" });
      expect(
        cluster.master_authorized_networks_config.cidr_blocks.map(
          (b: TerraformJson) => b.cidr_block,
        ),
      ).toEqual(["198.51.100.0/24", "192.0.2.0/28"]);
    }
    const production = only(stacks["production-cluster"], "google_container_cluster");
    expect(production.node_locations).toEqual([
      "europe-west4-a",
      "europe-west4-b",
      "europe-west4-c",
    ]);
    expect(only(stacks["production-cluster"], "google_compute_subnetwork").ip_cidr_range).toBe(
      "10.16.0.0/20",
    );
  });

  test("production's batch pool is spot, labelled and tainted; staging has one pool", () => {
    const stacks = stacksOfExample(file);
    expect(resources(stacks["staging-cluster"], "google_container_node_pool")).toHaveLength(1);
    const pools = resources(stacks["production-cluster"], "google_container_node_pool");
    expect(pools).toHaveLength(2);
    const batch = pools.find((p) => p.node_config.spot === true)!;
    expect(batch.node_config).toMatchObject({
      machine_type: "n2-standard-4",
      labels: { workload: "batch" },
      taint: [{ key: "workload", value: "batch", effect: "NO_SCHEDULE" }],
    });
    expect(batch.autoscaling).toMatchObject({ min_node_count: 0, max_node_count: 20 });
  });

  test("strict mTLS and sidecar injection in shop and payments", () => {
    for (const env of ["staging", "production"]) {
      const mesh = stacksOfExample(file)[`${env}-mesh`];
      const releases = resources(mesh, "helm_release");
      expect(releases.find((r) => r.name === "istio-mesh-policy")!.values).toEqual([
        "mtlsMode: STRICT\n",
      ]);
      const labelled = resources(mesh, "kubernetes_labels")
        .filter((ns) => ns.labels?.["istio-injection"] === "enabled")
        .map((ns) => ns.metadata.name);
      expect(labelled.sort()).toEqual(["payments", "shop"]);
    }
  });
});

describe("examples/demo-with-waivers.yaml", () => {
  const file = "demo-with-waivers.yaml";

  test("each weakening is in the output, and each waiver is printed", () => {
    const stacks = stacksOfExample(file);
    const cluster = only(stacks["demo-cluster"], "google_container_cluster");
    expect(cluster.location).toBe("us-central1-b");
    expect(cluster.deletion_protection).toBe(false);
    expect(cluster.private_cluster_config?.enable_private_nodes ?? false).toBe(false);
    const pool = only(stacks["demo-cluster"], "google_container_node_pool");
    expect(pool.node_config).toMatchObject({ spot: true, image_type: "UBUNTU_CONTAINERD" });
    // the waivers become synth warnings (the cdktf CLI prints them), each with its reason
    const manifest = JSON.parse(runs.get(file)!.files["manifest.json"]);
    const warnings = Object.values(manifest.stacks).flatMap((s) =>
      ((s as TerraformJson).annotations as TerraformJson[])
        .filter((a) => a.level === "@cdktf/warn")
        .map((a) => String(a.message).split(" ")[0]),
    );
    expect(warnings.sort()).toEqual([
      "GKE_DELETION_PROTECTION",
      "GKE_NODE_IMAGE_COS",
      "GKE_PRIVATE_NODES",
      // istio.minReplicas: 1, on istiod and on the gateway
      "ISTIO_CONTROL_PLANE_REPLICAS",
      "ISTIO_CONTROL_PLANE_REPLICAS",
    ]);
  });

  test("Istio by Helm with strict mTLS, injection in default", () => {
    const mesh = stacksOfExample(file)["demo-mesh"];
    const charts = resources(mesh, "helm_release").map((r) => r.name);
    expect(charts).toEqual(
      expect.arrayContaining(["istio-base", "istiod", "istio-ingress", "istio-mesh-policy"]),
    );
    expect(only(mesh, "kubernetes_labels")).toMatchObject({
      metadata: { name: "default" },
      labels: { "istio-injection": "enabled" },
    });
  });
});

describe("examples/oss-on-an-existing-network.yaml", () => {
  const file = "oss-on-an-existing-network.yaml";

  test("uses the host project's network and creates none", () => {
    const cluster = stacksOfExample(file)["shared-vpc-cluster"];
    for (const type of [
      "google_compute_network",
      "google_compute_subnetwork",
      "google_compute_router",
      "google_compute_router_nat",
      "google_service_account",
    ])
      expect({ type, found: resources(cluster, type).length }).toEqual({ type, found: 0 });
    const gke = only(cluster, "google_container_cluster");
    expect(gke.network).toBe("projects/acme-network-host/global/networks/corp-network");
    expect(gke.subnetwork).toBe(
      "projects/acme-network-host/regions/us-east1/subnetworks/gke-apps-dev",
    );
    expect(gke.ip_allocation_policy).toEqual({
      cluster_secondary_range_name: "gke-pods",
      services_secondary_range_name: "gke-services",
    });
    expect(gke.private_cluster_config).toMatchObject({ enable_private_endpoint: true });
    expect(only(cluster, "google_compute_firewall")).toMatchObject({
      project: "acme-network-host",
      allow: [{ protocol: "tcp", ports: ["15017"] }],
    });
    expect(only(cluster, "google_container_node_pool").node_config.service_account).toBe(
      "gke-nodes@acme-apps-dev.iam.gserviceaccount.com",
    );
  });

  test("Istio 1.31.1 without a gateway, permissive mTLS, the named admins, the extra values, a mirror hub", () => {
    const mesh = stacksOfExample(file)["shared-vpc-mesh"];
    const releases = resources(mesh, "helm_release");
    expect(releases.map((r) => r.name)).toEqual([
      "istio-base",
      "istiod",
      "istio-mesh-policy",
      "kept-namespaces",
    ]);
    expect(releases.filter((r) => r.version).map((r) => r.version)).toEqual(["1.31.1", "1.31.1"]);
    const istiod = releases.find((r) => r.name === "istiod")!;
    expect(parseYaml(istiod.values[0]).global.hub).toBe(
      "us-east1-docker.pkg.dev/acme-network-host/istio",
    );
    expect(istiod.values.join("\n")).toContain("autoscaleMin: 2");
    expect(istiod.values.join("\n")).toContain("accessLogFile: /dev/stdout");
    expect(releases.find((r) => r.name === "istio-mesh-policy")!.values).toEqual([
      "mtlsMode: PERMISSIVE\n",
    ]);
    expect(
      only(mesh, "kubernetes_cluster_role_binding_v1").subject.map((s: TerraformJson) => s.name),
    ).toEqual(["alice@acme.example"]);
    expect(resources(mesh, "kubernetes_labels").map((ns) => [ns.metadata.name, ns.labels])).toEqual(
      [
        ["apps", { "istio-injection": "enabled" }],
        ["default", { "istio-injection": "enabled" }],
      ],
    );
    expect(parseYaml(releases.find((r) => r.name === "kept-namespaces")!.values[0])).toEqual({
      namespaces: ["apps"],
    });
  });
});
