// Type-only: declares cdktf's jest matchers (toHaveResourceWithProperties...) for tsc.
import type {} from "cdktf/lib/testing/adapters/jest";

// cdktf's jest matchers (Testing.setupJest), loaded on a test file's first use of one: loading
// cdktf in every test file (about 25 ms each, 130 files) was the largest part of jest's setup, and
// most files never use them. setupJest's own matchers are taken as they are: it is called with an
// `expect` whose `extend` keeps them, then the real `expect` is put back before any of them runs
// (they read the global one when they run).
type Matcher = (this: jest.MatcherContext, ...args: unknown[]) => jest.CustomMatcherResult;
export const CDKTF_MATCHERS = [
  "toHaveResource",
  "toHaveResourceWithProperties",
  "toHaveDataSource",
  "toHaveDataSourceWithProperties",
  "toHaveProvider",
  "toHaveProviderWithProperties",
  "toBeValidTerraform",
  "toPlanSuccessfully",
] as const;

let cdktfMatchers: Record<string, Matcher> | undefined;
function loadCdktfMatchers(): Record<string, Matcher> {
  if (cdktfMatchers) return cdktfMatchers;
  const scope = globalThis as unknown as { expect: unknown };
  const real = scope.expect;
  scope.expect = { extend: (matchers: Record<string, Matcher>) => (cdktfMatchers = matchers) };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("cdktf/lib/testing/adapters/jest") as { setupJest(): void }).setupJest();
  } finally {
    scope.expect = real;
  }
  return cdktfMatchers!;
}

expect.extend(
  Object.fromEntries(
    CDKTF_MATCHERS.map((name) => [
      name,
      function (this: jest.MatcherContext, ...args: unknown[]) {
        return loadCdktfMatchers()[name].apply(this, args);
      },
    ]),
  ),
);
