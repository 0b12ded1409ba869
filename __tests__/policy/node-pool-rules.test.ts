import { Token } from "cdktf";
import { nodePoolsOf } from "../../policy/node-pool-rules";

describe("nodePoolsOf", () => {
  const pool = { name: "a", node_config: { image_type: "COS_CONTAINERD" } };

  test("an Autopilot cluster has no node pools of its own to check", () => {
    expect(nodePoolsOf("google_container_cluster", { enable_autopilot: true })).toEqual([]);
    expect(
      nodePoolsOf("google_container_cluster", { enable_autopilot: true, node_pool: [pool] }),
    ).toEqual([]);
  });

  test("a resource that is neither a cluster nor a node pool has none", () => {
    expect(nodePoolsOf("google_compute_network", { node_pool: [pool] })).toEqual([]);
  });

  test("a node pool is its own configuration; a cluster's inline pools are prefixed", () => {
    expect(nodePoolsOf("google_container_node_pool", pool)).toEqual([{ prefix: "", config: pool }]);
    expect(nodePoolsOf("google_container_cluster", { node_pool: [pool, pool] })).toEqual([
      { prefix: "node_pool[0].", config: pool },
      { prefix: "node_pool[1].", config: pool },
    ]);
  });

  test("a cluster without inline pools is checked through its default pool, unless removed", () => {
    const nodeConfig = { image_type: "UBUNTU_CONTAINERD" };
    expect(
      nodePoolsOf("google_container_cluster", { node_pool: [], node_config: nodeConfig }),
    ).toEqual([{ prefix: "", config: { node_config: nodeConfig } }]);
    expect(
      nodePoolsOf("google_container_cluster", {
        remove_default_node_pool: true,
        node_config: nodeConfig,
      }),
    ).toEqual([]);
  });

  test("inline pools or a removal known only at plan time are not guessed at", () => {
    expect(
      nodePoolsOf("google_container_cluster", { node_pool: Token.asList("${var.pools}") }),
    ).toEqual([]);
    expect(
      nodePoolsOf("google_container_cluster", {
        remove_default_node_pool: Token.asAny("${var.remove}"),
      }),
    ).toEqual([]);
  });
});
