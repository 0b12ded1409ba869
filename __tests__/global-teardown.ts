import * as fs from "fs";
import { TEST_CACHE_ENV } from "./shared-synth";

export default function globalTeardown(): void {
  const dir = process.env[TEST_CACHE_ENV];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
