import { mkdirSync } from 'node:fs';
import { command } from '../../../src/vbox/command';
import { VBoxManageRunner } from '../../../src/vbox/runner';
import { findVirtualBox } from './findVirtualBox';
import { recordingLogger } from './recordingLogger';
import { testEnv } from './testEnv';

/**
 * Finds VirtualBox once for a whole run and initialises testEnv; for a root-level `before` hook. Without a
 * VirtualBox the run is skipped with a visible line, except in CI, where a missing VirtualBox is a failure.
 */
export async function connectVirtualBox(hook: Mocha.Context): Promise<void> {
    // `testbed.sh up` waits while another `up` boots the real guest (CI starts that boot before the suites).
    hook.timeout(1_900_000);
    const found = findVirtualBox();
    if (!found) {
        if (process.env.CI === 'true') throw new Error('No VirtualBox available in CI: the testbed should have been built by .ci/run');
        console.log('SKIPPED: no VirtualBox available');
        hook.skip();
    }
    mkdirSync(found.dataDir, { recursive: true });
    // Every VBoxManage this process starts, and the settings-file reader, use the same VirtualBox home.
    if (found.userHome) process.env.VBOX_USER_HOME ??= found.userHome;
    const runner = new VBoxManageRunner({ executable: found.executable, logger: recordingLogger, defaultTimeoutMs: 120_000 });
    const version = await runner.run(command(['--version'], (o) => o.stdout.trim()));
    console.log(`VirtualBox ${version} via ${found.source}: ${found.executable}`);
    testEnv.init(found, runner, version);
}
