// Prettier on a document's text, remembered by content across jest runs: the same Prettier, the
// same configuration, file name and text give the same output. For the tests that compare a
// generated document with the one in the project (docs/configuration.md's key table,
// docs/contributing.md's map of rooms), which otherwise start a Prettier process each run.
//
//   expect(docWithRooms(doc, formatRemembered)).toBe(doc);
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { prettierFormat } from "../../config/reference";
import { PROJECT_ROOT } from "../app-synth";
import { underMutation } from "../remembered-results";
import { recall, remember } from "./cache-files";

/** What Prettier's output depends on besides the text: its version and the project's settings. */
function settings(root: string): string[] {
  const read = (file: string) =>
    fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), "utf8") : "";
  const version = (
    JSON.parse(fs.readFileSync(require.resolve("prettier/package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  return [version, read(".prettierrc"), read(".prettierignore"), read(".editorconfig")];
}

/** Where the output for `text` as `file` is remembered (node_modules/.cache, per content). */
export function rememberedFormatOf(text: string, file: string, root = PROJECT_ROOT): string {
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([settings(root), file, text]))
    .digest("hex")
    .slice(0, 32);
  return path.join(root, "node_modules", ".cache", "gke-istio-cdktf", "prettier", `${key}.txt`);
}

/**
 * prettierFormat (config/reference.ts), remembered by content; a failure is not remembered. Under
 * Stryker Prettier runs every time: prettierFormat is itself among the mutated code.
 */
export function formatRemembered(text: string, file: string): string {
  if (underMutation()) return prettierFormat(text, file);
  const cached = rememberedFormatOf(text, file);
  const known = recall(cached);
  if (known !== undefined) return known;
  const formatted = prettierFormat(text, file);
  remember(cached, formatted);
  return formatted;
}
