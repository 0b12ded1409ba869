// jest's test order for the mutation run (jest.mutation.config.js), made for
// scripts/mutation-bail-runner.js: the files that failed in the previous run first (they killed
// the previous mutant, often a neighbour of this one), then the fastest first. jest's default
// runs the slowest first, to keep workers busy, which is the wrong order when stopping early.
const Sequencer = require("@jest/test-sequencer").default;

class MutationSequencer extends Sequencer {
  sort(tests) {
    const known = (test) => this._getCache(test)[test.path] ?? [];
    const failed = (test) => (known(test)[0] === 0 ? 0 : 1);
    const time = (test) => known(test)[1] ?? Number.MAX_SAFE_INTEGER;
    return [...tests].sort((a, b) => failed(a) - failed(b) || time(a) - time(b));
  }
}

module.exports = MutationSequencer;
