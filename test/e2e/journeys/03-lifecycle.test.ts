import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { screenshot, session } from '../support/session';
import { uniqueName } from '../support/vboxManage';
import { STATE_WORDS } from '../support/vmStates';

describe('(e2e) journey 3: start, pause, resume, save state, start again, stop', function () {
    const name = uniqueName('lifecycle');

    before(async function () {
        await session().vbox.createVm(name);
    });

    after(async function () {
        await session().vbox.removeVm(name);
    });

    /**
     * Waits until VirtualBox reports `state` and the VM's row says so with the matching icon; returns the row. The
     * generous bounds are for the testbed's emulated VMs on a busy machine, not for the extension.
     */
    async function reaches(state: string, icon: string): Promise<Locator> {
        const { workbench, vbox } = session();
        await vbox.waitForVmState(name, state);
        const row = await workbench.row('Machines', [name], { description: new RegExp(`^${STATE_WORDS[state]} ·`), timeoutMs: 60_000 });
        assert.equal(await workbench.rowIcon(row), icon, `the ${state} icon`);
        return row;
    }

    it('each step from the tree changes the VM in VirtualBox, and the tree follows', async function () {
        this.timeout(600_000);
        const { workbench } = session();

        let row = await workbench.row('Machines', [name], { description: /^Powered Off ·/ });
        await workbench.inlineAction(row, 'Start');
        row = await reaches('running', 'vm-running');
        await workbench.contextMenu(row, 'Pause', () => screenshot('journey-03-running-menu', { docsImage: 'journey-03-lifecycle-menu.png' }));
        row = await reaches('paused', 'debug-pause');
        await workbench.contextMenu(row, 'Resume');
        row = await reaches('running', 'vm-running');
        await workbench.contextMenu(row, 'Save State');
        row = await reaches('saved', 'vm');

        // From a saved state, Start restores the VM.
        await workbench.inlineAction(row, 'Start');
        row = await reaches('running', 'vm-running');

        // Stop presses the ACPI power button; the testbed's guest has no OS to hear it, so Power Off is offered.
        await workbench.inlineAction(row, 'Stop');
        const offer = await workbench.waitForNotification(/did not shut down within 3 s of the ACPI power button/, 90_000);
        assert.equal((await session().vbox.vmState(name)), 'running', 'the graceful stop left the VM running');
        await screenshot('journey-03-power-off-offered');
        await workbench.notificationButton(offer, 'Power Off');
        await reaches('poweroff', 'vm-outline');
    });
});
