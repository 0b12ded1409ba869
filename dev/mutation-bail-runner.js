// jest's runner for the mutation run (jest.mutation.config.js): stops at the first test file
// that fails while Stryker has a mutant active. A killed mutant needs one failing test, and
// jest's own `bail` exits the process under Stryker. Static mutants (hit while a module or a
// describe body loads) run every related test file, so without this each costs a full run.
const TestRunner = require("jest-runner").default;

const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";

class MutationBailRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (!options.serial || process.env[ACTIVE_MUTANT] === undefined)
      return super.runTests(tests, watcher, options);
    let failed = false;
    const offSuccess = this.on("test-file-success", ([, result]) => {
      if (result.numFailingTests > 0 || result.testExecError) failed = true;
    });
    const offFailure = this.on("test-file-failure", () => {
      failed = true;
    });
    try {
      for (const test of tests) {
        if (failed || watcher.isInterrupted()) break;
        await super.runTests([test], watcher, options);
      }
    } finally {
      offSuccess();
      offFailure();
    }
  }
}

module.exports = MutationBailRunner;
