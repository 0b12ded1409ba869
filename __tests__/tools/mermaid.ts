// The real Mermaid parser (__tests__/tools/parse-mermaid.mjs, in a child process: mermaid is ESM
// and wants a DOM), its results remembered by content across jest runs.
//
// Loading jsdom and mermaid costs about 2 s of CPU, every run, for diagrams that rarely change.
// A result is stored under node_modules/.cache/gke-istio-cdktf/mermaid/ (a clean clone starts
// empty), keyed by the diagram's text, the installed mermaid and jsdom (their package.json) and
// the parsing script itself: a changed diagram, a new mermaid or an edited script is a miss and
// is parsed again. Only the misses go to the child process, all in one. GKE_ISTIO_MERMAID_CACHE=off
// parses everything.
import * as cp from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../app-synth";
import { writeWhole } from "./cache-files";

export interface MermaidResult {
  ok: boolean;
  type?: string;
  error?: string;
}

const SCRIPT = path.join(__dirname, "parse-mermaid.mjs");

/** Parses the diagrams with the real parser, in one child process. */
export function parseMermaidNow(diagrams: string[]): MermaidResult[] {
  return JSON.parse(
    cp.execFileSync(process.execPath, [SCRIPT], {
      cwd: PROJECT_ROOT,
      input: JSON.stringify(diagrams),
      encoding: "utf8",
    }),
  );
}

/** What a result depends on besides the diagram: the parser's packages and the script. */
export function parserFingerprint(root: string = PROJECT_ROOT): string {
  const hash = crypto.createHash("sha256").update(fs.readFileSync(SCRIPT));
  for (const pkg of ["mermaid", "jsdom"])
    hash
      .update(`\0${pkg}\0`)
      .update(fs.readFileSync(path.join(root, "node_modules", pkg, "package.json")));
  return hash.digest("hex");
}

export const mermaidCacheDir = () =>
  path.join(PROJECT_ROOT, "node_modules", ".cache", "gke-istio-cdktf", "mermaid");

/**
 * parseMermaidNow, with each diagram's result remembered in `dir` by its text and `fingerprint`.
 * `parse` (the real parser unless a test passes its own) receives only the misses, in one call.
 */
export function parseMermaid(
  diagrams: string[],
  {
    dir = mermaidCacheDir(),
    fingerprint = parserFingerprint(),
    parse = parseMermaidNow,
  }: { dir?: string; fingerprint?: string; parse?: (d: string[]) => MermaidResult[] } = {},
): { results: MermaidResult[]; parsed: string[] } {
  const off = process.env.GKE_ISTIO_MERMAID_CACHE === "off";
  const fileOf = (text: string) =>
    path.join(
      dir,
      `${crypto.createHash("sha256").update(fingerprint).update("\0").update(text).digest("hex")}.json`,
    );
  const known = new Map<string, MermaidResult>();
  if (!off)
    for (const text of diagrams) {
      try {
        known.set(text, JSON.parse(fs.readFileSync(fileOf(text), "utf8")));
      } catch {
        // not remembered (or unreadable): parsed below
      }
    }
  const misses = [...new Set(diagrams.filter((text) => !known.has(text)))];
  if (misses.length) {
    const fresh = parse(misses);
    if (fresh.length !== misses.length)
      throw new Error("the Mermaid parser returned a result per diagram");
    if (!off) fs.mkdirSync(dir, { recursive: true });
    misses.forEach((text, i) => {
      known.set(text, fresh[i]);
      if (off) return;
      // Written whole then renamed: a reader never sees half a file.
      const file = fileOf(text);
      writeWhole(file, JSON.stringify(fresh[i]));
    });
  }
  return { results: diagrams.map((text) => known.get(text)!), parsed: misses };
}
