// Ends every run with exactly one plain line, the whole run across tiers, that anyone (and any
// CI) reads without knowing jest:   tests: 270 passed, 0 failed, 2 skipped
// A file that fails outside any test (a hook, an import) counts as one failure, so a run never
// looks green while a file did not run.
class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const brokenFiles = results.testResults.filter(
      (file) => file.testExecError || (file.failureMessage && file.numFailingTests === 0),
    ).length;
    const failed = results.numFailedTests + brokenFiles;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}

module.exports = SummaryLineReporter;
