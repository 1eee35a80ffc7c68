// Runs unit files first, then integration, then end-to-end (each tier in path order): a broken
// unit test is reported in seconds, before the stack-level tiers spend minutes.
const Sequencer = require('@jest/test-sequencer').default;

const tierOf = (path) =>
  path.endsWith('.e2e-spec.ts') ? 2 : path.endsWith('.int-spec.ts') ? 1 : 0;

class TierSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort(
      (a, b) => tierOf(a.path) - tierOf(b.path) || a.path.localeCompare(b.path),
    );
  }
}

module.exports = TierSequencer;
