import * as fs from "fs";
import * as path from "path";
import { FORCE_NEW_FIELDS, replacementReport, stackChanges } from "../../output/replacement-report";
import { environment, synthEnvironments, TerraformJson } from "../fixtures";
import { entryCases, listedCase } from "../list-cases";

const NODE_MODULES = path.join(__dirname, "../../node_modules/@cdktf");
/** The binding package folder of a resource type, such as google-beta's lib/google-container-node-pool. */
function bindingDeclarations(type: string): string {
  // Terraform's builtin terraform_data: cdktf's own class, which links each argument's docs.
  if (type === "terraform_data")
    return fs
      .readFileSync(path.join(NODE_MODULES, "../cdktf/lib/terraform-data-resource.d.ts"), "utf8")
      .replace(/#(\w+)\n/g, "#$1 \n");
  const [pkg, name] = type.startsWith("google_")
    ? ["provider-google-beta", type]
    : type.startsWith("kubernetes_")
      ? ["provider-kubernetes", type.replace(/^kubernetes_/, "")]
      : ["provider-helm", type.replace(/^helm_/, "")];
  const dir = path.join(NODE_MODULES, pkg, "lib", name.replace(/_/g, "-"));
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".d.ts"))
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}

/** Every field path a synthesized body sets, with list indexes dropped. */
function fieldPaths(body: TerraformJson, prefix = "", out = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries<TerraformJson>(body)) {
    const at = prefix ? `${prefix}.${key}` : key;
    out.add(at);
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item && typeof item === "object" && !Array.isArray(item) && key !== "metadata")
        fieldPaths(item, at, out);
    }
  }
  return out;
}

// Environments that between them set every field the table lists.
const everything = synthEnvironments(
  environment({ name: "m", mode: "managed", istio: { injectionNamespaces: ["default"] } }),
  environment({
    name: "o",
    mode: "oss",
    location: "us-central1",
    istio: {
      injectionNamespaces: [{ name: "shop", create: true }],
      clusterAdmins: { users: ["ops@example.com"] },
    },
  }),
  environment({ name: "c", mode: "cloud-service-mesh", location: "us-east1" }),
);

describe("the ForceNew table stays honest", () => {
  const set = new Map<string, Set<string>>();
  for (const stack of Object.values(everything)) {
    for (const [type, byName] of Object.entries<TerraformJson>(stack.resource)) {
      for (const body of Object.values<TerraformJson>(byName)) {
        const paths = set.get(type) ?? new Set<string>();
        fieldPaths(body, "", paths);
        // metadata is a map on node pools but a block on Kubernetes objects.
        if (body.metadata?.name) paths.add("metadata.name");
        set.set(type, paths);
      }
    }
  }

  test.each(Object.entries(FORCE_NEW_FIELDS))("%s", (type, fields) => {
    const declarations = bindingDeclarations(type);
    for (const field of fields) {
      // Each segment is an argument the provider binding documents...
      for (const segment of field.split("."))
        expect({ field, segment, inBinding: declarations.includes(`#${segment} `) }).toEqual({
          field,
          segment,
          inBinding: true,
        });
      // ...and the stacks set the field.
      expect({ type, field, set: set.get(type)?.has(field) ?? false }).toEqual({
        type,
        field,
        set: true,
      });
    }
  });

  test("every resource type the stacks hold has its row", () => {
    expect([...set.keys()].filter((t) => !(t in FORCE_NEW_FIELDS))).toEqual([]);
  });
});

describe("the replacement report", () => {
  const clusterStack = (overrides: Record<string, unknown>) =>
    synthEnvironments(environment({ mode: "oss", ...overrides }))["test-cluster"];
  const before = clusterStack({});

  test("an updatable field updates in place", () => {
    const after = clusterStack({ nodePools: [{ name: "pool", machineType: "n2-standard-8" }] });
    expect(
      stackChanges("test-cluster", before, after).map((c) => [c.action, c.address, c.fields]),
    ).toEqual([
      [
        "updates",
        expect.stringMatching(/^google_container_node_pool\./),
        ["node_config.machine_type"],
      ],
    ]);
  });

  test("the minimum, maximum and initial counts never replace a pool", () => {
    const after = clusterStack({
      nodePools: [{ name: "pool", minNodeCount: 2, maxNodeCount: 6, initialNodeCount: 4 }],
    });
    const changes = stackChanges("test-cluster", before, after);
    expect(changes.map((c) => [c.action, c.fields])).toEqual([
      ["updates", ["autoscaling.max_node_count", "autoscaling.min_node_count"]],
    ]);
  });

  const report = (from: TerraformJson, to: TerraformJson) =>
    replacementReport(
      new Map([["stacks/test-cluster/cdk.tf.json", JSON.stringify(from)]]),
      new Map([["stacks/test-cluster/cdk.tf.json", JSON.stringify(to)]]),
    );

  test("a ForceNew field of a protected pool: the report says the plan stops there", () => {
    const after = clusterStack({ nodePools: [{ name: "pool", spot: true }] });
    expect(report(before, after)).toEqual([
      expect.stringMatching(
        /^test-cluster: would replace google_container_node_pool\.\S+ \(name, node_config\.spot\); the plan stops there \(prevent_destroy\): see docs\/changes-and-outages\.md$/,
      ),
    ]);
  });

  test("with allowReplacement, a ForceNew field replaces the pool, new one first", () => {
    const allowed = (spot: boolean) =>
      clusterStack({ nodePools: [{ name: "pool", spot, allowReplacement: true }] });
    expect(report(allowed(false), allowed(true))).toEqual([
      expect.stringMatching(
        /^test-cluster: replaces google_container_node_pool\.\S+ \(name, node_config\.spot\), new one first$/,
      ),
    ]);
  });

  test("a release channel change of a cloud-service-mesh cluster: refused at plan, in the report too", () => {
    const csm = (releaseChannel: string) =>
      synthEnvironments(environment({ mode: "cloud-service-mesh", cluster: { releaseChannel } }))[
        "test-cluster"
      ];
    expect(report(csm("REGULAR"), csm("STABLE"))).toEqual([
      expect.stringMatching(
        /^test-cluster: updates google_container_cluster\.\S+ in place \(release_channel\.channel\)$/,
      ),
      "test-cluster: would replace terraform_data.ServiceMeshReleaseChannel (triggers_replace.release_channel); the plan stops there (prevent_destroy): see docs/changes-and-outages.md",
    ]);
  });

  test("a cluster replacement carries over to what refers to it", () => {
    const after = clusterStack({ cluster: { datapath: "LEGACY_DATAPATH" } });
    const lines = stackChanges("test-cluster", before, after).map((c) => [c.action, c.fields]);
    expect(lines).toContainEqual(["replaces", ["datapath_provider"]]);
    expect(lines).toContainEqual([
      "replaces",
      [expect.stringMatching(/^cluster <- google_container_cluster\./)],
    ]);
  });

  test("new names replace the network, and through it the cluster", () => {
    const legacy = clusterStack({ legacyNames: true });
    const changes = stackChanges("test-cluster", legacy, before);
    const replaced = changes.filter((c) => c.action === "replaces").map((c) => c.address);
    expect(replaced).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^google_compute_network\./),
        expect.stringMatching(/^google_container_cluster\./),
        expect.stringMatching(/^google_service_account\./),
      ]),
    );
  });
});

describe("FORCE_NEW_FIELDS: a change to each field alone replaces its resource", () => {
  // Written out on purpose (__tests__/list-cases.ts): a dropped or an added field fails.
  // The pool's initial count is in its ignore_changes (the autoscaler owns the count): no change.
  const IGNORED = "google_container_node_pool initial_node_count";
  const fields = (type: string, names: string) => names.split(" ").map((f) => `${type} ${f}`);
  const CASES = Object.fromEntries(
    [
      ...fields(
        "google_container_cluster",
        "project name location network subnetwork networking_mode datapath_provider initial_node_count enable_kubernetes_alpha ip_allocation_policy.cluster_secondary_range_name ip_allocation_policy.services_secondary_range_name private_cluster_config.enable_private_nodes private_cluster_config.master_ipv4_cidr_block master_auth.client_certificate_config.issue_client_certificate",
      ),
      ...fields(
        "google_container_node_pool",
        "project name cluster location initial_node_count node_config.metadata node_config.oauth_scopes node_config.preemptible node_config.spot node_config.service_account node_config.shielded_instance_config.enable_secure_boot node_config.shielded_instance_config.enable_integrity_monitoring",
      ),
      ...fields("google_compute_network", "project name auto_create_subnetworks"),
      ...fields("google_compute_subnetwork", "project name network region"),
      ...fields("google_compute_router", "project name network region"),
      ...fields("google_compute_router_nat", "project name router region"),
      ...fields("google_compute_firewall", "project name direction"),
      ...fields("google_service_account", "project account_id"),
      ...fields("google_project_iam_member", "project role member"),
      ...fields("google_project_service", "project service"),
      ...fields("google_gke_hub_feature", "project name location"),
      ...fields(
        "google_gke_hub_feature_membership",
        "project location feature membership membership_location",
      ),
      ...fields("kubernetes_labels", "api_version kind metadata.name"),
      ...fields("kubernetes_namespace_v1", "metadata.name"),
      ...fields("kubernetes_cluster_role_binding_v1", "metadata.name"),
      ...fields("helm_release", "name namespace"),
      ...fields("terraform_data", "triggers_replace"),
    ].map((row) => [row, row === IGNORED ? "ignored" : "replaces"]),
  );
  const listed = Object.entries(FORCE_NEW_FIELDS).flatMap(([type, f]) =>
    f.map((field) => `${type} ${field}`),
  );

  /** A copy of `body` with the value at `field` changed (the first block of a block list). */
  function changed(body: TerraformJson, field: string): TerraformJson {
    const copy = structuredClone(body);
    const segments = field.split(".");
    let at = copy;
    for (const segment of segments.slice(0, -1)) {
      at = Array.isArray(at[segment]) ? at[segment][0] : at[segment];
    }
    const last = segments[segments.length - 1];
    const value = at[last];
    if (typeof value === "string") at[last] = `${value}-changed`;
    else if (typeof value === "number") at[last] = value + 1;
    else if (typeof value === "boolean") at[last] = !value;
    else if (Array.isArray(value)) at[last] = [...value, "changed"];
    else at[last] = { ...value, changed: "yes" };
    return copy;
  }

  test.each(entryCases(listed, CASES))("%s", (row, entry) => {
    const effect = listedCase(row, entry);
    const [type, field] = row.split(" ");
    const [stackName, name] = Object.entries(everything)
      .flatMap(([s, stack]) => Object.keys(stack.resource[type] ?? {}).map((n) => [s, n] as const))
      .find(([s, n]) => {
        let at = everything[s].resource[type][n];
        for (const segment of field.split("."))
          at = Array.isArray(at) ? at[0]?.[segment] : at?.[segment];
        return at !== undefined;
      }) ?? ["(none)", "(none)"];
    const before = everything[stackName];
    const after = structuredClone(before);
    after.resource[type][name] = changed(before.resource[type][name], field);
    const change = stackChanges(stackName, before, after).find(
      (c) => c.address === `${type}.${name}`,
    );
    if (effect === "ignored") {
      expect(before.resource[type][name].lifecycle.ignore_changes).toContain(field);
      expect(change).toBeUndefined();
      return;
    }
    expect(change && { action: change.action, fields: change.fields }).toEqual({
      action: "replaces",
      fields: [expect.stringMatching(new RegExp(`^${field.replace(/\./g, "\\.")}(\\.|$)`))],
    });
  });
});
