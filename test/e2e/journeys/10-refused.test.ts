import assert from 'node:assert/strict';
import * as path from 'node:path';
import { screenshot, session } from '../support/session';
import { uniqueName } from '../support/vboxManage';

describe('(e2e) journey 10: an operation VirtualBox refuses ends in a clear notification with Show Log', function () {
    const name = uniqueName('refused');
    let disk = '';

    before(async function () {
        this.timeout(180_000);
        const { vbox } = session();
        await vbox.createVm(name);
        disk = path.join(path.dirname((await vbox.vmInfo(name)).get('CfgFile') ?? ''), `${name}.vdi`);
        await vbox.run('storagectl', name, '--name', 'SATA', '--add', 'sata', '--portcount', '1');
        await vbox.run('createmedium', 'disk', '--filename', disk, '--size', '1024', '--format', 'VDI');
        await vbox.run('storageattach', name, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', disk);
        await vbox.run('startvm', name, '--type', 'headless');
    });

    after(async function () {
        await session().vbox.removeVm(name);
    });

    const capacity = async () => (await session().vbox.hdds()).find((record) => record.get('Location') === disk)?.get('Capacity');

    it("resizing the disk of a running VM: VirtualBox's refusal is shown, and Show Log opens the log with the failed call", async function () {
        this.timeout(300_000);
        const { workbench, vbox } = session();
        await workbench.layoutViews({ Networks: false });
        const file = path.basename(disk);

        // The disk is locked by the running VM; the Media view still offers Resize Disk… and VirtualBox says no.
        await workbench.contextMenu(await workbench.row('Media', ['Hard Disks', file], { description: new RegExp(name) }), 'Resize Disk…');
        await workbench.waitForPrompt(/^Current capacity: 1 GB/);
        await workbench.enterText('2 GB');
        const toast = await workbench.waitForNotification(/Failed to lock media when resizing/, 120_000);
        const message = await toast.locator('.notification-list-item-message').innerText();
        assert.match(message, new RegExp(`${file}`), 'the message names the disk');
        assert.match(message, /not in a state that allows this/, 'and says what to check');
        assert.equal(await capacity(), '1024 MBytes', 'VirtualBox left the disk as it was');
        assert.equal(await vbox.vmState(name), 'running');
        await screenshot('journey-10-refused');

        // Show Log: the VirtualBox output channel, with the failed command and VirtualBox's own words.
        await workbench.notificationButton(toast, 'Show Log');
        const output = workbench.page.locator('.part.panel');
        await output.locator('.monaco-editor .view-lines').waitFor();
        await output.locator('select.monaco-select-box, .monaco-select-box', { hasText: 'VirtualBox' }).first().waitFor();
        const filter = output.locator('.viewpane-filter input');
        await filter.fill('virtualbox.disk.resize');
        // (The editor shows spaces as no-break spaces, hence \s.)
        await output.locator('.view-lines', { hasText: /Command\svirtualbox\.disk\.resize\sfailed:\s\[INVALID_VM_STATE\]\sFailed\sto\slock/ }).waitFor();
        await screenshot('journey-10-show-log');
    });
});
