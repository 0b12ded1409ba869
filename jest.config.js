/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // jest leaves one core idle by default; on 2-core CI machines that means one worker.
  maxWorkers: "100%",
  // A worker's heap grows with every test file's module registry (each loads cdktf and the
  // provider bindings again); one past 250 MB after a file is replaced by a fresh one. The
  // largest process of \`npm test\` went from 600 MB to 514 MB, for no measurable time.
  workerIdleMemoryLimit: "250MB",
  roots: ["<rootDir>"],
  testMatch: ["**/__tests__/**/*.test.ts"],
  // Type checking is `tsc --noEmit`'s job in `npm test`; jest only transpiles, with swc: no
  // TypeScript compiler is loaded in the workers (tsconfig has isolatedModules, so per-file
  // transpiling is exact). See docs/speed.md.
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        swcrc: false,
        jsc: { target: "es2022", parser: { syntax: "typescript" } },
        module: { type: "commonjs" },
      },
    ],
  },
  // V8's code cache shared by the test files of a worker: each source is parsed once per worker,
  // not once per test file (see the file).
  runtime: "<rootDir>/__tests__/code-cache-runtime.js",
  // Before each test file: cheap formatting of the stack traces cdktf records (see the file).
  setupFiles: ["<rootDir>/__tests__/fast-stack-traces.ts"],
  // Loaded on first use instead of with cdktf (archiver, semver) and zod (its locales), in every
  // test file; cdktf's binary version check patched when cdktf loads it (see the files).
  moduleNameMapper: {
    "^archiver$": "<rootDir>/__tests__/lazy-archiver.ts",
    "^semver$": "<rootDir>/__tests__/lazy-semver.ts",
    "validate-binary-version$": "<rootDir>/__tests__/binary-versions-on-load.ts",
    "^\\.\\./locales/index\\.cjs$": "<rootDir>/__tests__/lazy-zod-locales.ts",
  },
  // A cache folder per run for synthFileOnce (__tests__/shared-synth.ts).
  globalSetup: "<rootDir>/__tests__/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testPathIgnorePatterns: [
    "/node_modules/",
    "/cdktf.out/",
    "/generated/",
    "<rootDir>/.stryker-tmp/",
  ],
  modulePathIgnorePatterns: ["<rootDir>/cdktf.out/", "<rootDir>/.stryker-tmp/", "<rootDir>/dist/"],
  snapshotFormat: { printBasicPrototype: false },
  // The engine's version in stack metadata, as the default engine wrote it (see the file).
  snapshotSerializers: ["<rootDir>/__tests__/engine-version-serializer.ts"],
};
