import * as fs from "fs";
import * as path from "path";
import { copyProject, readTree } from "../app-synth";
import { runCommand } from "../command-runs";

describe("npm run generated", () => {
  const dir = copyProject("gke-istio-generated");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The real command in the copy, remembered by content across runs (command-runs.ts).
  const run = (...args: string[]) =>
    runCommand(dir, "commands/generated.ts", args, { GKE_ISTIO_ENVIRONMENTS: "" });
  const files = () => Object.keys(readTree(path.join(dir, "generated"))).sort();
  const kept = path.join(dir, "generated", "stacks", "mesh-cluster");
  const csm = path.join(dir, "generated", "stacks", "csm-cluster");

  test("writes every stack, then --check finds it up to date", () => {
    const write = run();
    expect(write.status).toBe(0);
    // The default file applies: no synth warning (the article's add-on lives in examples/).
    expect(write.stderr).not.toMatch(/^WARN /m);
    expect(files()).toContain("stacks/mesh-cluster/cdk.tf.json");
    expect(files()).toContain("stacks/csm-mesh/cdk.tf.json");
    // Terraform's own files, after a local `terraform init`: --check ignores them.
    fs.writeFileSync(path.join(kept, ".terraform.lock.hcl"), "# providers\n");
    fs.mkdirSync(path.join(kept, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(kept, ".terraform", "providers", "plugin"), "binary");
    fs.writeFileSync(path.join(csm, ".terraform.lock.hcl"), "# providers\n");
    const check = run("--check");
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^generated\/ is up to date \(\d+ files\)$/m);
  }, 60_000);

  test("--check names what differs and writes nothing; a new write removes stale stacks", () => {
    const config = path.join(dir, "config", "environments.yaml");
    const text = fs.readFileSync(config, "utf8");
    // Drop the last environment (csm) and raise the mesh pool's maximum.
    fs.writeFileSync(
      config,
      text
        .slice(0, text.indexOf("  # Google's managed Istio today"))
        .replace("maxNodeCount: 3", "maxNodeCount: 4"),
    );
    const before = files();
    const check = run("--check");
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      "generated/ is out of date; run `npm run generated` and commit the result:",
    );
    expect(check.stderr).toContain("  changed: stacks/mesh-cluster/cdk.tf.json");
    expect(check.stderr).toContain("  removed: stacks/csm-cluster/cdk.tf.json");
    // What Terraform will do, per resource.
    expect(check.stderr).toMatch(
      /^ {2}mesh-cluster: updates google_container_node_pool\.NodePool-node-pool_\w+ in place \(autoscaling\.max_node_count\)$/m,
    );
    expect(check.stderr).toMatch(
      /^ {2}csm-cluster: destroys google_container_cluster\.Cluster_\w+ /m,
    );
    expect(files()).toEqual(before);
    expect(run().status).toBe(0);
    // Our files only: the lock files stay, also in the folder of a stack no longer generated.
    expect(files().filter((f) => f.startsWith("stacks/csm-"))).toEqual([
      "stacks/csm-cluster/.terraform.lock.hcl",
    ]);
    expect(fs.readFileSync(path.join(kept, ".terraform.lock.hcl"), "utf8")).toBe("# providers\n");
    expect(fs.existsSync(path.join(kept, ".terraform", "providers", "plugin"))).toBe(true);
    expect(run("--check").status).toBe(0);
  }, 60_000);

  test("an invalid environment file fails and leaves generated/ alone", () => {
    const before = readTree(path.join(dir, "generated"));
    fs.writeFileSync(path.join(dir, "config", "environments.yaml"), "environments: []\n");
    const write = run();
    expect(write.status).toBe(1);
    expect(write.stderr).toContain("environments: must list at least one environment");
    expect(readTree(path.join(dir, "generated"))).toEqual(before);
  }, 60_000);

  test("refuses a selection of environments, which would remove the others' stacks", () => {
    const before = readTree(path.join(dir, "generated"));
    const r = runCommand(dir, "commands/generated.ts", [], { GKE_ISTIO_ENVIRONMENTS: "oss" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "npm run generated writes every environment; unset GKE_ISTIO_ENVIRONMENTS (use it with npm run synth)\n",
    );
    expect(readTree(path.join(dir, "generated"))).toEqual(before);
  });
});
