// The jest configuration of the mutation run (stryker.config.json), not of `npm test`.
// It runs the in-process suites only: __tests__/{config,constructs,stacks,policy,charts}/ and the
// fast top-level ones (index, readme-example, library-example). Left out, because each of their
// tests spawns terraform, helm or node and costs seconds per mutant: examples*, helm-render*,
// main*, terraform-validate, docs, test-infrastructure, __tests__/{commands,output,dev,upstream}/,
// __tests__/boot/ but the three files below, and
// stacks/backend-terraform. The score is therefore conservative: a mutant that only those
// suites would kill counts as survived. See docs/contributing.md, "Mutation testing".
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: [
    "<rootDir>/__tests__/{config,constructs,stacks,policy,charts}/**/*.test.ts",
    "<rootDir>/__tests__/{index,readme-example,library-example}.test.ts",
    // The boot path's in-process tests (their scripts are in stryker.config.json's `mutate`).
    "<rootDir>/__tests__/boot/{boot-caches,creation-stacks,binary-versions}.test.ts",
  ],
  // Stop at the first failing file while a mutant is active, fastest files first (see each file).
  runner: "<rootDir>/dev/mutation-bail-runner.js",
  testSequencer: "<rootDir>/dev/mutation-sequencer.js",
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    "<rootDir>/__tests__/stacks/backend-terraform.test.ts",
  ],
};
