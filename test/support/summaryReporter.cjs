// Mocha reporter: the spec reporter's output, plus one "passed failed skipped" line appended to $TEST_SUMMARY_FILE so that
// scripts/test-all.sh can end the whole run with a single "N passed, N failed" line.
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const file = process.env.TEST_SUMMARY_FILE;
            if (file) fs.appendFileSync(file, `${this.stats.passes} ${this.stats.failures} ${this.stats.pending}\n`);
        });
    }
}

module.exports = SummaryReporter;
