import { Testing } from "cdktf";
import { Construct } from "constructs";
import { GoogleComputeNetwork } from "@cdktf/provider-google-beta/lib/google-compute-network";
import { GoogleComputeRouterNat } from "@cdktf/provider-google-beta/lib/google-compute-router-nat";
import { GoogleComputeSubnetwork } from "@cdktf/provider-google-beta/lib/google-compute-subnetwork";
import { ClusterNetwork, ClusterNetworkProps } from "../../constructs/cluster-network";
import { onlyResource } from "../fixtures";

const base: ClusterNetworkProps = {
  project: "demo-project",
  region: "europe-west1",
  networkName: "demo-vpc",
  subnetName: "demo-nodes",
};
const synth = (props: Partial<ClusterNetworkProps> = {}) =>
  Testing.synthScope((scope: Construct) => {
    new ClusterNetwork(scope, "Network", { ...base, ...props });
  });

describe("ClusterNetwork", () => {
  test("a dedicated VPC, a subnet with pod and service ranges, and Cloud NAT", () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(GoogleComputeNetwork, {
      name: "demo-vpc",
      auto_create_subnetworks: false,
    });
    expect(out).toHaveResourceWithProperties(GoogleComputeSubnetwork, {
      name: "demo-nodes",
      region: "europe-west1",
      ip_cidr_range: "10.0.0.0/20",
      private_ip_google_access: true,
      secondary_ip_range: [
        { range_name: "pods", ip_cidr_range: "10.4.0.0/14" },
        { range_name: "services", ip_cidr_range: "10.8.0.0/20" },
      ],
    });
    expect(out).toHaveResourceWithProperties(GoogleComputeRouterNat, {
      name: "demo-vpc-nat",
      source_subnetwork_ip_ranges_to_nat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
    });
  });

  test("every setting of the network, subnet, router and NAT, as synthesized", () => {
    const stack = JSON.parse(synth());
    const address = (type: string) => `${type}.${Object.keys(stack.resource[type])[0]}`;
    expect(onlyResource(stack, "google_compute_network")).toEqual({
      project: "demo-project",
      name: "demo-vpc",
      auto_create_subnetworks: false,
      routing_mode: "REGIONAL",
    });
    expect(onlyResource(stack, "google_compute_subnetwork")).toMatchObject({
      log_config: {
        aggregation_interval: "INTERVAL_10_MIN",
        flow_sampling: 0.5,
        metadata: "INCLUDE_ALL_METADATA",
      },
    });
    expect(onlyResource(stack, "google_compute_router")).toEqual({
      project: "demo-project",
      region: "europe-west1",
      name: "demo-vpc-router",
      network: `\${${address("google_compute_network")}.id}`,
    });
    expect(onlyResource(stack, "google_compute_router_nat")).toEqual({
      project: "demo-project",
      region: "europe-west1",
      name: "demo-vpc-nat",
      router: `\${${address("google_compute_router")}.name}`,
      nat_ip_allocate_option: "AUTO_ONLY",
      source_subnetwork_ip_ranges_to_nat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
      log_config: { enable: true, filter: "ERRORS_ONLY" },
    });
  });

  test("the router and NAT take the names given", () => {
    const stack = JSON.parse(synth({ routerName: "r1", natName: "n1" }));
    expect(onlyResource(stack, "google_compute_router").name).toBe("r1");
    expect(onlyResource(stack, "google_compute_router_nat").name).toBe("n1");
  });

  test("an existing network is named, not created, and gets no NAT unless asked", () => {
    const out = JSON.parse(synth({ existing: true }));
    expect(out.resource).toBeUndefined();
    const withNat = synth({ existing: true, cloudNat: true });
    expect(withNat).toHaveResourceWithProperties(GoogleComputeRouterNat, { name: "demo-vpc-nat" });
    expect(withNat).not.toHaveResource(GoogleComputeNetwork);
  });

  test("an existing network may live in a Shared VPC host project", () => {
    Testing.synthScope((scope: Construct) => {
      const net = new ClusterNetwork(scope, "Network", {
        ...base,
        existing: true,
        networkProject: "host-project",
      });
      expect(net.project).toBe("host-project");
      expect(net.network).toBe("projects/host-project/global/networks/demo-vpc");
      expect(net.subnetwork).toBe(
        "projects/host-project/regions/europe-west1/subnetworks/demo-nodes",
      );
    });
  });

  test("NAT can be left out when egress exists", () => {
    expect(synth({ cloudNat: false })).not.toHaveResource(GoogleComputeRouterNat);
  });
});
