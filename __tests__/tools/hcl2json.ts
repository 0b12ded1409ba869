// hcl2json (@cdktf/hcl2json: HashiCorp's HCL parser, Go compiled to WebAssembly) on a file's text,
// remembered by content across jest runs: the same parser on the same name and text gives the
// same JSON. Starting the WebAssembly parser costs about 0.7 s of CPU a jest run.
//
//   const config = await parseHclRemembered("cdk.tf", text);
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../app-synth";
import { recall, remember } from "./cache-files";

/** Where the JSON of `text` parsed as `file` is remembered (node_modules/.cache, per content). */
export function rememberedHclOf(text: string, file: string, root = PROJECT_ROOT): string {
  const parser = fs.readFileSync(
    path.join(root, "node_modules", "@cdktf", "hcl2json", "package.json"),
    "utf8",
  );
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([parser, file, text]))
    .digest("hex")
    .slice(0, 32);
  return path.join(root, "node_modules", ".cache", "gke-istio-cdktf", "hcl2json", `${key}.json`);
}

/** hcl2json's parse of `text` as `file`, remembered; a parse that throws is not remembered. */
export async function parseHclRemembered(file: string, text: string): Promise<unknown> {
  const cached = rememberedHclOf(text, file);
  const known = recall(cached);
  if (known !== undefined) return JSON.parse(known);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require("@cdktf/hcl2json") as typeof import("@cdktf/hcl2json");
  const parsed = await parse(file, text);
  remember(cached, JSON.stringify(parsed));
  return parsed;
}
