// `npm run synth` (commands/synth.ts): the app's own files and the CLI's warnings, without the CLI.
import * as fs from "fs";
import * as path from "path";
import { copyProject, readTree } from "../app-synth";
import { runCommand } from "../command-runs";
import { synthFileOnce } from "../shared-synth";

describe("npm run synth", () => {
  const dir = copyProject("gke-istio-synth");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The real command in the copy, remembered by content across runs (command-runs.ts).
  const run = (env: Record<string, string> = {}) =>
    runCommand(dir, "commands/synth.ts", [], {
      GKE_ISTIO_ENVIRONMENTS: "",
      CDKTF_OUTDIR: "",
      ...env,
    });

  test("writes what the app writes, prints the synth warnings once each and no ERROR line", async () => {
    const synth = run();
    expect(synth.status).toBe(0);
    expect(synth.stdout).toBe(
      "cdktf.out/: 6 stacks: ambient-cluster, ambient-mesh, csm-cluster, csm-mesh, mesh-cluster, mesh-mesh\n",
    );
    const lines = synth.stderr.trim().split("\n");
    expect(lines.filter((l) => !/^(WARN|INFO) \[[\w-]+\]: /.test(l))).toEqual([]);
    expect(lines.some((l) => /^INFO \[mesh-mesh\]: Istio in mesh: istiod [\d.]+ /.test(l))).toBe(
      true,
    );
    expect(new Set(lines).size).toBe(lines.length);
    const app = await synthFileOnce("config/environments.yaml");
    expect(readTree(path.join(dir, "cdktf.out"))).toEqual(app.files);
  }, 60_000);

  test("a refused file: each problem printed once, exit 1, the previous output left alone", () => {
    const before = readTree(path.join(dir, "cdktf.out"));
    expect(Object.keys(before).length).toBeGreaterThan(8);
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(
      bad,
      "environments:\n  - { name: shop, mode: oss, project: p, location: europe-west1, istio: { mtls: strict } }\n",
    );
    const synth = run({ GKE_ISTIO_CONFIG: bad });
    expect(synth.status).toBe(1);
    const problem = synth.stderr.split("\n").filter((l) => l.includes("istio.mtls"));
    expect(problem).toHaveLength(1);
    expect(synth.stderr).toMatch(/^Invalid environment file, nothing was synthesized:\n/);
    expect(readTree(path.join(dir, "cdktf.out"))).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("cdktf.out."))).toEqual([]);
  }, 60_000);
});
