import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./app-synth";
import { stacksOf, synthFilesOnceSync } from "./shared-synth";
import { applyWithMockProviders, mockTool, testWithMockProviders } from "./terraform-apply";

// The default file, named here: importing config/load would load the whole schema for one string.
const DEFAULT_CONFIG_FILE = "config/environments.yaml";

// Every stack of the default file and of every example plans and applies with real Terraform
// against mock providers (`terraform test`): every expression, count, for_each, condition and
// check block evaluated, which `terraform validate` does not do. Remembered by content, so a warm
// run only synthesizes (shared with the other test files) and reads the cache.
const yamlIn = (dir: string) =>
  fs
    .readdirSync(path.join(PROJECT_ROOT, dir))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => `${dir}/${f}`);
const FILES = [DEFAULT_CONFIG_FILE, ...yamlIn("examples"), ...yamlIn("examples/upgrade")];

// Synthesized only where the tool can run (the tests are named after the stacks).
const runs = "skipped" in mockTool() ? new Map() : synthFilesOnceSync(FILES);

test("the default file, the examples and the upgrade walkthrough are all here", () => {
  expect(FILES).toEqual(
    expect.arrayContaining([DEFAULT_CONFIG_FILE, "examples/upgrade/0-start.yaml"]),
  );
  expect(FILES.length).toBeGreaterThanOrEqual(7);
});

describe.each(FILES)("%s", (file) => {
  const run = runs.get(file);
  const stacks = run ? stacksOf(run) : {};
  if (run) {
    test("synthesizes, with stacks", () => {
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
      expect(Object.keys(stacks).length).toBeGreaterThanOrEqual(2);
    });
  }
  for (const [name, stack] of Object.entries(stacks)) {
    testWithMockProviders(`${name} plans and applies`, () => {
      const applied = applyWithMockProviders(stack);
      // A teardown stopped by prevent_destroy still counts as applied (destroyBlockedBy).
      expect({ name, ok: applied.ok, output: applied.output }).toEqual({
        name,
        ok: true,
        output: undefined,
      });
    });
  }
  if (!run) testWithMockProviders(`stacks of ${file} plan and apply`, () => undefined);
});
