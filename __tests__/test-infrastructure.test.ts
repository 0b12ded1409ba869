import { Lazy, Tokenization } from "cdktf";

// The jest speed-ups (__tests__/fast-stack-traces.ts, __tests__/lazy-archiver.ts) change nothing
// a test can see but timing, and cdktf's creation stacks (boot/creation-stacks.js).
describe("the speed-ups of the jest setup", () => {
  test("an error thrown in a test keeps its source-mapped stack", () => {
    const error = new Error("planted");
    const frame = error.stack!.split("\n")[1];
    expect(frame).toMatch(/__tests__\/test-infrastructure\.test\.ts:7:\d+\)$/);
  });

  test("with GKE_ISTIO_CREATION_STACKS=full, cdktf records where a token was created, cut to its first frames", () => {
    // The jest setup installed the skip; the test restores cdktf's own capture for this token.
    const skipping = Error.captureStackTrace;
    Error.captureStackTrace = (skipping as unknown as { original: typeof skipping }).original;
    try {
      const token = Lazy.stringValue({ produce: () => "x" });
      const [{ creationStack }] = Tokenization.reverse(token);
      expect(creationStack.length).toBeGreaterThan(1);
      expect(creationStack.length).toBeLessThanOrEqual(13);
      expect(creationStack.some((line) => line.includes("test-infrastructure.test"))).toBe(true);
    } finally {
      Error.captureStackTrace = skipping;
    }
  });

  // cdktf 0.21 requires archiver; CDK Terrain (`npm run engine -- cdktn`) zips with fflate instead.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engine = require("cdktf/package.json") as { name: string; dependencies?: object };
  const usesArchiver = "archiver" in (engine.dependencies ?? {});
  (usesArchiver ? test : test.skip)(
    `archiver, mapped to a lazy loader, loads on first use and works${usesArchiver ? "" : ` (skipped: the engine, ${engine.name}, does not use archiver)`}`,
    () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const archiver = require("archiver") as (format: string) => Record<string, unknown>;
      const archive = archiver("zip");
      expect(typeof archive.pipe).toBe("function");
      expect(typeof archive.finalize).toBe("function");
    },
  );
});
