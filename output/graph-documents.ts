// What `npm run graph` writes: docs/environments.md, and the `mesh` diagram between README.md's markers.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { loadConfig } from "../config/load";
import { replaceBetweenMarkers } from "../config/reference";
import { addEnvironments } from "../stacks/environment-stacks";
import { environmentDiagram, environmentsMarkdown } from "./environment-graph";

/** The environment whose diagram the README shows. */
export const README_ENVIRONMENT = "mesh";

/**
 * Prettier's formatting of several files' texts (file paths relative to `root`, whose Prettier
 * configuration applies), in one child process: Prettier's API is asynchronous, and one process
 * for all the files costs one Node start, not one per file.
 */
function prettier(texts: Record<string, string>, root: string): Record<string, string> {
  const script = `
    const prettier = require(${JSON.stringify(require.resolve("prettier"))});
    const path = require("path");
    let input = "";
    process.stdin.on("data", (d) => (input += d)).on("end", async () => {
      const out = {};
      for (const [file, text] of Object.entries(JSON.parse(input))) {
        const filepath = path.resolve(${JSON.stringify(root)}, file);
        const options = (await prettier.resolveConfig(filepath)) ?? {};
        out[file] = await prettier.format(text, { ...options, filepath });
      }
      process.stdout.write(JSON.stringify(out));
    });`;
  const run = spawnSync(process.execPath, ["-e", script], {
    input: JSON.stringify(texts),
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`prettier failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Synthesizes the environment file's stacks (as `cdktf synth` writes them) and returns them parsed. */
function synthesize(environments: ReturnType<typeof loadConfig>["environments"]) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-graph-"));
  try {
    const app = new App({ outdir, stackTraces: false });
    addEnvironments(app, environments);
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    return Object.fromEntries(
      Object.values(
        manifest.stacks as Record<string, { name: string; synthesizedStackPath: string }>,
      ).map((s) => [
        s.name,
        JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), "utf8")),
      ]),
    );
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** File (relative to the project) -> its generated text. */
export function graphDocuments(root: string): Record<string, string> {
  const { file, environments } = loadConfig();
  const stacks = synthesize(environments);
  const source = path.isAbsolute(file) ? path.relative(root, file) : file;
  const texts: Record<string, string> = {
    "docs/environments.md": environmentsMarkdown(
      environments,
      stacks,
      source.split(path.sep).join("/"),
    ),
  };
  const shown = environments.find((e) => e.name === README_ENVIRONMENT);
  const readme = path.join(root, "README.md");
  if (shown && fs.existsSync(readme)) {
    const block = ["```mermaid", environmentDiagram(shown, stacks), "```"].join("\n");
    texts["README.md"] = replaceBetweenMarkers(
      fs.readFileSync(readme, "utf8"),
      `environment-graph:${README_ENVIRONMENT}`,
      block,
    );
  }
  const docs = prettier(texts, root);
  return docs;
}
