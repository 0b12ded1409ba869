// `npm run graph`: one Mermaid diagram per environment, drawn from the synthesized stacks (never by
// hand): the two stacks, and in them the resources a reader looks for, with their dependencies.
import { parse as parseYaml } from "yaml";
import { EnvironmentConfig } from "../config/schema";
import { clusterKubernetes } from "../config/kubernetes-rules";
import { gatewayApiCrds } from "../config/gateway-api-rules";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Resource types drawn as nodes, and how each is labelled. */
const LABELS: Record<string, (r: Json, stack: Json) => string> = {
  google_compute_network: (r, stack) => networkLabel(r.name, stack, ""),
  "data.google_compute_network": (r, stack) => networkLabel(r.name, stack, " (existing)"),
  google_service_account: (r) => `node service account<br/>${r.account_id}`,
  google_container_cluster: (r) =>
    [
      `cluster ${r.name}`,
      r.location,
      r.addons_config?.istio_config ? "Istio add-on" : "",
      r.fleet ? "in the fleet" : "",
    ]
      .filter(Boolean)
      .join("<br/>"),
  google_container_node_pool: (r) =>
    `node pool ${r.name}<br/>${r.node_config?.machine_type ?? ""}, ${r.autoscaling?.min_node_count ?? "?"} to ${r.autoscaling?.max_node_count ?? "?"} per zone`,
  google_compute_firewall: (r) => `firewall ${r.name}`,
  google_gke_hub_feature: (r) => `fleet feature ${r.name}`,
  google_gke_hub_feature_membership: (r) =>
    `fleet feature membership<br/>${r.mesh?.management ?? ""}`,
  kubernetes_cluster_role_binding_v1: (r) => `ClusterRoleBinding ${r.metadata?.name}`,
  kubernetes_namespace_v1: (r) => `namespace ${r.metadata?.name}${labelsText(r.metadata?.labels)}`,
  kubernetes_labels: (r, stack) =>
    `namespace ${r.metadata?.name}${keptNamespaces(stack).includes(r.metadata?.name) ? "" : " (existing)"}${labelsText(r.labels)}`,
  helm_release: (r) =>
    `helm release ${r.name}<br/>${String(r.chart).startsWith("assets/") ? "local chart" : `chart ${r.chart}`}${r.version ? ` ${r.version}` : ""}, in ${r.namespace ?? "default"}`,
};

/** Resources folded into another node's box: their references count as that node's. */
const FOLDED: Record<string, string> = {
  google_compute_subnetwork: "google_compute_network",
  google_compute_router: "google_compute_network",
  google_compute_router_nat: "google_compute_network",
  "data.google_compute_subnetwork": "data.google_compute_network",
};

/** The namespaces the stack creates (the kept-namespaces release's values); the others exist. */
function keptNamespaces(stack: Json): string[] {
  const releases = Object.values(stack.resource?.helm_release ?? {}) as Json[];
  return releases
    .filter((r) => r.name === "kept-namespaces")
    .flatMap((r) => (r.values ?? []).flatMap((v: string) => parseYaml(v)?.namespaces ?? []));
}

function labelsText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length ? `<br/>${entries.map(([k, v]) => `${k}=${v}`).join(", ")}` : "";
}

function networkLabel(name: string, stack: Json, existing: string): string {
  const subnets = Object.values(
    (existing ? stack.data : stack.resource)?.google_compute_subnetwork ?? {},
  ) as Json[];
  const nat = Object.keys(stack.resource?.google_compute_router_nat ?? {}).length > 0;
  return [
    `network ${name}${existing}`,
    ...subnets.map((s) => `subnet ${s.name}${s.ip_cidr_range ? ` ${s.ip_cidr_range}` : ""}`),
    nat ? "Cloud Router and Cloud NAT" : "",
  ]
    .filter(Boolean)
    .join("<br/>");
}

interface Node {
  readonly id: string;
  readonly address: string;
  readonly type: string;
  readonly body: Json;
}

/** Every resource and data source of a stack, as `type.name` (`data.type.name` for data). */
function entriesOf(stack: Json): Node[] {
  const out: Node[] = [];
  for (const [kind, prefix] of [
    ["resource", ""],
    ["data", "data."],
  ] as const) {
    for (const [type, byName] of Object.entries(stack[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName as Json)) {
        out.push({ id: "", address: `${prefix}${type}.${name}`, type: `${prefix}${type}`, body });
      }
    }
  }
  return out;
}

/** The addresses one body refers to, by interpolation or depends_on. */
function referencesOf(body: Json): Set<string> {
  const refs = new Set<string>();
  const walk = (v: unknown, key?: string) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/\$\{[^}]*?\b((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)/g)) {
        refs.add(m[1]);
      }
      if (key === "depends_on") refs.add(v);
    } else if (Array.isArray(v)) {
      v.forEach((x) => walk(x, key));
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) if (k !== "//") walk(x, k);
    }
  };
  walk(body);
  return refs;
}

const quote = (text: string) =>
  `"${text.replace(/"/g, "'").replace(/\$\{[^}]*\}/g, "(computed)")}"`;

/** The nodes and edges of one stack, edges from a dependency to what depends on it. */
function stackGraph(stack: Json) {
  const all = entriesOf(stack);
  const shown = all.filter((e) => LABELS[e.type]);
  const owner = new Map<string, string>(); // address -> the shown address it is drawn as
  for (const e of shown) owner.set(e.address, e.address);
  for (const e of all) {
    const into = FOLDED[e.type];
    const target = into && shown.find((s) => s.type === into);
    if (target) owner.set(e.address, target.address);
  }
  const edges = new Set<string>();
  for (const e of all) {
    const to = owner.get(e.address);
    if (!to) continue;
    for (const ref of referencesOf(e.body)) {
      const from = owner.get(ref);
      if (from && from !== to) edges.add(`${from} ${to}`);
    }
  }
  const pairs = [...edges].map((e) => e.split(" ") as [string, string]);
  return { nodes: shown, edges: transitiveReduction(pairs) };
}

/** Drops an edge a -> c when a longer path a -> ... -> c exists, so the picture shows order, not noise. */
function transitiveReduction(edges: [string, string][]): [string, string][] {
  const next = (n: string) => edges.filter(([a]) => a === n).map(([, b]) => b);
  const reachable = (from: string, to: string, skip: [string, string]): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const n = stack.pop() as string;
      for (const m of next(n)) {
        if (n === skip[0] && m === skip[1]) continue;
        if (m === to) return true;
        if (!seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
      }
    }
    return false;
  };
  return edges.filter((e) => !reachable(e[0], e[1], e));
}

/** Helm releases in install order: after every release they depend on (through any path), else in file order. */
function installOrder(releases: string[], edges: [string, string][]): Map<string, number> {
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length) {
      const n = stack.pop() as string;
      for (const [a, b] of edges) {
        if (a !== n || seen.has(b)) continue;
        if (b === to) return true;
        seen.add(b);
        stack.push(b);
      }
    }
    return false;
  };
  const order: string[] = [];
  const visit = (r: string) => {
    if (order.includes(r)) return;
    for (const a of releases) if (a !== r && reaches(a, r)) visit(a);
    order.push(r);
  };
  releases.forEach(visit);
  return new Map(order.map((r, i) => [r, i + 1]));
}

/** The Mermaid flowchart of one environment, from its synthesized stacks (`<name>-cluster`, `<name>-mesh`). */
export function environmentDiagram(env: EnvironmentConfig, stacks: Record<string, Json>): string {
  const lines = ["flowchart TB"];
  const clusterNodes: string[] = [];
  const names = [`${env.name}-cluster`, `${env.name}-mesh`].filter((s) => stacks[s]);
  // Short ids, `cluster_1`, `mesh_2`: in declaration order, so the same stacks give the same text.
  const kind = (stackName: string) => stackName.slice(env.name.length + 1);
  for (const stackName of names) {
    const stack = stacks[stackName];
    const { nodes, edges } = stackGraph(stack);
    const releases = nodes.filter((n) => n.type === "helm_release").map((n) => n.address);
    const order = installOrder(releases, edges);
    lines.push(
      `  subgraph ${kind(stackName)}_stack [${quote(`stack ${stackName}`)}]`,
      "    direction TB",
    );
    const byStep = (n: Node) => order.get(n.address) ?? 0;
    const ids = new Map<string, string>();
    for (const n of [...nodes].sort((a, b) => byStep(a) - byStep(b))) {
      const id = `${kind(stackName)}_${ids.size + 1}`;
      ids.set(n.address, id);
      const step = order.get(n.address);
      const label = `${step ? `${step}. ` : ""}${LABELS[n.type](n.body, stack)}`;
      lines.push(`    ${id}[${quote(label)}]`);
      if (n.type === "google_container_cluster") clusterNodes.push(id);
    }
    for (const [a, b] of edges) lines.push(`    ${ids.get(a)} --> ${ids.get(b)}`);
    lines.push("  end");
  }
  if (names.length === 2) {
    for (const c of clusterNodes) {
      lines.push(`  ${c} -.->|${quote("endpoint and CA, read by data sources")}| mesh_stack`);
    }
  }
  return lines.join("\n");
}

/** For Istio installed by Helm: the Kubernetes it is checked against, and the Gateway API CRDs. */
function upstreamNote(env: EnvironmentConfig): string {
  if (env.mode !== "oss") return "";
  const k8s = clusterKubernetes(env);
  return ` Kubernetes ${k8s.minor} (${k8s.from}). Gateway API CRDs: ${gatewayApiCrds(env).description}.`;
}

/** docs/environments.md: every environment's diagram, in file order. */
export function environmentsMarkdown(
  environments: EnvironmentConfig[],
  stacks: Record<string, Json>,
  source: string,
): string {
  const parts = [
    "# The environments, pictured",
    "",
    `Generated by \`npm run graph\` from \`${source}\`, from the synthesized stacks; do not edit (a`,
    "test fails when this file is stale). Arrows go from a resource to what depends on it; helm",
    "releases are numbered in install order. Not drawn: the enabled Google APIs, the IAM roles of the",
    "node service account and the data sources.",
  ];
  for (const env of environments) {
    parts.push(
      "",
      `## ${env.name}`,
      "",
      `Mode \`${env.mode}\`.${upstreamNote(env)}`,
      "",
      "```mermaid",
    );
    parts.push(environmentDiagram(env, stacks), "```");
  }
  return `${parts.join("\n")}\n`;
}
