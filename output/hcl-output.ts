// HCL for `npm run generated -- --hcl`: cdktf's own HCL writer (SYNTH_HCL_OUTPUT=true), corrected where it
// disagrees with the pinned providers, then `terraform fmt` when a terraform binary is on PATH.
import { REMOVED_HCL_MARKER } from "../constructs/removed-resources";
import * as cp from "child_process";

/**
 * Arguments that are nested attributes (`name = { ... }`, `name = [{ ... }]`) in the real provider
 * schema but that cdktf's bindings mark as blocks. helm provider 3 moved from SDKv2 blocks to plugin-
 * framework nested attributes (its v3 upgrade guide): `kubernetes { }` fails with "Unsupported block
 * type". The JSON syntax cannot tell the two apart, so only the HCL needs this.
 */
const NESTED_ATTRIBUTES: Record<string, { single: string[]; list: string[] }> = {
  'provider "helm"': { single: ["kubernetes", "experiments"], list: ["registries"] },
  'provider "helm" kubernetes': { single: ["exec"], list: [] },
  'resource "helm_release"': { single: ["postrender"], list: ["set", "set_list", "set_sensitive"] },
};

/** Top-level block types whose `provider` and `depends_on` take references, not strings. */
const REFERENCING_BLOCKS = new Set(["resource", "data", "module", "output"]);

interface Frame {
  /** A block's type and labels without its name label (`resource "helm_release"`), or an attribute. */
  readonly key: string;
  readonly block: boolean;
  /** A block written as one item of a `name = [ ... ]` list: its close may also close the list. */
  readonly listName?: string;
  readonly dependsOn?: boolean;
}

const BLOCK_HEADER = /^([A-Za-z_][\w-]*)((?: "[^"]*")*) \{$/;

/**
 * Corrects cdktf's HCL so that Terraform reads it exactly as it reads the JSON, without warnings:
 * nested attributes of the pinned providers written as attributes, heredocs that hold exactly the
 * string, and `provider = "x"` and `depends_on = ["a.b"]` written as references (quoted references
 * are deprecated in Terraform).
 */
export function correctHcl(hcl: string): string {
  // lifecycle.ignore_changes names attributes: Terraform wants them bare (quoted is deprecated).
  const lines = restoreRemovedBlocks(hcl)
    .replace(
      /(ignore_changes\s*=\s*\[)([^\]]*)\]/g,
      (_, open: string, items: string) => `${open}${items.replace(/"([a-z0-9_.]+)"/g, "$1")}]`,
    )
    .split("\n");
  const out: string[] = [];
  const stack: Frame[] = [];
  let heredoc: string | undefined;
  let heredocStart = 0;
  let listOpen: string | undefined; // the list attribute whose next item comes next
  const blockPath = () =>
    stack
      .filter((f) => f.block)
      .map((f) => f.key)
      .join(" ");
  const nextNonBlank = (i: number) =>
    lines
      .slice(i + 1)
      .find((l) => l.trim() !== "")
      ?.trim();

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const text = line.trim();
    if (heredoc !== undefined) {
      // In a list, cdktf writes the item's comma on the terminator line (`EOF,`), which
      // Terraform does not read as the end of the heredoc: the comma goes on a line of its own.
      const comma = text === `${heredoc},` ? "," : "";
      if (text !== heredoc && !comma) {
        out.push(line);
        continue;
      }
      const terminator = comma ? line.slice(0, line.lastIndexOf(",")) : line;
      // cdktf writes a string's lines and then a newline: a heredoc always ends with one more "\n"
      // than the string. Drop the empty last line, or chomp() a string that had no final newline.
      if (out[out.length - 1] === "") {
        out.pop();
        out.push(terminator, ...(comma ? [comma] : []));
      } else {
        out[heredocStart] = out[heredocStart].replace(/<<(-?\w+)$/, "chomp(<<$1");
        out.push(terminator, `)${comma}`);
      }
      heredoc = undefined;
      continue;
    }
    const indent = line.slice(0, line.length - line.trimStart().length);
    const marker = /<<-?([A-Za-z_]\w*)$/.exec(text);
    if (marker) {
      heredoc = marker[1];
      heredocStart = out.length;
    }

    const header = BLOCK_HEADER.exec(text);
    const inValue = stack.length > 0 && !stack[stack.length - 1].block;
    if (header && !inValue) {
      const [, type, labels] = header;
      const nested = NESTED_ATTRIBUTES[blockPath()];
      if (nested?.single.includes(type)) {
        out.push(`${indent}${type} = {`);
        stack.push({ key: type, block: true });
        continue;
      }
      if (nested?.list.includes(type)) {
        out.push(listOpen === type ? `${indent}{` : `${indent}${type} = [{`);
        listOpen = undefined;
        stack.push({ key: type, block: true, listName: type });
        continue;
      }
      // Resources and data sources are keyed by type only: their names are not part of the path.
      const key = ["resource", "data"].includes(type)
        ? `${type}${labels.split(/(?<=") /)[0]}`
        : `${type}${labels}`;
      out.push(line);
      stack.push({ key, block: true });
      continue;
    }

    if (/^[}\]],?$/.test(text)) {
      const frame = stack.pop();
      if (frame?.listName) {
        listOpen = nextNonBlank(i) === `${frame.listName} {` ? frame.listName : undefined;
        out.push(listOpen ? `${indent}},` : `${indent}}]`);
      } else {
        out.push(line);
      }
      continue;
    }

    const top = stack[stack.length - 1];
    const topLevel = stack.length === 1 && REFERENCING_BLOCKS.has(stack[0].key.split(" ")[0]);
    if (topLevel && /^provider = "[^"$]+"$/.test(text)) {
      out.push(`${indent}${text.replace(/"/g, "")}`);
      continue;
    }
    if (top?.dependsOn && /^"[\w.-]+",?$/.test(text)) {
      out.push(`${indent}${text.replace(/"/g, "")}`);
      continue;
    }
    if (/[[{]$/.test(text) && !marker) {
      stack.push({ key: text, block: false, dependsOn: topLevel && text === "depends_on = [" });
    }
    out.push(line);
  }
  return out.join("\n");
}

/**
 * `terraform fmt` of every `.tf` file under a folder, in place and in one Terraform run: false
 * when no terraform binary runs here (the files are left as they are).
 */
export function terraformFmtFolder(dir: string): boolean {
  const fmt = cp.spawnSync("terraform", ["fmt", "-no-color", "-list=false", "-recursive", dir], {
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (fmt.error || fmt.status === null) return false;
  if (fmt.status !== 0) throw new Error(`terraform fmt refused the HCL:\n${fmt.stderr}`);
  return true;
}

/**
 * cdktf renders no `removed` block in HCL: RemovedResources writes each as a `moved` block whose
 * `to` is REMOVED_HCL_MARKER, turned back here into `removed { from, lifecycle { destroy = false } }`.
 */
function restoreRemovedBlocks(hcl: string): string {
  const marker = REMOVED_HCL_MARKER.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return hcl.replace(
    new RegExp(`moved \\{\\s*from\\s*=\\s*"([^"]+)"\\s*to\\s*=\\s*"${marker}"\\s*\\}`, "g"),
    (_, from: string) => `removed {\n  from = ${from}\n  lifecycle {\n    destroy = false\n  }\n}`,
  );
}
