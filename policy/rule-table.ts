import { POLICY_RULES } from "./rules";

const RESOURCE_NAMES: Record<string, string> = {
  google_container_cluster: "cluster",
  google_container_node_pool: "node pool",
  helm_release: "helm release",
};

const HEADER = ["Rule", "Resource", "checkov", "CIS GKE 1.6.0", "What must hold", "Fix"];

/** The rule table as Markdown, padded the way Prettier pads it, so the copy in docs/security.md stays as is. */
export function ruleTableMarkdown(): string {
  const rows = POLICY_RULES.map((r) => [
    `\`${r.id}\``,
    RESOURCE_NAMES[r.resourceType],
    r.checkov.join(", ") || "-",
    r.cis ?? "-",
    r.description,
    r.fix,
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [line(HEADER), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
