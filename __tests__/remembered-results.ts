// Results the app's code computes inside the test process (a synthesis of parsed environments),
// remembered across jest runs by content like the app's runs (shared-synth.ts):
//
//   const file = rememberedResultOf("synthEnvironments", envs);
//   const known = file && recall(file); // tools/cache-files.ts
//   if (known) return JSON.parse(known);
//   ... compute, then: if (file) remember(file, JSON.stringify(result));
//
// Remember only what succeeded, so a failure is computed, and fails, every time.
import * as crypto from "crypto";
import * as path from "path";
import { appVariables, rememberedDir, todayUtc } from "./shared-synth";

/**
 * True under Stryker: its mutants are switched on in the test process (the `__stryker__` global)
 * without any file changing, so no in-process result may be remembered.
 */
export function underMutation(scope: object = globalThis, env = process.env): boolean {
  return (
    "__stryker__" in scope ||
    "__strykerGlobalNamespace__" in scope ||
    Object.keys(env).some((name) => name.startsWith("__STRYKER"))
  );
}

/**
 * Where a result the app's code computed inside the test process (`kind`, for `input`: a
 * synthesis of parsed environments) is remembered across jest runs, keyed like the app's runs
 * (the run's appInputsHash, the app's variables, the date); undefined when nothing is remembered
 * (GKE_ISTIO_SYNTH_CACHE=off, no global setup) and under Stryker.
 */
export function rememberedResultOf(
  kind: string,
  input: unknown,
  today = todayUtc(),
): string | undefined {
  const remembered = rememberedDir();
  if (!remembered || underMutation()) return undefined;
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([kind, input, appVariables(), today]))
    .digest("hex")
    .slice(0, 32);
  return path.join(remembered, "in-process", `${key}.json`);
}
