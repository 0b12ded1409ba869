import { Lazy, Testing } from "cdktf";
import { Construct } from "constructs";
import { GoogleContainerNodePool } from "@cdktf/provider-google-beta/lib/google-container-node-pool";
import { NodePool, NodePoolProps } from "../../constructs/node-pool";

const base: NodePoolProps = {
  cluster: "demo",
  project: "demo-project",
  location: "europe-west1",
  name: "pool",
  serviceAccount: "nodes@demo-project.iam.gserviceaccount.com",
};
const synth = (props: Partial<NodePoolProps> = {}) =>
  Testing.synthScope((scope: Construct) => {
    new NodePool(scope, "Pool", { ...base, ...props });
  });

describe("NodePool", () => {
  test("hardened, autoscaled nodes by default", () => {
    expect(synth()).toHaveResourceWithProperties(GoogleContainerNodePool, {
      name: NodePool.gkeName(base),
      cluster: "demo",
      initial_node_count: 1,
      autoscaling: { min_node_count: 1, max_node_count: 3 },
      management: { auto_repair: true, auto_upgrade: true },
      node_config: expect.objectContaining({
        machine_type: "e2-standard-4",
        image_type: "COS_CONTAINERD",
        service_account: "nodes@demo-project.iam.gserviceaccount.com",
        oauth_scopes: ["https://www.googleapis.com/auth/cloud-platform"],
        shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
        workload_metadata_config: { mode: "GKE_METADATA" },
        metadata: { "disable-legacy-endpoints": "true" },
      }),
    });
  });

  test("the seed article's pool", () => {
    expect(
      synth({
        name: "node-pool",
        machineType: "n1-standard-8",
        minNodeCount: 1,
        maxNodeCount: 6,
        preemptible: false,
        oauthScopes: [
          "https://www.googleapis.com/auth/logging.write",
          "https://www.googleapis.com/auth/monitoring",
        ],
      }),
    ).toHaveResourceWithProperties(GoogleContainerNodePool, {
      name: expect.stringMatching(/^node-pool-[0-9a-f]{6}$/),
      autoscaling: { min_node_count: 1, max_node_count: 6 },
      node_config: expect.objectContaining({
        machine_type: "n1-standard-8",
        preemptible: false,
        oauth_scopes: [
          "https://www.googleapis.com/auth/logging.write",
          "https://www.googleapis.com/auth/monitoring",
        ],
      }),
    });
  });

  test("validates its props", () => {
    expect(() => synth({ minNodeCount: 4, maxNodeCount: 2 })).toThrow(
      "'minNodeCount' (4) must be at most 'maxNodeCount' (2)",
    );
    expect(() => synth({ minNodeCount: 2, maxNodeCount: 4, initialNodeCount: 5 })).toThrow(
      "'initialNodeCount' (5) must be between 'minNodeCount' (2) and 'maxNodeCount' (4)",
    );
    expect(() => synth({ preemptible: true, spot: true })).toThrow(
      "'preemptible' and 'spot' cannot both be true",
    );
  });

  test("node counts: equal bounds are accepted, one past is refused", () => {
    expect(synth({ minNodeCount: 3, maxNodeCount: 3 })).toHaveResourceWithProperties(
      GoogleContainerNodePool,
      { initial_node_count: 3, autoscaling: { min_node_count: 3, max_node_count: 3 } },
    );
    expect(() => synth({ minNodeCount: 4, maxNodeCount: 3 })).toThrow(
      "'minNodeCount' (4) must be at most 'maxNodeCount' (3)",
    );
    for (const initialNodeCount of [2, 4]) {
      expect(
        synth({ minNodeCount: 2, maxNodeCount: 4, initialNodeCount }),
      ).toHaveResourceWithProperties(GoogleContainerNodePool, {
        initial_node_count: initialNodeCount,
      });
    }
    for (const initialNodeCount of [1, 5]) {
      expect(() => synth({ minNodeCount: 2, maxNodeCount: 4, initialNodeCount })).toThrow(
        `'initialNodeCount' (${initialNodeCount}) must be between 'minNodeCount' (2) and 'maxNodeCount' (4)`,
      );
    }
  });

  const poolOf = (props: Partial<NodePoolProps> = {}) =>
    Object.values<Record<string, unknown>>(
      JSON.parse(synth(props)).resource.google_container_node_pool,
    )[0];

  test("changes never cause an outage: surge updates, replacement refused, initial count ignored", () => {
    expect(poolOf()).toMatchObject({
      upgrade_settings: { strategy: "SURGE", max_surge: 1, max_unavailable: 0 },
      lifecycle: {
        prevent_destroy: true,
        create_before_destroy: true,
        ignore_changes: ["initial_node_count"],
      },
    });
    expect(() => synth({ maxSurge: 0 })).toThrow(
      "'maxSurge' must be a whole number of at least 1, got 0",
    );
  });

  test("GKE's name changes exactly when a field that forces replacement changes", () => {
    const name = NodePool.gkeName(base);
    expect(name).toMatch(/^pool-[0-9a-f]{6}$/);
    // Replacement-forcing fields (google-beta 6.50.0 ForceNew) rename the pool...
    for (const change of [
      { oauthScopes: ["https://www.googleapis.com/auth/logging.write"] },
      { serviceAccount: "other@demo-project.iam.gserviceaccount.com" },
      { spot: true },
      { preemptible: true },
      { secureBoot: false },
      { integrityMonitoring: false },
      { name: "pool2" },
    ]) {
      expect({ change, renamed: NodePool.gkeName({ ...base, ...change }) !== name }).toEqual({
        change,
        renamed: true,
      });
    }
    // ...fields updated in place, and the counts, do not.
    for (const change of [
      { machineType: "n2-standard-8" },
      { diskSizeGb: 200 },
      { labels: { a: "b" } },
      { minNodeCount: 2, maxNodeCount: 5, initialNodeCount: 3 },
      { autoUpgrade: false },
      { maxSurge: 3 },
    ]) {
      expect({ change, name: NodePool.gkeName({ ...base, ...change }) }).toEqual({ change, name });
    }
    // A 40-character name stays within GKE's 40.
    expect(NodePool.gkeName({ ...base, name: "a".repeat(40) })).toHaveLength(40);
    // Cut to 33 characters, the name loses its trailing dashes: never '--' before the hash.
    expect(NodePool.gkeName({ ...base, name: `${"a".repeat(31)}--b` })).toMatch(
      /^a{31}-[0-9a-f]{6}$/,
    );
  });

  test("allowReplacement lifts prevent_destroy; the replacement then comes up first", () => {
    expect(poolOf({ allowReplacement: true }).lifecycle).toEqual({
      prevent_destroy: false,
      create_before_destroy: true,
      ignore_changes: ["initial_node_count"],
    });
  });

  test("legacyName: GKE's name as written, as before the hashed names; the old pool goes first", () => {
    expect(NodePool.gkeName({ ...base, legacyName: true })).toBe("pool");
    // The name no longer follows the replacement fields...
    expect(NodePool.gkeName({ ...base, legacyName: true, spot: true })).toBe("pool");
    // ...so a replacement cannot come up beside the old pool (GKE: 409 for a second 'pool').
    expect(poolOf({ legacyName: true })).toMatchObject({
      name: "pool",
      lifecycle: { prevent_destroy: true, create_before_destroy: false },
    });
  });

  test("boot disk: hyperdisk-balanced by default where Hyperdisk is the only disk, else pd-balanced", () => {
    const diskOf = (props: Partial<NodePoolProps>) =>
      (poolOf(props).node_config as Record<string, unknown>).disk_type;
    expect(diskOf({})).toBe("pd-balanced");
    expect(diskOf({ machineType: "n2-standard-8" })).toBe("pd-balanced");
    for (const machineType of [
      "n4-standard-8",
      "c4-standard-4",
      "c4a-standard-4",
      "c4d-standard-2",
    ])
      expect({ machineType, disk: diskOf({ machineType }) }).toEqual({
        machineType,
        disk: "hyperdisk-balanced",
      });
    // What is given is kept: the environment file refuses pd-* there (gke-api-rules).
    expect(diskOf({ machineType: "n4-standard-8", diskType: "pd-ssd" })).toBe("pd-ssd");
  });

  test("GKE's names are stable: a changed hash renames, and so replaces, every existing pool", () => {
    // Pinned: the pool names deployed clusters already have.
    expect(NodePool.gkeName(base)).toBe("pool-3c6643");
    // A service account given as a reference hashes as "(reference)", whatever it resolves to.
    for (const email of ["a@p.iam.gserviceaccount.com", "b@p.iam.gserviceaccount.com"]) {
      const serviceAccount = Lazy.stringValue({ produce: () => email });
      expect(NodePool.gkeName({ ...base, serviceAccount })).toBe("pool-a6e207");
    }
  });
});
