import { Lazy, Testing } from "cdktf";
import { findPolicyFindings, policyViolations } from "../../policy/check-policy";
import { POLICY_RULE_IDS, POLICY_RULES } from "../../policy/rules";
import { nodePoolResource, policyTestApp, StackOverride } from "./policy-test-app";
import { MESH_RULES } from "../../policy/mesh-rules";
import { rememberedInTest } from "../remembered-results";

const MESH_RULE_IDS = MESH_RULES.map((r) => r.id);

const CLUSTER = "test-cluster/Cluster/Resource (google_container_cluster.Cluster_EB0386A7)";
const POOL =
  "test-cluster/NodePool-pool/Resource (google_container_node_pool.NodePool-pool_E520D9EE)";

interface RuleCase {
  /** Environment keys of a configuration that passes; the fixture's defaults pass every rule. */
  readonly pass?: Record<string, unknown>;
  /** Environment keys (and, where the file cannot express it, an override) that break the rule. */
  readonly fail: Record<string, unknown>;
  readonly override?: StackOverride;
  /** The pinned offending-value text. */
  readonly problem: string;
}

const cluster = (keys: Record<string, unknown>) => ({ cluster: keys });
const pool = (keys: Record<string, unknown>) => ({ nodePools: [{ name: "pool", ...keys }] });

const CASES: Record<string, RuleCase> = {
  GKE_LEGACY_ABAC_DISABLED: {
    pass: cluster({ legacyAbac: false }),
    fail: cluster({ legacyAbac: true }),
    problem: "enable_legacy_abac is true, so any identity may get broad static permissions",
  },
  GKE_NETWORK_POLICY: {
    pass: cluster({ datapath: "LEGACY_DATAPATH", networkPolicy: true }),
    fail: cluster({ datapath: "LEGACY_DATAPATH", networkPolicy: false }),
    problem:
      'datapath_provider is "LEGACY_DATAPATH" and network_policy.enabled is absent, so NetworkPolicy objects are ignored',
  },
  GKE_CLIENT_CERTIFICATE_DISABLED: {
    fail: cluster({ issueClientCertificate: true }),
    problem:
      "master_auth.client_certificate_config.issue_client_certificate is true, a credential that cannot be revoked",
  },
  GKE_MASTER_AUTHORIZED_NETWORKS: {
    pass: cluster({ masterAuthorizedNetworks: [{ cidrBlock: "203.0.113.0/24" }] }),
    fail: {},
    override: (s) =>
      s.cluster.resource.addOverride("master_authorized_networks_config.cidr_blocks", [
        { cidr_block: "0.0.0.0/0", display_name: "anyone" },
      ]),
    problem:
      'master_authorized_networks_config.cidr_blocks[0].cidr_block is "0.0.0.0/0", the whole internet',
  },
  GKE_RESOURCE_LABELS: {
    pass: cluster({ labels: { team: "mesh" } }),
    fail: {},
    override: (s) => s.cluster.resource.addOverride("resource_labels", undefined),
    problem: "resource_labels is absent",
  },
  GKE_VPC_NATIVE: {
    fail: {},
    override: (s) => s.cluster.resource.addOverride("ip_allocation_policy", undefined),
    problem: "ip_allocation_policy is absent, so the cluster is routes-based",
  },
  GKE_PRIVATE_NODES: {
    pass: cluster({ privateNodes: true, privateEndpoint: true }),
    fail: cluster({ privateNodes: false }),
    problem:
      "private_cluster_config.enable_private_nodes is false, so nodes get public IP addresses",
  },
  GKE_INTRANODE_VISIBILITY: {
    fail: cluster({ intranodeVisibility: false }),
    problem: "enable_intranode_visibility is false, so traffic within a node is not logged",
  },
  GKE_BINARY_AUTHORIZATION: {
    fail: cluster({ binaryAuthorization: false }),
    problem: 'binary_authorization.evaluation_mode is "DISABLED", so any image may run',
  },
  GKE_RELEASE_CHANNEL: {
    pass: cluster({ releaseChannel: "STABLE" }),
    fail: cluster({ releaseChannel: "UNSPECIFIED", minMasterVersion: "1.30" }),
    problem: 'release_channel.channel is "UNSPECIFIED"',
  },
  GKE_SHIELDED_NODES: {
    fail: cluster({ shieldedNodes: false }),
    problem: "enable_shielded_nodes is false, so a node's identity is not verified",
  },
  GKE_ALPHA_DISABLED: {
    // The file cannot ask for it alone: GKE wants an alpha cluster's pools without auto-repair.
    fail: {},
    override: (s) => s.cluster.resource.addOverride("enable_kubernetes_alpha", true),
    problem: "enable_kubernetes_alpha is true, an unsupported cluster deleted after 30 days",
  },
  GKE_WORKLOAD_IDENTITY: {
    // The file cannot ask for it alone: GKE_METADATA pools need Workload Identity.
    fail: {},
    override: (s) => s.cluster.resource.addOverride("workload_identity_config", undefined),
    problem: "workload_identity_config.workload_pool is absent",
  },
  GKE_DELETION_PROTECTION: {
    fail: cluster({ deletionProtection: false }),
    problem: "deletion_protection is false, so a plan can delete the cluster",
  },
  GKE_LOGGING: {
    fail: cluster({ logging: false }),
    problem: 'logging_service is "none"',
  },
  GKE_MONITORING: {
    fail: cluster({ monitoring: false }),
    problem: 'monitoring_service is "none"',
  },
  GKE_NODE_AUTO_REPAIR: {
    // The file cannot ask for it in a release channel, which GKE refuses.
    fail: {},
    override: (s) => nodePoolResource(s, "pool").addOverride("management.auto_repair", false),
    problem: "management.auto_repair is false",
  },
  GKE_NODE_AUTO_UPGRADE: {
    fail: {},
    override: (s) => nodePoolResource(s, "pool").addOverride("management.auto_upgrade", false),
    problem: "management.auto_upgrade is false",
  },
  GKE_NODE_PRIVATE_NODES: {
    fail: {},
    override: (s) =>
      nodePoolResource(s, "pool").addOverride("network_config.enable_private_nodes", false),
    problem:
      "network_config.enable_private_nodes is false, so this pool's nodes get public IP addresses",
  },
  GKE_NODE_SECURE_BOOT: {
    fail: pool({ secureBoot: false }),
    problem: "node_config.shielded_instance_config.enable_secure_boot is false",
  },
  GKE_NODE_INTEGRITY_MONITORING: {
    fail: pool({ integrityMonitoring: false }),
    problem: "node_config.shielded_instance_config.enable_integrity_monitoring is false",
  },
  GKE_NODE_METADATA_SERVER: {
    fail: pool({ workloadMetadata: "GCE_METADATA" }),
    problem:
      'node_config.workload_metadata_config.mode is "GCE_METADATA", so pods can read the node\'s credentials',
  },
  GKE_NODE_IMAGE_COS: {
    fail: pool({ imageType: "UBUNTU_CONTAINERD" }),
    problem: 'node_config.image_type is "UBUNTU_CONTAINERD"',
  },
  GKE_NODE_SERVICE_ACCOUNT: {
    pass: pool({ serviceAccount: "gke-nodes@test-project.iam.gserviceaccount.com" }),
    fail: pool({ serviceAccount: "123456789-compute@developer.gserviceaccount.com" }),
    problem:
      'node_config.service_account is "123456789-compute@developer.gserviceaccount.com", the default compute account with Editor on the project',
  },
};

// The mesh stack's rules (helm releases) have their cases in mesh-rules.test.ts.
const table = POLICY_RULES.filter((rule) => rule.resourceType !== "helm_release").map((rule) => ({
  rule,
  id: rule.id,
  ...CASES[rule.id],
}));

test("every rule has a test case, and every case a rule", () => {
  expect([...Object.keys(CASES), ...MESH_RULE_IDS].sort()).toEqual([...POLICY_RULE_IDS].sort());
});

test("rule ids are unique, upper snake case, and each names a checkov id or CIS section", () => {
  expect(new Set(POLICY_RULE_IDS).size).toBe(POLICY_RULE_IDS.length);
  const unreferenced = POLICY_RULES.filter((r) => r.checkov.length === 0 && !r.cis);
  // Deletion protection guards against Terraform itself, and the control plane's replicas are
  // availability, not configuration security: no benchmark covers them.
  expect(unreferenced.map((r) => r.id)).toEqual([
    "GKE_DELETION_PROTECTION",
    "ISTIO_CONTROL_PLANE_REPLICAS",
  ]);
  for (const rule of POLICY_RULES) expect(rule.id).toMatch(/^(GKE|ISTIO)_[A-Z0-9_]+$/);
});

describe.each(table)("$id", ({ rule, pass, fail, override, problem }) => {
  const where = rule.resourceType === "google_container_cluster" ? CLUSTER : POOL;

  // The checks' results are remembered across jest runs by this file's text and the test's name
  // (remembered-results.ts).
  test("passes", () => {
    expect(rememberedInTest(() => findPolicyFindings(policyTestApp(pass).app))).toEqual([]);
  });

  test("fails with the rule id, the resource, the offending value and the fix", () => {
    // GIVEN an environment that breaks only this rule
    const violations = rememberedInTest(() => policyViolations(policyTestApp(fail, override).app));
    // THEN one unwaived violation, pinned
    expect(violations).toEqual([
      `${rule.id} at ${where}: ${problem}; to fix, ${rule.fix} (or waive ${rule.id} in policy.waivers with a reason)`,
    ]);
  });

  test("is waived with a warning that carries the reason", () => {
    const reason = `test waiver of ${rule.id}`;
    const { violations, annotations } = rememberedInTest(() => {
      const { app, stacks } = policyTestApp(
        { ...fail, policy: { waivers: [{ rule: rule.id, reason }] } },
        override,
      );
      const before = policyViolations(app);
      // WHEN the stack synthesizes, THEN the aspect leaves a warning and no error
      Testing.synth(stacks.cluster);
      const notes = stacks.cluster.node
        .findAll()
        .flatMap((n) => n.node.metadata)
        .filter((m) => m.type.startsWith("@cdktf/") && String(m.data).startsWith(rule.id))
        .map((m) => ({ type: m.type, data: String(m.data) }));
      return { violations: before, annotations: notes };
    });
    expect(violations).toEqual([]);
    expect(annotations).toEqual([
      {
        type: "@cdktf/warn",
        data: `${rule.id} waived at ${where}: ${problem}; reason: ${reason}`,
      },
    ]);
  });
});

describe("edges of the checks", () => {
  const violations = (fail: Record<string, unknown>, override?: StackOverride) =>
    rememberedInTest(() => policyViolations(policyTestApp(fail, override).app)).map(
      (v) => v.split(": ")[1].split(";")[0],
    );

  test.each(["logging", "monitoring"])(
    "%s is off when its config enables no component, on while it enables one",
    (kind) => {
      const components = (list: string[]) => (s: Parameters<StackOverride>[0]) =>
        s.cluster.resource.addOverride(`${kind}_config.enable_components`, list);
      expect(violations({}, components([]))).toEqual([`${kind}_config.enable_components is []`]);
      expect(violations({}, components(["SYSTEM_COMPONENTS"]))).toEqual([]);
    },
  );

  test("only an account ending in the default compute domain is the default account", () => {
    const account = (serviceAccount: string) =>
      violations({}, (s) =>
        nodePoolResource(s, "pool").addOverride("node_config.service_account", serviceAccount),
      );
    expect(account("nodes-compute@developer.gserviceaccount.com.example.com")).toEqual([]);
    expect(account("default")).toEqual([
      'node_config.service_account is "default", the default compute account with Editor on the project',
    ]);
  });

  test("a routes-based cluster is not VPC-native, whatever its ip_allocation_policy", () => {
    expect(
      violations({}, (s) => s.cluster.resource.addOverride("networking_mode", "ROUTES")),
    ).toEqual(['networking_mode is "ROUTES"']);
  });

  test("NetworkPolicy is not guessed at while either of its two fields is known only at plan time", () => {
    const token = (field: string) => (s: Parameters<StackOverride>[0]) => {
      s.cluster.resource.addOverride("datapath_provider", "LEGACY_DATAPATH");
      s.cluster.resource.addOverride(field, Lazy.stringValue({ produce: () => "known at plan" }));
    };
    expect(violations({}, token("datapath_provider"))).toEqual([]);
    expect(violations({}, token("network_policy.enabled"))).toEqual([]);
  });

  test("the control plane is open to any IP without an authorized networks block", () => {
    expect(
      violations({}, (s) =>
        s.cluster.resource.addOverride("master_authorized_networks_config", undefined),
      ),
    ).toEqual([
      "master_authorized_networks_config is absent, so any IP may reach the control plane",
    ]);
  });

  test("an empty cidr_blocks entry is skipped, an open one after it is found", () => {
    expect(
      violations({}, (s) =>
        s.cluster.resource.addOverride("master_authorized_networks_config.cidr_blocks", [
          null,
          { cidr_block: "0.0.0.0/0" },
        ]),
      ),
    ).toEqual([
      'master_authorized_networks_config.cidr_blocks[1].cidr_block is "0.0.0.0/0", the whole internet',
    ]);
  });

  test("empty resource labels are no labels", () => {
    // (cdktf drops an empty map from the synthesized resource, so the check is called directly)
    const rule = POLICY_RULES.find((r) => r.id === "GKE_RESOURCE_LABELS")!;
    expect(rule.check({ resource_labels: {} })).toBe("resource_labels is {}");
    expect(rule.check({ resource_labels: { team: "mesh" } })).toBeUndefined();
  });

  test("a pool without an image type gets GKE's default (COS), one known at plan time is not judged", () => {
    const image = (value: unknown) => (s: Parameters<StackOverride>[0]) =>
      nodePoolResource(s, "pool").addOverride("node_config.image_type", value);
    expect(violations({}, image(undefined))).toEqual([]);
    expect(violations({}, image(Lazy.stringValue({ produce: () => "UBUNTU_CONTAINERD" })))).toEqual(
      [],
    );
  });

  test("binary authorization: the legacy enabled flag counts without a mode; tokens are not judged", () => {
    const binauthz = (block: Record<string, unknown>) => (s: Parameters<StackOverride>[0]) => {
      for (const [key, value] of Object.entries({ evaluation_mode: undefined, ...block }))
        s.cluster.resource.addOverride(`binary_authorization.${key}`, value);
    };
    const later = (value: string) => Lazy.stringValue({ produce: () => value });
    expect(violations({}, binauthz({ enabled: true }))).toEqual([]);
    expect(violations({}, binauthz({ enabled: false }))).toEqual([
      "binary_authorization.evaluation_mode is absent, so any image may run",
    ]);
    expect(violations({}, binauthz({ evaluation_mode: "DISABLED", enabled: true }))).toEqual([
      'binary_authorization.evaluation_mode is "DISABLED", so any image may run',
    ]);
    expect(violations({}, binauthz({ evaluation_mode: later("DISABLED") }))).toEqual([]);
    expect(violations({}, binauthz({ enabled: later("false") }))).toEqual([]);
  });

  test("an empty workload pool is no Workload Identity", () => {
    expect(
      violations({}, (s) =>
        s.cluster.resource.addOverride("workload_identity_config.workload_pool", ""),
      ),
    ).toEqual(['workload_identity_config.workload_pool is ""']);
  });
});
