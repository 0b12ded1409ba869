// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mutatedBy } = require("../../dev/mutation-changed") as {
  mutatedBy(globs: string[]): (file: string) => boolean;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stryker = require("../../stryker.config.json") as { mutate: string[] };

describe("dev/mutation-changed.js: which changed files Stryker mutates", () => {
  const mutated = mutatedBy(stryker.mutate);

  test.each([
    ["config/load.ts", true],
    ["stacks/mesh/member.ts", true],
    ["boot/binary-versions.js", true],
    ["boot/transpile-cache.js", true],
    ["boot/register-ts.js", false], // loads the others; left out (docs/contributing.md)
    ["config/environments.schema.json", false],
    ["commands/synth.ts", false],
    ["configs/load.ts", false],
  ])("%s: %s", (file, expected) => expect(mutated(file)).toBe(expected));

  test("a glob it cannot read is an error, not a silent miss", () => {
    expect(() => mutatedBy(["lib/*.ts"])).toThrow(
      "mutation:changed: cannot read the mutate glob lib/*.ts",
    );
  });
});
