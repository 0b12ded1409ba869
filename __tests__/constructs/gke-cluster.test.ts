import { Testing } from "cdktf";
import { Construct } from "constructs";
import { GoogleContainerCluster } from "@cdktf/provider-google-beta/lib/google-container-cluster";
import { GkeCluster, GkeClusterProps } from "../../constructs/gke-cluster";

const base: GkeClusterProps = {
  project: "demo-project",
  location: "europe-west1",
  name: "demo",
  network: "net",
  subnetwork: "subnet",
  podsRangeName: "pods",
  servicesRangeName: "services",
};
const synth = (props: Partial<GkeClusterProps> = {}) =>
  Testing.synthScope((scope: Construct) => {
    new GkeCluster(scope, "Cluster", { ...base, ...props });
  });

describe("GkeCluster", () => {
  test("hardened by default", () => {
    expect(synth()).toHaveResourceWithProperties(GoogleContainerCluster, {
      name: "demo",
      remove_default_node_pool: true,
      initial_node_count: 1,
      deletion_protection: true,
      release_channel: { channel: "REGULAR" },
      networking_mode: "VPC_NATIVE",
      ip_allocation_policy: {
        cluster_secondary_range_name: "pods",
        services_secondary_range_name: "services",
      },
      datapath_provider: "ADVANCED_DATAPATH",
      private_cluster_config: {
        enable_private_nodes: true,
        enable_private_endpoint: false,
        master_ipv4_cidr_block: "172.16.0.0/28",
      },
      master_authorized_networks_config: { cidr_blocks: [] },
      master_auth: { client_certificate_config: { issue_client_certificate: false } },
      enable_legacy_abac: false,
      enable_kubernetes_alpha: false,
      enable_shielded_nodes: true,
      enable_intranode_visibility: true,
      workload_identity_config: { workload_pool: "demo-project.svc.id.goog" },
      binary_authorization: { evaluation_mode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
      logging_service: "logging.googleapis.com/kubernetes",
      monitoring_service: "monitoring.googleapis.com/kubernetes",
      maintenance_policy: { daily_maintenance_window: { start_time: "04:00" } },
    });
    expect(
      JSON.parse(synth()).resource.google_container_cluster.Cluster_EB0386A7.addons_config,
    ).toBeUndefined();
  });

  test("the Istio add-on: STRICT is AUTH_MUTUAL_TLS, PERMISSIVE is AUTH_NONE", () => {
    expect(synth({ istioAddon: { mtls: "STRICT" } })).toHaveResourceWithProperties(
      GoogleContainerCluster,
      {
        addons_config: { istio_config: { disabled: false, auth: "AUTH_MUTUAL_TLS" } },
      },
    );
    expect(synth({ istioAddon: { mtls: "PERMISSIVE" } })).toHaveResourceWithProperties(
      GoogleContainerCluster,
      {
        addons_config: { istio_config: { disabled: false, auth: "AUTH_NONE" } },
      },
    );
  });

  test("legacy datapath enforces network policy with the Calico add-on", () => {
    expect(synth({ datapath: "LEGACY_DATAPATH" })).toHaveResourceWithProperties(
      GoogleContainerCluster,
      {
        datapath_provider: "LEGACY_DATAPATH",
        network_policy: { enabled: true, provider: "CALICO" },
        addons_config: { network_policy_config: { disabled: false } },
      },
    );
  });

  test("each hardened default can be turned off explicitly", () => {
    const json = JSON.parse(
      synth({
        privateNodes: false,
        workloadIdentity: false,
        binaryAuthorization: false,
        logging: false,
        releaseChannel: "UNSPECIFIED",
      }),
    ).resource.google_container_cluster.Cluster_EB0386A7;
    // Written out, not omitted: both blocks are Optional+Computed, so omitting them keeps the
    // cluster as it is (private, with Workload Identity) and Terraform plans no change.
    expect(json.private_cluster_config).toEqual({
      enable_private_nodes: false,
      enable_private_endpoint: false,
    });
    expect(json.workload_identity_config).toEqual({ workload_pool: "" });
    expect(json.binary_authorization).toEqual({ evaluation_mode: "DISABLED" });
    expect(json.logging_service).toBe("none");
    expect(json.release_channel).toEqual({ channel: "UNSPECIFIED" });
  });

  test("fleet registration", () => {
    expect(synth({ fleetProject: "host-project" })).toHaveResourceWithProperties(
      GoogleContainerCluster,
      {
        fleet: { project: "host-project" },
      },
    );
  });

  test("validates its props", () => {
    expect(() => synth({ name: "Demo_1" })).toThrow(
      "'name' must be 1 to 40 lower-case letters, digits or '-', starting with a letter, got 'Demo_1'",
    );
    expect(() => synth({ maintenanceStartTime: "4am" })).toThrow(
      `'maintenanceStartTime' must be "HH:MM" (GMT), got '4am'`,
    );
    expect(() => synth({ masterAuthorizedNetworks: [{ cidrBlock: "0.0.0.0/0" }] })).toThrow(
      "'masterAuthorizedNetworks' must not open the control plane to the internet, got '0.0.0.0/0'",
    );
  });

  test("a name is 1 to 40 characters, a letter first, no '-' last", () => {
    for (const name of ["1demo", "-demo", "demo-", "demo_1", "a".repeat(41)]) {
      expect(() => synth({ name })).toThrow(
        `'name' must be 1 to 40 lower-case letters, digits or '-', starting with a letter, got '${name}'`,
      );
    }
    for (const name of ["d", "d1", "a".repeat(40)]) expect(() => synth({ name })).not.toThrow();
  });

  test("a maintenance start is exactly HH:MM, 00:00 to 23:59", () => {
    for (const time of ["24:00", "104:00", "04:00x", "4:00", "04:60"]) {
      expect(() => synth({ maintenanceStartTime: time })).toThrow(
        `'maintenanceStartTime' must be "HH:MM" (GMT), got '${time}'`,
      );
    }
    for (const time of ["00:00", "19:59", "23:59"]) {
      expect(synth({ maintenanceStartTime: time })).toHaveResourceWithProperties(
        GoogleContainerCluster,
        { maintenance_policy: { daily_maintenance_window: { start_time: time } } },
      );
    }
  });

  test("authorized networks: the display name defaults to the CIDR block", () => {
    expect(
      synth({
        masterAuthorizedNetworks: [
          { cidrBlock: "203.0.113.0/24", displayName: "office" },
          { cidrBlock: "198.51.100.0/24" },
        ],
      }),
    ).toHaveResourceWithProperties(GoogleContainerCluster, {
      master_authorized_networks_config: {
        cidr_blocks: [
          { cidr_block: "203.0.113.0/24", display_name: "office" },
          { cidr_block: "198.51.100.0/24", display_name: "198.51.100.0/24" },
        ],
      },
    });
  });

  test("credentialsCommand uses --zone for zones and --region for regions", () => {
    Testing.synthScope((scope: Construct) => {
      expect(new GkeCluster(scope, "A", base).credentialsCommand).toBe(
        "gcloud container clusters get-credentials demo --region europe-west1 --project demo-project",
      );
      expect(
        new GkeCluster(scope, "B", { ...base, location: "europe-west1-b" }).credentialsCommand,
      ).toMatch(/--zone europe-west1-b /);
    });
  });
});
