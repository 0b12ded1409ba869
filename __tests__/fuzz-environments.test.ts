import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configReferenceMarkdown } from "../config/reference";
import {
  checkAccepted,
  environmentFile,
  fuzz,
  Outcome,
  refusalProblem,
  runFile,
  stacksIn,
} from "./fuzz-environments";
import { copyProject, readTree, writeTree } from "./app-synth";
import { runCommand } from "./command-runs";
import { rememberedResultOf } from "./remembered-results";
import { recall, remember } from "./tools/cache-files";

/** The seed of `npm test`: the same files every run. `npm run fuzz` takes any. */
const SEED = 20261126;
const RUNS = 200;
/** Accepted files whose stacks go through terraform validate here (all of them in `npm run fuzz`). */
const VALIDATED = 8;

/** Stands for the output folder in what is remembered (it differs per run). */
const OUTDIR = "<fuzz output folder>";

/**
 * runFile, remembered across jest runs by the file's content, like the app's runs
 * (remembered-results.ts: every input of the app's code, its variables, the date): a hit writes
 * the output folder again and synthesizes nothing. An outcome that breaks an invariant, or a
 * throw, is never remembered: it is computed, and fails, every time.
 */
function runFileRemembered(data: unknown, outdir: string): Outcome {
  const file = rememberedResultOf("fuzz runFile", data);
  const known = file && recall(file);
  if (known) {
    const { lines, files } = JSON.parse(known.split(OUTDIR).join(outdir)) as {
      lines?: string[];
      files: Record<string, string>;
    };
    writeTree(outdir, files);
    return lines
      ? { kind: "refused", lines, outdir }
      : { kind: "accepted", outdir, stacks: stacksIn(outdir) };
  }
  const outcome = runFile(data, outdir);
  if (file && refusalProblem(outcome) === undefined) {
    const lines = outcome.kind === "refused" ? outcome.lines : undefined;
    remember(
      file,
      JSON.stringify({ lines, files: readTree(outdir) })
        .split(outdir)
        .join(OUTDIR),
    );
  }
  return outcome;
}

/** Every key path a value sets, lists written `[]`, as the reference table writes them. */
function keyPaths(value: unknown, prefix = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keyPaths(v, `${prefix}[]`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      const at = prefix ? `${prefix}.${k}` : k;
      out.add(at.replace(/\[\]$/, ""));
      keyPaths(v, at, out);
    }
  return out;
}

describe("property: every environment file is accepted and applies, or refused cleanly", () => {
  const run = fuzz(RUNS, SEED, (i) => i < VALIDATED, runFileRemembered);
  afterAll(() => fs.rmSync(run.root, { recursive: true, force: true }));

  test(`${RUNS} files (seed ${SEED}): accepted ones synthesize, refused ones get one line per problem and write nothing`, () => {
    expect(run.failure).toBeUndefined();
    // Both outcomes are exercised, each in good number.
    expect(run.refused).toBeGreaterThan(RUNS / 10);
    expect(RUNS - run.refused).toBeGreaterThan(RUNS / 10);
  });

  test("accepted files pass the real terraform validate, and their Helm releases render", () => {
    const checked = checkAccepted(run);
    expect(checked.failures).toEqual([]);
    if (checked.validateSkipped)
      console.warn(`terraform validate skipped: ${checked.validateSkipped}`);
    else expect(checked.validated).toBeGreaterThan(VALIDATED);
  }, 600_000);

  test("the generator writes every key of the schema, in every mode", () => {
    const files = fc.sample(environmentFile, { numRuns: 500, seed: SEED });
    const written = new Set<string>();
    const modes = new Set<string>();
    for (const file of files) {
      if (file.meshes?.length) keyPaths({ meshes: file.meshes }, "", written);
      for (const env of file.environments) {
        keyPaths(env, "", written);
        modes.add(env.mode);
      }
    }
    const schemaKeys = configReferenceMarkdown()
      .split("\n")
      .slice(2)
      .map((row) => row.split("|")[1].trim().replace(/`/g, ""));
    expect(schemaKeys.filter((k) => !written.has(k))).toEqual([]);
    expect([...modes].sort()).toEqual(["cloud-service-mesh", "istio", "managed", "oss"]);
  });

  test("a planted crash is caught: a refusal that is not one line per problem fails", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-planted-"));
    expect(
      refusalProblem({ kind: "refused", lines: ["Error: boom", "    at x (y.ts:1:1)"], outdir }),
    ).toBe('not a one-line problem: "Error: boom"');
    fs.writeFileSync(path.join(outdir, "cdk.tf.json"), "{}");
    expect(refusalProblem({ kind: "refused", lines: ["fuzz.yaml: (top level): x"], outdir })).toBe(
      "wrote cdk.tf.json although refused",
    );
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test("runs are remembered by the file's content: a miss stores the outcome, a hit replays it", () => {
    const data = { environments: [{ name: "remembered", mode: "oss" }] };
    const file = rememberedResultOf("fuzz runFile", data);
    if (!file) return; // nothing is remembered in this run (GKE_ISTIO_SYNTH_CACHE=off, Stryker)
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-remembered-"));
    try {
      fs.rmSync(file, { force: true });
      const fresh = runFileRemembered(data, outdir);
      expect(fresh.kind).toBe("refused");
      expect(JSON.parse(fs.readFileSync(file, "utf8")).lines).toEqual(
        fresh.kind === "refused" ? fresh.lines : undefined,
      );
      // A planted accepted outcome comes back, its folder written again under the new outdir.
      const stack = { resource: { terraform_data: { x: { input: "<fuzz output folder>/a" } } } };
      const files = { "stacks/planted/cdk.tf.json": JSON.stringify(stack) };
      fs.writeFileSync(file, JSON.stringify({ files }));
      const again = path.join(outdir, "again");
      const hit = runFileRemembered(data, again);
      expect(hit).toEqual({
        kind: "accepted",
        outdir: again,
        stacks: { planted: { resource: { terraform_data: { x: { input: `${again}/a` } } } } },
      });
    } finally {
      fs.rmSync(file, { force: true });
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("the real app agrees on a refused file: exit 1, one line per problem, nothing written", () => {
    // The first refused file of the sample: the ones after it need no synthesis to be ruled out.
    const file = fc.sample(environmentFile, { numRuns: 50, seed: SEED }).find((f) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "fz-"));
      try {
        return runFileRemembered(f, outdir).kind === "refused";
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
    expect(file).toBeDefined();
    const dir = copyProject("gke-istio-fuzz");
    try {
      fs.writeFileSync(path.join(dir, "fuzz.json"), JSON.stringify(file));
      // The real app, remembered by content across runs (command-runs.ts).
      const r = runCommand(dir, "main.ts", [], {
        GKE_ISTIO_CONFIG: "fuzz.json",
        CDKTF_OUTDIR: "cdktf.out",
      });
      const files = readTree(path.join(dir, "cdktf.out"));
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split("\n");
      expect(lines[0]).toMatch(/nothing was synthesized:$/);
      for (const line of lines.slice(1)) expect(line).toMatch(/^(fuzz\.json: |GKE_[A-Z0-9_]+ at )/);
      expect(Object.keys(files).filter((f) => !f.endsWith("/"))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
