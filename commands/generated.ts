// The workflow for checking generated Terraform into a repository:
//   npm run generated             writes every stack into generated/stacks/<stack>/ (stale ones removed)
//   npm run generated -- --check  writes nothing; exits 1 and names each file that differs, then
//                                 what Terraform will do to each changed resource: update it in
//                                 place, or replace it (naming the fields that force it)
//   --out <dir>                   another folder, relative to the project (default: generated)
//   --hcl                         HCL (cdk.tf, through `terraform fmt` when terraform is on PATH) instead of JSON
// Also writes <out>/README.md, the index: per environment its mode, stacks, apply and destroy order, state.
// What Terraform writes in a stack folder (.terraform/, .terraform.lock.hcl, local state) is kept
// by a write and ignored by --check: lock files are committed beside the stacks.
// The app runs directly (no cdktf CLI, in this process), into a temporary folder, so a failed synth
// touches nothing.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadConfig } from "../config/load";
import { generatedIndex, ManifestStack } from "../output/generated-index";
import { removeEmptyFolders, tree, treeDifferences } from "../output/generated-folder";
import { correctHcl, terraformFmtFolder } from "../output/hcl-output";
import { replacementReport } from "../output/replacement-report";
import { annotationLines } from "../output/synth-annotations";

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const hcl = args.includes("--hcl");
const outIndex = args.indexOf("--out");
if (outIndex >= 0 && !args[outIndex + 1]) {
  console.error("--out needs a folder, relative to the project");
  process.exit(2);
}
// generated/ holds every environment: a partial synth would remove the others' stacks.
if (process.env.GKE_ISTIO_ENVIRONMENTS) {
  console.error(
    "npm run generated writes every environment; unset GKE_ISTIO_ENVIRONMENTS (use it with npm run synth)",
  );
  process.exit(2);
}
// Keep it a direct child of the project: local state paths are written relative to stacks/<stack>.
const out = path.resolve(root, outIndex >= 0 ? args[outIndex + 1] : "generated");

/** Per changed resource: updated in place, replaced (and why), created or destroyed (JSON stacks; none with --hcl). */
function printReport(
  before: Map<string, string>,
  after: Map<string, string>,
  print: (line: string) => void,
): void {
  const lines = replacementReport(before, after);
  if (lines.length === 0) return;
  print(
    "What Terraform will do (from the provider's ForceNew fields; `terraform plan` has the last word):",
  );
  for (const line of lines) print(`  ${line}`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-generated-"));
// Also when the app or --check exits early.
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
try {
  // The app itself, in this process, as `cdktf synth` runs it: main.ts writes its own one-line
  // problems and exits 1 on invalid input or a policy violation, before anything is written.
  // SYNTH_HCL_OUTPUT is cdktf's own switch for HCL (what `cdktf synth --hcl` sets).
  process.env.CDKTF_OUTDIR = tmp;
  process.env.SYNTH_HCL_OUTPUT = hcl ? "true" : "false";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("../main");

  // The cdktf CLI would print the annotations (policy waivers, mode warnings); so do we.
  for (const line of annotationLines(tmp)) process.stderr.write(`${line}\n`);
  const manifest = JSON.parse(fs.readFileSync(path.join(tmp, "manifest.json"), "utf8")) as {
    stacks: Record<string, ManifestStack>;
  };

  if (hcl) {
    for (const stack of Object.keys(manifest.stacks)) {
      const file = path.join(tmp, "stacks", stack, "cdk.tf");
      fs.writeFileSync(file, correctHcl(fs.readFileSync(file, "utf8")));
    }
    if (!terraformFmtFolder(path.join(tmp, "stacks"))) {
      console.error(
        "terraform is not on PATH: the .tf files are written as cdktf writes them, not formatted by `terraform fmt`",
      );
    }
  }
  fs.writeFileSync(
    path.join(tmp, "README.md"),
    generatedIndex(loadConfig().environments, Object.values(manifest.stacks), hcl ? "hcl" : "json"),
  );

  const fresh = tree(tmp);
  const current = tree(out);
  const differences = treeDifferences(fresh, current);
  const where = path.relative(root, out) || ".";

  if (check) {
    if (differences.length === 0) {
      console.log(`${where}/ is up to date (${fresh.size} files)`);
    } else {
      console.error(`${where}/ is out of date; run \`npm run generated\` and commit the result:`);
      for (const line of differences) console.error(`  ${line}`);
      printReport(current, fresh, console.error);
      process.exit(1);
    }
  } else {
    // Only our files go: a removed stack's folder keeps Terraform's (its lock file, local state).
    for (const file of current.keys()) fs.rmSync(path.join(out, file), { force: true });
    removeEmptyFolders(path.join(out, "stacks"));
    for (const [file, text] of fresh) {
      fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      fs.writeFileSync(path.join(out, file), text);
    }
    console.log(`${where}/: ${fresh.size} files, ${differences.length} changed`);
    for (const line of differences) console.log(`  ${line}`);
    printReport(current, fresh, console.log);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
