/* global process */
// Parses Mermaid diagrams with the real Mermaid parser (mermaid, ESM, hence this child process). Mermaid
// sanitizes labels with DOMPurify, which needs a DOM: jsdom gives it one. Reads a JSON list of
// diagrams on stdin, prints a JSON list of { ok, type, error }.
import * as fs from "node:fs";
import { JSDOM } from "jsdom";

const { window } = new JSDOM("");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");

const diagrams = JSON.parse(fs.readFileSync(0, "utf8"));
const results = [];
for (const text of diagrams) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (e) {
    results.push({
      ok: false,
      error: String(e.message ?? e)
        .split("\n")
        .slice(0, 3)
        .join(" "),
    });
  }
}
process.stdout.write(JSON.stringify(results));
