import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decideAppInputsForRun, TEST_CACHE_ENV } from "./shared-synth";
import { decideTerraformValidatorForRun } from "./terraform-validate";

/** Free space a RAM-backed folder needs before a run's scratch files go there. */
const RAM_FOLDER_MIN_BYTES = 2 * 1024 ** 3;

/**
 * Where the run's folder goes: GKE_ISTIO_TEST_TMP when set; else /dev/shm when it is a writable
 * RAM-backed folder with 2 GiB free (Docker's default of 64 MB is not); else the system's temporary
 * folder. The tests copy the project, write every synthesized folder and remove them again, some
 * thousands of small files a run: on this machine's disk a project copy took 290 ms, in /dev/shm
 * 28 ms.
 */
export function scratchBase(
  env: NodeJS.ProcessEnv = process.env,
  ram = "/dev/shm",
  minFree = RAM_FOLDER_MIN_BYTES,
): string {
  if (env.GKE_ISTIO_TEST_TMP) return env.GKE_ISTIO_TEST_TMP;
  try {
    fs.accessSync(ram, fs.constants.W_OK);
    const free = fs.statfsSync(ram);
    if (free.bavail * free.bsize >= minFree) return ram;
  } catch {
    // no such folder (macOS, Windows) or not writable
  }
  return os.tmpdir();
}

/**
 * A fresh cache folder for this jest run, shared by the workers (see shared-synth.ts) and holding
 * their temporary folders; the terraform validator decided once for all test files (see
 * terraform-validate.ts); and the hash of the app's inputs that keys its runs remembered across
 * jest runs (see shared-synth.ts).
 */
export default function globalSetup(): void {
  const run = fs.mkdtempSync(path.join(scratchBase(), "gke-istio-jest-"));
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
