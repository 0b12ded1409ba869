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
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./app-synth";
import { appVariables, hashTree, rememberedDir, todayUtc } from "./shared-synth";
import { recall, remember } from "./tools/cache-files";

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
    .update(JSON.stringify([kind, input, harnessHash(), appVariables(), today]))
    .digest("hex")
    .slice(0, 32);
  return path.join(remembered, "in-process", `${key}.json`);
}

/**
 * `compute()` (a JSON value the app's code computes from `input`), remembered under
 * rememberedResultOf(kind, input); a throw is not remembered, and without a folder (Stryker, the
 * cache off) it computes every time.
 */
export function remembered<T>(kind: string, input: unknown, compute: () => T): T {
  const file = rememberedResultOf(kind, input);
  const known = file && recall(file);
  if (known) return JSON.parse(known) as T;
  const result = compute();
  if (file) remember(file, JSON.stringify(result));
  return result;
}

const HARNESS = path.join(PROJECT_ROOT, "__tests__");
let harness: string | undefined;
/**
 * One hash of the tests' own helpers (every file under __tests__/ but the test files and
 * snapshots): what the remembered code runs through besides the app (fixtures, the fuzz runner),
 * which the app's inputs leave out. Computed once per process for the project's own folder.
 */
export function harnessHash(root = HARNESS): string {
  if (root === HARNESS && harness !== undefined) return harness;
  const skipped = new Set(["__snapshots__"]);
  const keepFile = (name: string) => !name.endsWith(".test.ts");
  const digest = hashTree(crypto.createHash("sha256"), root, skipped, keepFile).digest("hex");
  if (root === HARNESS) harness = digest;
  return digest;
}

const testFileTexts = new Map<string, string>();
let calls = { test: "", count: 0 };

/**
 * `compute()` (a JSON value the app's code computes inside a test), remembered across jest runs
 * like rememberedResultOf, keyed by the calling test file's text, the test's full name and the
 * call's place among the test's calls: what a test computes is written in its file. A throw is not
 * remembered. Outside a test (no name), or when nothing is remembered, it computes every time.
 */
export function rememberedInTest<T>(
  compute: () => T,
  state: { testPath?: string; currentTestName?: string } = expect.getState(),
): T {
  const { testPath, currentTestName } = state;
  if (!testPath || !currentTestName) return compute();
  const test = `${testPath}\0${currentTestName}`;
  if (calls.test !== test) calls = { test, count: 0 };
  const call = calls.count++;
  let text = testFileTexts.get(testPath);
  if (text === undefined) {
    text = fs.readFileSync(testPath, "utf8");
    testFileTexts.set(testPath, text);
  }
  const input = [path.relative(PROJECT_ROOT, testPath), text, currentTestName, call];
  return remembered("in test", input, compute);
}
