import { POLICY_RULES } from "./rules";

const HEADER = ["Rule", "Resource", "checkov", "CIS GKE 1.6.0", "What must hold", "Fix"];

/** The rule table as Markdown, padded the way Prettier pads it, so the copy in docs/security.md stays as is. */
export function ruleTableMarkdown(): string {
  const rows = POLICY_RULES.map((r) => [
    `\`${r.id}\``,
    r.resourceType === "google_container_cluster" ? "cluster" : "node pool",
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
