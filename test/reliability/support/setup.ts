import { connectVirtualBox } from '../../integration/support/connect';
import { runCleanups } from './sharedVms';
import { observed, summaryTable } from './tally';

/**
 * Root hooks of the reliability suite (loaded before the specs, like the integration suite's): find VirtualBox once,
 * and at the end print the summary table from what the tests observed. A full run (no --grep) also fails here when
 * the figures fall short of the goal: at least 100 bad inputs, every one rejected with a clear typed error, every
 * fault survived, every data-loss check passed.
 */
before(async function () {
    await connectVirtualBox(this);
});

const MIN_BAD_INPUTS = 100;

after(async function () {
    this.timeout(120_000);
    await runCleanups();
    console.log(`\n${summaryTable()}\n`);
    const filtered = process.argv.some((arg) => /^(--grep|-g|--fgrep|-f)(=|$)/.test(arg));
    if (filtered || observed.inputs.length === 0) return;
    const shortfalls = [
        observed.inputs.length < MIN_BAD_INPUTS ? `only ${observed.inputs.length} bad inputs tried (goal: ${MIN_BAD_INPUTS})` : '',
        observed.inputs.some((input) => input.outcome !== 'clear') ? 'not every bad input got a clear typed error' : '',
        observed.faults.some((entry) => !entry.passed) ? 'a fault was not survived' : '',
        observed.dataLoss.some((entry) => !entry.passed) ? 'a data-loss check failed' : '',
    ].filter(Boolean);
    if (shortfalls.length) throw new Error(`reliability goal not met: ${shortfalls.join('; ')}`);
});
