// GitHub's own workflow parser (__tests__/tools/parse-workflow.mjs, in a child process: the
// package is ESM), its result remembered by content across jest runs, as the Mermaid parse is.
//
// Loading @actions/workflow-parser costs about half a second of CPU a call. A result is stored
// under node_modules/.cache/gke-istio-cdktf/workflow (a clean clone starts empty), keyed by the
// workflow's file name and text, the installed @actions/workflow-parser (its package.json) and the
// parsing script: an edited workflow, a new parser or an edited script is a miss. The file's
// folder is not part of the key; it is put back into the messages. GKE_ISTIO_WORKFLOW_CACHE=off
// parses every time.
import * as cp from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../app-synth";
import { recall, remember } from "./cache-files";

export interface ParsedWorkflow {
  errors: string[];
  jobs: { id: string; needs: string[]; steps: { uses?: string; run?: string }[] }[];
}

const SCRIPT = path.join(__dirname, "parse-workflow.mjs");

/** Parses a workflow file with GitHub's parser, in a child process. */
export function parseWorkflowNow(file: string): ParsedWorkflow {
  return JSON.parse(
    cp.execFileSync(process.execPath, [SCRIPT, file], { cwd: PROJECT_ROOT, encoding: "utf8" }),
  );
}

/** What a result depends on besides the file: the parser's package and the script. */
export function workflowParserFingerprint(root: string = PROJECT_ROOT): string {
  return crypto
    .createHash("sha256")
    .update(fs.readFileSync(SCRIPT))
    .update("\0")
    .update(
      fs.readFileSync(
        path.join(root, "node_modules", "@actions", "workflow-parser", "package.json"),
      ),
    )
    .digest("hex");
}

const FOLDER = "<workflow folder>";

/** parseWorkflowNow, remembered in `dir` by the file's name and text and `fingerprint`. */
export function parseWorkflow(
  file: string,
  {
    dir = path.join(PROJECT_ROOT, "node_modules", ".cache", "gke-istio-cdktf", "workflow"),
    fingerprint = workflowParserFingerprint(),
    parse = parseWorkflowNow,
  }: { dir?: string; fingerprint?: string; parse?: (file: string) => ParsedWorkflow } = {},
): ParsedWorkflow {
  if (process.env.GKE_ISTIO_WORKFLOW_CACHE === "off") return parse(file);
  const folder = path.dirname(path.resolve(file));
  const key = crypto
    .createHash("sha256")
    .update(fingerprint)
    .update(`\0${path.basename(file)}\0`)
    .update(fs.readFileSync(file))
    .digest("hex");
  const stored = path.join(dir, `${key}.json`);
  const known = recall(stored);
  if (known !== undefined) return JSON.parse(known.split(FOLDER).join(folder));
  const result = parse(file);
  remember(stored, JSON.stringify(result).split(folder).join(FOLDER));
  return result;
}
