import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decideAppInputsForRun, TEST_CACHE_ENV } from "./shared-synth";
import { decideTerraformValidatorForRun } from "./terraform-validate";

/**
 * A fresh cache folder for this jest run, shared by the workers (see shared-synth.ts), and the
 * terraform validator decided once for all test files (see terraform-validate.ts), and the hash of
 * the app's inputs that keys its runs remembered across jest runs (see shared-synth.ts).
 */
export default function globalSetup(): void {
  process.env[TEST_CACHE_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-jest-"));
  decideTerraformValidatorForRun();
  decideAppInputsForRun();
}
