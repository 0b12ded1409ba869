/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // jest leaves one core idle by default; on 2-core CI machines that means one worker.
  maxWorkers: "100%",
  roots: ["<rootDir>"],
  testMatch: ["**/__tests__/**/*.test.ts"],
  // Type checking is `tsc --noEmit`'s job in `npm test`; jest only transpiles.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testPathIgnorePatterns: [
    "/node_modules/",
    "/cdktf.out/",
    "/generated/",
    "<rootDir>/.stryker-tmp/",
  ],
  modulePathIgnorePatterns: ["<rootDir>/cdktf.out/", "<rootDir>/.stryker-tmp/"],
  snapshotFormat: { printBasicPrototype: false },
};
