// jest's test order for the mutation run (jest.mutation.config.js), made for
// dev/mutation-bail-runner.js, which stops at the first failing file: the file that failed in
// the previous run first (it killed the previous mutant, often a neighbour of this one), then the
// test file named after the mutated file, then its folder's, then the fastest first. jest's
// default runs the slowest first, to keep workers busy: the wrong order when stopping early.
const path = require("path");
const Sequencer = require("@jest/test-sequencer").default;

class MutationSequencer extends Sequencer {
  constructor(options) {
    super(options);
    // Stryker runs jest with --findRelatedTests <the mutated file>.
    this.mutated = (options?.globalConfig?.nonFlagArgs ?? []).map((file) => ({
      base: path.basename(file, ".ts"),
      folder: path.basename(path.dirname(file)),
    }));
  }

  sort(tests) {
    const known = (test) => this._getCache(test)[test.path] ?? [];
    const rank = (test) => {
      if (known(test)[0] === 0) return 0; // failed last time
      const base = path.basename(test.path, ".test.ts");
      const folder = path.basename(path.dirname(test.path));
      if (this.mutated.some((m) => m.base === base && m.folder === folder)) return 1;
      if (this.mutated.some((m) => m.folder === folder)) return 2;
      return 3;
    };
    const time = (test) => known(test)[1] ?? Number.MAX_SAFE_INTEGER;
    return [...tests].sort((a, b) => rank(a) - rank(b) || time(a) - time(b));
  }
}

module.exports = MutationSequencer;
