import * as fs from "fs";
import * as path from "path";
import { synthTextOnce } from "./shared-synth";

const ENVIRONMENT = `
environments:
  - name: dev
    mode: managed
    project: test-project
    location: europe-west1
    nodePools: [{ name: pool, imageType: UBUNTU_CONTAINERD }]
`;

/**
 * Runs main.ts the way cdktf.json does, with the environment the cdktf CLI gives it, on the file's
 * text (shared-synth.ts: once per run, remembered across runs by content).
 */
async function runMain(environmentFile: string, env: Record<string, string> = {}) {
  const run = await synthTextOnce(environmentFile, {
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
    GKE_ISTIO_STRICT: "",
    ...env,
  });
  return { ...run, written: Object.keys(run.files) };
}

describe("main.ts", () => {
  test("a policy violation exits 1 with one line per violation and writes no file", async () => {
    const run = await runMain(
      ENVIRONMENT.replace(
        "location: europe-west1",
        "location: europe-west1\n    cluster: { legacyAbac: true }",
      ),
    );
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n")).toEqual([
      "Policy check failed, nothing was synthesized:",
      "GKE_LEGACY_ABAC_DISABLED at dev-cluster/Cluster/Resource (google_container_cluster.Cluster_EB0386A7): enable_legacy_abac is true, so any identity may get broad static permissions; to fix, set cluster.legacyAbac: false (or waive GKE_LEGACY_ABAC_DISABLED in policy.waivers with a reason)",
      expect.stringMatching(
        /^GKE_NODE_IMAGE_COS at dev-cluster\/NodePool-pool\/Resource .*: node_config.image_type is "UBUNTU_CONTAINERD"; to fix, set nodePools\[\]\.imageType: COS_CONTAINERD /,
      ),
      "",
    ]);
    expect(run.written).toEqual([]);
  }, 60_000);

  test("an invalid environment file exits 1 with one line per problem and writes nothing", async () => {
    const run = await runMain(ENVIRONMENT.replace("location: europe-west1", "location: europe"));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `Invalid environment file, nothing was synthesized:\n${run.file}: environments[0] (dev): location: must be a GCP region such as 'us-central1' or a zone such as 'us-central1-a', got "europe"\n`,
    );
    expect(fs.existsSync(run.outdir)).toBe(false);
  }, 60_000);

  test("a waived violation synthesizes, with the reason as a warning in the manifest", async () => {
    const run = await runMain(
      `${ENVIRONMENT}    policy: { waivers: [{ rule: GKE_NODE_IMAGE_COS, reason: GPU drivers need Ubuntu }] }\n`,
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    const manifest = JSON.parse(fs.readFileSync(path.join(run.outdir, "manifest.json"), "utf8"));
    // The managed-mode guidance warning comes first; the waiver's warning follows.
    expect(manifest.stacks["dev-cluster"].annotations.slice(1)).toEqual([
      expect.objectContaining({
        constructPath: "dev-cluster/NodePool-pool/Resource",
        level: "@cdktf/warn",
        message: expect.stringMatching(
          /^GKE_NODE_IMAGE_COS waived at .*; reason: GPU drivers need Ubuntu$/,
        ),
      }),
    ]);
  }, 60_000);

  // Istio 1.29's support ended on 2026-10-12: a warning, or with GKE_ISTIO_STRICT=1 an error.
  const PAST = `
environments:
  - name: old
    mode: oss
    project: test-project
    location: europe-west1
    nodePools: [{ name: pool }]
    istio: { version: 1.29.8 }
`;

  test("a minor past its end of support synthesizes with one warning in the manifest", async () => {
    const run = await runMain(PAST);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    const manifest = JSON.parse(fs.readFileSync(path.join(run.outdir, "manifest.json"), "utf8"));
    const warnings = manifest.stacks["old-mesh"].annotations
      .map((a: { message: string }) => a.message)
      .filter((m: string) => m.includes("end of support"));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^environment 'old': istio\.version: Istio 1\.29 \('1\.29\.8'\) reached its end of support on 2026-10-12 /,
      ),
    ]);
  }, 60_000);

  test("GKE_ISTIO_STRICT=1: the same file exits 1 with one line and writes nothing", async () => {
    const run = await runMain(PAST, { GKE_ISTIO_STRICT: "1" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^Invalid environment file, nothing was synthesized:\n\S+: environments\[0\] \(old\): istio\.version: Istio 1\.29 \('1\.29\.8'\) reached its end of support on 2026-10-12 [^\n]* \(refused: GKE_ISTIO_STRICT=1\)\n$/,
    );
    expect(run.written).toEqual([]);
  }, 60_000);
});
