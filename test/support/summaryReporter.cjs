// Mocha reporter: the spec reporter's output, plus one "passed failed skipped" line appended to $TEST_SUMMARY_FILE so that
// scripts/test-all.sh can end the whole run with a single "N passed, N failed" line. A hook that takes more than
// SLOW_HOOK_MS is named with its duration: set-up and clean-up (starting a guest, waiting for a VM process to end)
// are much of a suite's time, and the spec reporter shows only the tests'.
const fs = require('node:fs');
const Mocha = require('mocha');

const SLOW_HOOK_MS = 10_000;

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        const started = new Map();
        runner.on(Mocha.Runner.constants.EVENT_HOOK_BEGIN, (hook) => started.set(hook, Date.now()));
        runner.on(Mocha.Runner.constants.EVENT_HOOK_END, (hook) => {
            const ms = Date.now() - (started.get(hook) ?? Date.now());
            started.delete(hook);
            if (ms > SLOW_HOOK_MS) console.log(`      (${hook.title.replace(/^"(.*)" hook(?: for "[^"]*")?.*$/, '$1')} of "${hook.parent?.title || 'the run'}": ${(ms / 1000).toFixed(0)} s)`);
        });
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const file = process.env.TEST_SUMMARY_FILE;
            if (file) fs.appendFileSync(file, `${this.stats.passes} ${this.stats.failures} ${this.stats.pending}\n`);
        });
    }
}

module.exports = SummaryReporter;
