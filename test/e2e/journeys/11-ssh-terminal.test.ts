/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RunningGuest } from '../../support/realGuest';
import { screenshot, session } from '../support/session';
import { eventually, uniqueName } from '../support/vboxManage';

describe('(e2e) journey 11: a shell in the real guest with Open SSH Terminal', function () {
    const name = uniqueName('shell');
    let guest: RunningGuest | undefined;
    let originalSettings = '';

    before(async function () {
        this.timeout(300_000);
        const { vbox, machineSettingsFile, workDir } = session();
        // The testbed's real Linux guest, running, with a NAT forward to its port 22.
        guest = await session().vbox.startRealGuest(name);
        // The ssh the extension runs (virtualbox.sshPath): the system client with the guest's test key and its host key
        // pinned, so that nothing is asked and nothing of this machine's own ~/.ssh is read or written.
        const wrapper = path.join(workDir, 'ssh-with-test-key');
        writeFileSync(
            wrapper,
            `#!/bin/sh\nexec ssh -F none -i '${guest.files.keyFile}' -o IdentitiesOnly=yes -o UserKnownHostsFile='${guest.knownHostsFile}' -o StrictHostKeyChecking=yes "$@"\n`,
            { mode: 0o700 },
        );
        originalSettings = readFileSync(machineSettingsFile, 'utf8');
        writeFileSync(machineSettingsFile, JSON.stringify({ ...JSON.parse(originalSettings), 'virtualbox.sshPath': wrapper }, null, 4));
        assert.ok((await vbox.vmInfo(name)).get('Forwarding(0)')?.endsWith(`,${guest.sshPort},,22`), 'the guest has its forward');
    });

    after(async function () {
        const { workbench, machineSettingsFile } = session();
        await workbench.runCommand('Terminal: Kill All Terminals').catch(() => undefined);
        if (originalSettings) writeFileSync(machineSettingsFile, originalSettings);
        await guest?.dispose();
        await session().vbox.removeVm(name);
    });

    it('opens a terminal logged in to the guest as the user typed; a command typed there runs in the guest', async function () {
        this.timeout(300_000);
        const { workbench } = session();
        assert.ok(guest);
        const user = guest.files.credentials.user.user;
        await workbench.inlineAction(await workbench.row('Machines', [name], { description: /^Running/ }), 'Open SSH Terminal');
        await workbench.waitForQuickInput(`SSH into "${name}"`);
        await workbench.enterText(user);

        // The terminal's text (the DOM renderer: the workbench runs with GPU acceleration off).
        const rows = workbench.page.locator('.terminal-wrapper.active .xterm-rows');
        const text = async () => (await rows.innerText()).replace(/\u00a0/g, ' ');
        // The guest's shell prompt: its command line ends with "$ " (an unprivileged user).
        await eventually(async () => assert.match(await text(), /\$ *$/m), { timeoutMs: 120_000, intervalMs: 500 });
        await screenshot('journey11-ssh-terminal-prompt');

        await workbench.runCommand('Terminal: Focus Terminal');
        const mark = `e2e-${process.pid}`;
        await workbench.page.keyboard.type(`echo ${mark}-$((6*7)) | tee /tmp/journey11; id -un\n`);
        await eventually(async () => assert.match(await text(), new RegExp(`^${mark}-42\\s*\\n${user}\\s*$`, 'm')), { timeoutMs: 60_000, intervalMs: 500 });
        await screenshot('journey11-ssh-terminal-output');

        // Read back through another way in: the file the command wrote, over the test's own SSH connection.
        assert.equal((await guest.ssh('cat /tmp/journey11')).trim(), `${mark}-42`);
    });
});
