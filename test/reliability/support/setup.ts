import { mkdirSync } from 'node:fs';
import { command } from '../../../src/vbox/command';
import { VBoxManageRunner } from '../../../src/vbox/runner';
import { findVirtualBox } from '../../integration/support/findVirtualBox';
import { recordingLogger } from '../../integration/support/recordingLogger';
import { testEnv } from '../../integration/support/testEnv';
import { runCleanups } from './sharedVms';
import { observed, summaryTable } from './tally';

/**
 * Root hooks of the reliability suite (loaded before the specs, like the integration suite's): find VirtualBox once,
 * and at the end print the summary table from what the tests observed. A full run (no --grep) also fails here when
 * the figures fall short of the goal: at least 100 bad inputs, every one rejected with a clear typed error, every
 * fault survived, every data-loss check passed.
 */
before(async function () {
    this.timeout(300_000);
    const found = findVirtualBox();
    if (!found) {
        if (process.env.CI === 'true') throw new Error('No VirtualBox available in CI: the testbed should have been built by .ci/run');
        console.log('SKIPPED: no VirtualBox available');
        this.skip();
    }
    mkdirSync(found.dataDir, { recursive: true });
    if (found.userHome) process.env.VBOX_USER_HOME ??= found.userHome;
    const runner = new VBoxManageRunner({ executable: found.executable, logger: recordingLogger, defaultTimeoutMs: 120_000 });
    const version = await runner.run(command(['--version'], (o) => o.stdout.trim()));
    console.log(`VirtualBox ${version} via ${found.source}: ${found.executable}`);
    testEnv.init(found, runner, version);
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
        observed.faults.some((entry) => !entry.survived) ? 'a fault was not survived' : '',
        observed.dataLoss.some((entry) => !entry.passed) ? 'a data-loss check failed' : '',
    ].filter(Boolean);
    if (shortfalls.length) throw new Error(`reliability goal not met: ${shortfalls.join('; ')}`);
});
