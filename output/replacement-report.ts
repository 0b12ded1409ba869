/**
 * What Terraform will do to each resource when the synthesized stacks change: update it in place,
 * replace it (naming the fields that force it), create or destroy it. Read from two versions of
 * the synthesized JSON, before any plan runs (`npm run generated -- --check`).
 */

/**
 * Fields that force replacement, per resource type, among the fields this project sets. From the
 * provider sources: google-beta v6.50.0 (`ForceNew: true` in services/container/
 * resource_container_cluster.go, resource_container_node_pool.go, node_config.go, services/compute/
 * resource_compute_{network,subnetwork,router,router_nat,firewall}.go, services/resourcemanager/
 * resource_google_{service_account,project_service}.go, tpgiamresource/resource_iam_member.go,
 * services/gkehub2/resource_gke_hub_feature.go, services/gkehub/resource_gke_hub_feature_membership.go),
 * kubernetes 2.38.0 (resource_kubernetes_labels.go, metadata name of every object) and helm 3.1.1
 * (resource_helm_release.go: RequiresReplace). `__tests__/output/replacement-report.test.ts`
 * checks that each field exists in the provider binding and is one the stacks set.
 */
export const FORCE_NEW_FIELDS: Readonly<Record<string, readonly string[]>> = {
  google_container_cluster: [
    "project",
    "name",
    "location",
    "network",
    "subnetwork",
    "networking_mode",
    "datapath_provider",
    "initial_node_count",
    "enable_kubernetes_alpha",
    "ip_allocation_policy.cluster_secondary_range_name",
    "ip_allocation_policy.services_secondary_range_name",
    "private_cluster_config.enable_private_nodes",
    "private_cluster_config.master_ipv4_cidr_block",
    "master_auth.client_certificate_config.issue_client_certificate",
  ],
  google_container_node_pool: [
    "project",
    "name",
    "cluster",
    "location",
    "initial_node_count",
    "node_config.metadata",
    "node_config.oauth_scopes",
    "node_config.preemptible",
    "node_config.spot",
    "node_config.service_account",
    "node_config.shielded_instance_config.enable_secure_boot",
    "node_config.shielded_instance_config.enable_integrity_monitoring",
  ],
  google_compute_network: ["project", "name", "auto_create_subnetworks"],
  google_compute_subnetwork: ["project", "name", "network", "region"],
  google_compute_router: ["project", "name", "network", "region"],
  google_compute_router_nat: ["project", "name", "router", "region"],
  google_compute_firewall: ["project", "name", "direction"],
  google_service_account: ["project", "account_id"],
  google_project_iam_member: ["project", "role", "member"],
  google_project_service: ["project", "service"],
  google_gke_hub_feature: ["project", "name", "location"],
  google_gke_hub_feature_membership: [
    "project",
    "location",
    "feature",
    "membership",
    "membership_location",
  ],
  // Terraform's own (builtin provider): a change of triggers_replace replaces it.
  terraform_data: ["triggers_replace"],
  kubernetes_labels: ["api_version", "kind", "metadata.name"],
  kubernetes_namespace_v1: ["metadata.name"],
  kubernetes_cluster_role_binding_v1: ["metadata.name"],
  helm_release: ["name", "namespace"],
};

/** Meta-arguments: a change to them alone updates nothing in the cloud. */
const META = new Set(["//", "depends_on", "provider", "lifecycle", "count", "for_each"]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Leaf values by path (list indexes kept apart from the reported path, which drops them). */
function leaves(body: Json, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries<Json>(body ?? {})) {
    if (!prefix && META.has(key)) continue;
    const at = prefix ? `${prefix}.${key}` : key;
    const isBlockList =
      Array.isArray(value) && value.some((v) => typeof v === "object" && v !== null);
    if (isBlockList) value.forEach((v: Json, i: number) => leaves(v, `${at}[${i}]`, out));
    else if (value !== null && typeof value === "object" && !Array.isArray(value))
      leaves(value, at, out);
    else out.set(at, JSON.stringify(value));
  }
  return out;
}

const reported = (path: string) => path.replace(/\[\d+\]/g, "");

/** Fields that differ between two bodies of one resource, as reported paths. */
export function changedFields(before: Json, after: Json): string[] {
  const a = leaves(before);
  const b = leaves(after);
  const paths = new Set<string>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) !== b.get(key)) paths.add(reported(key));
  }
  const ignored: string[] = after?.lifecycle?.ignore_changes ?? [];
  return [...paths].filter((p) => !ignored.some((i) => p === i || p.startsWith(`${i}.`))).sort();
}

/** Does a change at `path` touch the ForceNew field `field` (itself, inside it, or its block)? */
const touches = (path: string, field: string) =>
  path === field || path.startsWith(`${field}.`) || field.startsWith(`${path}.`);

export interface ResourceChange {
  readonly stack: string;
  readonly address: string;
  readonly action: "creates" | "destroys" | "replaces" | "updates";
  /** Fields changed (updates) or forcing the replacement (replaces). */
  readonly fields: string[];
  /** create_before_destroy: the replacement comes up before the old one goes. */
  readonly newFirst?: boolean;
  /** prevent_destroy: Terraform stops the plan instead of replacing it. */
  readonly refused?: boolean;
}

function resourcesOf(stack: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [type, byName] of Object.entries<Json>(stack?.resource ?? {})) {
    for (const [name, body] of Object.entries<Json>(byName)) out.set(`${type}.${name}`, body);
  }
  return out;
}

/** The changes in one stack, from its synthesized JSON before and after. */
export function stackChanges(stack: string, before: Json, after: Json): ResourceChange[] {
  const old = resourcesOf(before);
  const now = resourcesOf(after);
  const changes = new Map<string, ResourceChange>();
  for (const [address, body] of now) {
    const type = address.split(".")[0];
    if (!old.has(address)) {
      changes.set(address, { stack, address, action: "creates", fields: [] });
      continue;
    }
    const fields = changedFields(old.get(address), body);
    if (fields.length === 0) continue;
    const forcing = fields.filter((p) => (FORCE_NEW_FIELDS[type] ?? []).some((f) => touches(p, f)));
    changes.set(address, {
      stack,
      address,
      action: forcing.length > 0 ? "replaces" : "updates",
      fields: forcing.length > 0 ? forcing : fields,
      newFirst: body.lifecycle?.create_before_destroy === true,
      refused: forcing.length > 0 && body.lifecycle?.prevent_destroy === true,
    });
  }
  for (const address of old.keys()) {
    if (!now.has(address)) changes.set(address, { stack, address, action: "destroys", fields: [] });
  }
  // A replaced resource gets new attributes: a ForceNew field that refers to it forces in turn.
  let grew = true;
  while (grew) {
    grew = false;
    const replaced = [...changes.values()]
      .filter((c) => c.action === "replaces")
      .map((c) => c.address);
    for (const [address, body] of now) {
      const current = changes.get(address);
      if (current?.action === "replaces" || current?.action === "creates") continue;
      const type = address.split(".")[0];
      const all = leaves(body);
      const causes: string[] = [];
      for (const field of FORCE_NEW_FIELDS[type] ?? []) {
        for (const source of replaced) {
          const refers = [...all].some(
            ([path, value]) => touches(reported(path), field) && value.includes(`\${${source}.`),
          );
          if (refers) causes.push(`${field} <- ${source}`);
        }
      }
      if (causes.length > 0) {
        changes.set(address, {
          stack,
          address,
          action: "replaces",
          fields: causes,
          newFirst: body.lifecycle?.create_before_destroy === true,
          refused: body.lifecycle?.prevent_destroy === true,
        });
        grew = true;
      }
    }
  }
  return [...changes.values()].sort((x, y) => x.address.localeCompare(y.address));
}

/** One line per change, such as `dev-cluster: replaces google_container_node_pool.X (node_config.machine_type)`. */
export function formatChange(c: ResourceChange): string {
  switch (c.action) {
    case "replaces":
      return c.refused
        ? `${c.stack}: would replace ${c.address} (${c.fields.join(", ")}); the plan stops there (prevent_destroy): see docs/changes-and-outages.md`
        : `${c.stack}: replaces ${c.address} (${c.fields.join(", ")})${c.newFirst ? ", new one first" : ""}`;
    case "updates":
      return `${c.stack}: updates ${c.address} in place (${c.fields.join(", ")})`;
    case "creates":
      return `${c.stack}: creates ${c.address}`;
    case "destroys":
      return `${c.stack}: destroys ${c.address} (prevent_destroy no longer applies to it once it is gone from the configuration)`;
  }
}

/**
 * The report for two trees of synthesized files (`stacks/<stack>/cdk.tf.json` → text), in the
 * order of the stacks' names.
 */
export function replacementReport(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  const stackOf = (file: string) => /^stacks\/([^/]+)\/cdk\.tf\.json$/.exec(file)?.[1];
  const stacks = new Set(
    [...before.keys(), ...after.keys()].map(stackOf).filter((s): s is string => Boolean(s)),
  );
  const parse = (text: string | undefined) => (text ? JSON.parse(text) : {});
  return [...stacks]
    .sort()
    .flatMap((stack) =>
      stackChanges(
        stack,
        parse(before.get(`stacks/${stack}/cdk.tf.json`)),
        parse(after.get(`stacks/${stack}/cdk.tf.json`)),
      ).map(formatChange),
    );
}
