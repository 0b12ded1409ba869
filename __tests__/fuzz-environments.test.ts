import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configReferenceMarkdown } from "../config/reference";
import { checkAccepted, environmentFile, fuzz, refusalProblem, runFile } from "./fuzz-environments";
import { copyProject, readTree } from "./app-synth";
import { runCommand } from "./command-runs";

/** The seed of `npm test`: the same files every run. `npm run fuzz` takes any. */
const SEED = 20261126;
const RUNS = 200;
/** Accepted files whose stacks go through terraform validate here (all of them in `npm run fuzz`). */
const VALIDATED = 8;

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
  const run = fuzz(RUNS, SEED, (i) => i < VALIDATED);
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

  test("the real app agrees on a refused file: exit 1, one line per problem, nothing written", () => {
    // The first refused file of the sample: the ones after it need no synthesis to be ruled out.
    const file = fc.sample(environmentFile, { numRuns: 50, seed: SEED }).find((f) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "fz-"));
      try {
        return runFile(f, outdir).kind === "refused";
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
