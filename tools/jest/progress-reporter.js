// jest's per-file output (each file's result, and every failure in full) without its closing
// block: the run's one summary line is summary-line-reporter.js's.
const { DefaultReporter } = require('@jest/reporters');

module.exports = DefaultReporter;
