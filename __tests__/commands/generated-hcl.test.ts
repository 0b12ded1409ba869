import * as cp from "child_process";
import * as fs from "fs";
import * as path from "path";
import { copyProject, readTree } from "../app-synth";
import { runCommand } from "../command-runs";
import { parseHclRemembered } from "../tools/hcl2json";
import { testTerraformValidate, validateFolderWithTerraform } from "../terraform-validate";
import { correctHcl } from "../../output/hcl-output";

const terraformOnPath = cp.spawnSync("terraform", ["version"]).status === 0;

/** Blocks and attributes as Terraform reads them, whichever syntax wrote them. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    // hcl2json gives every block as a list of bodies; cdktf's JSON writes a single block as an object.
    const single = items.length === 1 && typeof items[0] === "object" && !Array.isArray(items[0]);
    return single ? items[0] : items;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "//") // cdktf's metadata, in metadata.json for HCL
        // An empty list of blocks is no block: cdktf's JSON writes `taint: []`, its HCL writes nothing.
        .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, v]) => [key, normalize(v)]),
    );
  }
  // A reference written bare in HCL comes back from hcl2json as "${ref}"; JSON has "${ref}" or "ref".
  if (typeof value === "string") return /^\$\{([^{}]*)\}$/.exec(value)?.[1] ?? value;
  return value;
}

describe("correctHcl", () => {
  test("makes each heredoc hold exactly the string cdktf rendered", () => {
    // cdktf renders "a: 1\n" as <<EOF, "a: 1", "", EOF, which Terraform reads as "a: 1\n\n".
    expect(correctHcl("values = [\n<<EOF\na: 1\n\nEOF\n]").split("\n")).toEqual([
      "values = [",
      "<<EOF",
      "a: 1",
      "EOF",
      "]",
    ]);
    // ... and "a: 1" (no final newline) as <<EOF, "a: 1", EOF, which Terraform reads as "a: 1\n".
    expect(correctHcl("x = <<EOF\na: 1\nEOF\ny = 2").split("\n")).toEqual([
      "x = chomp(<<EOF",
      "a: 1",
      "EOF",
      ")",
      "y = 2",
    ]);
  });

  test("writes helm provider 3's nested attributes as attributes, keeping other blocks", () => {
    const hcl = [
      'provider "helm" {',
      "kubernetes {",
      'host = "https://${data.x.y.endpoint}"',
      "exec {",
      'command = "gke-gcloud-auth-plugin"',
      "}",
      "}",
      "}",
      'provider "kubernetes" {',
      "exec {",
      'command = "gke-gcloud-auth-plugin"',
      "}",
      "}",
    ].join("\n");
    expect(correctHcl(hcl).split("\n")).toEqual([
      'provider "helm" {',
      "kubernetes = {",
      'host = "https://${data.x.y.endpoint}"',
      "exec = {",
      'command = "gke-gcloud-auth-plugin"',
      "}",
      "}",
      "}",
      'provider "kubernetes" {',
      "exec {",
      'command = "gke-gcloud-auth-plugin"',
      "}",
      "}",
    ]);
  });

  test("gathers repeated helm_release set blocks into one list", () => {
    const hcl = [
      'resource "helm_release" "a" {',
      'chart = "c"',
      "set {",
      'name = "x"',
      'value = "1"',
      "}",
      "set {",
      'name = "y"',
      'value = "2"',
      "}",
      "set_sensitive {",
      'name = "z"',
      'value = "3"',
      "}",
      "}",
    ].join("\n");
    expect(correctHcl(hcl).split("\n")).toEqual([
      'resource "helm_release" "a" {',
      'chart = "c"',
      "set = [{",
      'name = "x"',
      'value = "1"',
      "},",
      "{",
      'name = "y"',
      'value = "2"',
      "}]",
      "set_sensitive = [{",
      'name = "z"',
      'value = "3"',
      "}]",
      "}",
    ]);
  });

  test("unquotes provider and depends_on references, and leaves heredocs and other strings alone", () => {
    const hcl = [
      'resource "google_container_node_pool" "p" {',
      'provider = "google-beta"',
      "values = [",
      "<<EOF",
      'provider = "not-a-reference"',
      "set {",
      "",
      "EOF",
      "]",
      "labels = {",
      '"a" = "b.c"',
      "}",
      "depends_on = [",
      '"google_container_cluster.c",',
      "]",
      "}",
      'provider "google-beta" {',
      'project = "p"',
      "}",
    ].join("\n");
    expect(correctHcl(hcl).split("\n")).toEqual([
      'resource "google_container_node_pool" "p" {',
      "provider = google-beta",
      "values = [",
      "<<EOF",
      'provider = "not-a-reference"',
      "set {",
      "EOF",
      "]",
      "labels = {",
      '"a" = "b.c"',
      "}",
      "depends_on = [",
      "google_container_cluster.c,",
      "]",
      "}",
      'provider "google-beta" {',
      'project = "p"',
      "}",
    ]);
  });
});

describe("npm run generated -- --hcl", () => {
  const dir = copyProject("gke-istio-generated-hcl");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The real command in the copy, remembered by content across runs (command-runs.ts).
  const run = (...args: string[]) => runCommand(dir, "commands/generated.ts", args);
  let hcl: Record<string, string> = {};
  let json: Record<string, string> = {};

  beforeAll(() => {
    const h = run("--hcl", "--out", "gen-hcl");
    expect(h.status).toBe(0);
    const j = run("--out", "gen-json");
    expect(j.status).toBe(0);
    hcl = readTree(path.join(dir, "gen-hcl"));
    json = readTree(path.join(dir, "gen-json"));
  }, 120_000);

  const stacks = () =>
    Object.keys(json)
      .filter((f) => f.endsWith("/cdk.tf.json"))
      .map((f) => f.split("/")[1]);

  test("writes one cdk.tf per stack, with the same chart assets as the JSON", () => {
    expect(stacks()).toHaveLength(6);
    for (const stack of stacks()) expect(hcl).toHaveProperty([`stacks/${stack}/cdk.tf`]);
    const assets = (tree: Record<string, string>) =>
      Object.keys(tree).filter((f) => f.includes("/assets/"));
    expect(assets(hcl)).toEqual(assets(json));
    expect(assets(hcl).length).toBeGreaterThan(0);
  });

  test("the HCL and the JSON of each stack describe the same configuration (read by hcl2json)", async () => {
    for (const stack of stacks()) {
      const fromHcl = await parseHclRemembered("cdk.tf", hcl[`stacks/${stack}/cdk.tf`]);
      const fromJson = JSON.parse(json[`stacks/${stack}/cdk.tf.json`]);
      expect({ stack, config: normalize(fromHcl) }).toEqual({ stack, config: normalize(fromJson) });
    }
  });

  test("writes helm's kubernetes connection as an attribute, as helm provider 3 requires", () => {
    expect(hcl["stacks/mesh-mesh/cdk.tf"]).toMatch(/^provider "helm" \{\n {2}kubernetes = \{$/m);
  });

  (terraformOnPath ? test : test.skip)("is clean under terraform fmt -check", () => {
    const fmt = cp.spawnSync("terraform", ["fmt", "-check", "-recursive", "-no-color", "gen-hcl"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect({ status: fmt.status, files: fmt.stdout }).toEqual({ status: 0, files: "" });
  });

  test("without terraform on PATH, writes cdktf's HCL unformatted and says so", () => {
    const dirs = (process.env.PATH ?? "").split(path.delimiter);
    const withoutTerraform = dirs
      .filter((d) => !fs.existsSync(path.join(d, "terraform")))
      .join(path.delimiter);
    const r = runCommand(dir, "commands/generated.ts", ["--hcl", "--out", "raw"], {
      PATH: withoutTerraform,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      "terraform is not on PATH: the .tf files are written as cdktf writes them, not formatted by `terraform fmt`",
    );
    const raw = readTree(path.join(dir, "raw"));
    expect(Object.keys(raw).sort()).toEqual(Object.keys(hcl).sort());
    // Corrected (helm's connection is an attribute) but not formatted.
    expect(raw["stacks/mesh-mesh/cdk.tf"]).toMatch(/^kubernetes = \{$/m);
    if (terraformOnPath) {
      expect(raw["stacks/mesh-mesh/cdk.tf"]).not.toEqual(hcl["stacks/mesh-mesh/cdk.tf"]);
    }
  }, 120_000);

  testTerraformValidate(
    "passes the real terraform validate with no error and no warning",
    () => {
      const outcome = validateFolderWithTerraform(path.join(dir, "gen-hcl", "stacks"));
      if (outcome.skipped) throw new Error(`terraform validate could not run: ${outcome.skipped}`);
      expect(outcome.results).toEqual(
        Object.fromEntries(stacks().map((s) => [s, { ok: true, diagnostics: [] }])),
      );
    },
    120_000,
  );

  test("writes the index, and --check covers the index and the HCL", () => {
    const index = hcl["README.md"];
    expect(index).toContain("Written by `npm run generated -- --hcl`");
    expect(index).toContain(
      "## csm\n\n- mode: `cloud-service-mesh`\n- stacks: [`csm-cluster`](stacks/csm-cluster/cdk.tf), [`csm-mesh`](stacks/csm-mesh/cdk.tf)\n- apply: `csm-cluster`, then `csm-mesh`\n- destroy: `csm-mesh`, then `csm-cluster`",
    );
    expect(index).toContain(
      "  - `mesh-mesh`: local file `terraform.mesh-mesh.tfstate` at the project root",
    );
    expect(run("--hcl", "--check", "--out", "gen-hcl").status).toBe(0);

    fs.appendFileSync(path.join(dir, "gen-hcl", "README.md"), "edited\n");
    const stale = run("--hcl", "--check", "--out", "gen-hcl");
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("  changed: README.md");

    fs.appendFileSync(path.join(dir, "gen-hcl", "stacks", "mesh-mesh", "cdk.tf"), "\n");
    const asJson = run("--check", "--out", "gen-hcl");
    expect(asJson.stderr).toContain("  added:   stacks/mesh-mesh/cdk.tf.json");
    expect(asJson.stderr).toContain("  removed: stacks/mesh-mesh/cdk.tf");
    expect(run("--hcl", "--check", "--out", "gen-hcl").stderr).toContain(
      "  changed: stacks/mesh-mesh/cdk.tf",
    );
  }, 120_000);
});
