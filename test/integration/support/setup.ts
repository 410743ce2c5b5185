import { mkdirSync } from 'node:fs';
import { VBoxManageRunner } from '../../../src/vbox/runner';
import { command } from '../../../src/vbox/command';
import { findVirtualBox } from './findVirtualBox';
import { testEnv } from './testEnv';
import { recordingLogger } from './recordingLogger';
import { coverageReport } from './coverage';

/**
 * Finds VirtualBox once for the whole integration run (a root-level hook: this file is loaded before the specs, by
 * the same loader, so they share one testEnv). Without a VirtualBox the suites are skipped with a visible line,
 * except in CI, where a missing VirtualBox is a failure.
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
    // Every VBoxManage this process starts, and the settings-file reader, use the same VirtualBox home.
    if (found.userHome) process.env.VBOX_USER_HOME ??= found.userHome;
    const runner = new VBoxManageRunner({ executable: found.executable, logger: recordingLogger, defaultTimeoutMs: 120_000 });
    const version = await runner.run(command(['--version'], (o) => o.stdout.trim()));
    console.log(`VirtualBox ${version} via ${found.source}: ${found.executable}`);
    testEnv.init(found, runner, version);
});

after(function () {
    console.log(coverageReport());
});
