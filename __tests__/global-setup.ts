import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TEST_CACHE_ENV } from "./shared-synth";

/** A fresh cache folder for this jest run, shared by the workers (see shared-synth.ts). */
export default function globalSetup(): void {
  process.env[TEST_CACHE_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), "gke-istio-jest-"));
}
