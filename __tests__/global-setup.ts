import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decideAppInputsForRun, TEST_CACHE_ENV } from "./shared-synth";
import { decideTerraformValidatorForRun } from "./terraform-validate";

/**
 * A fresh cache folder for this jest run, shared by the workers (see shared-synth.ts) and holding
 * their temporary folders; the terraform validator decided once for all test files (see
 * terraform-validate.ts); and the hash of the app's inputs that keys its runs remembered across
 * jest runs (see shared-synth.ts).
 */
export default function globalSetup(): void {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-jest-"));
  process.env[TEST_CACHE_ENV] = run;
  // The workers' and their children's temporary folders (cdktf's Testing.app() makes one per app,
  // some 2,000 a run, and removes none) go inside the run's folder, which the teardown removes.
  // The offline validator keeps its own installed dependencies and provider schemas in the system's
  // temporary folder (../shared/tfvalidate): they stay there, across runs, as before.
  process.env.TFVALIDATE_HOME ??= path.join(os.tmpdir(), "tfvalidate");
  fs.mkdirSync(path.join(run, "tmp"));
  process.env.TMPDIR = path.join(run, "tmp");
  decideTerraformValidatorForRun();
  decideAppInputsForRun();
}
