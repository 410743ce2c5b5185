import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { screenshot, session } from '../support/session';
import { uniqueName } from '../support/vboxManage';

describe('(e2e) journey 6: a new disk is added, resized, detached and its file deleted', function () {
    const name = uniqueName('storage');
    let diskPath: string | undefined;

    before(async function () {
        await session().vbox.createVm(name);
    });

    after(async function () {
        const { vbox } = session();
        await vbox.removeVm(name);
        if (diskPath) await vbox.removeDiskFile(diskPath);
    });

    /** The registered hard disk at `location`, as `list hdds` prints it. */
    async function registeredDisk(location: string): Promise<Map<string, string> | undefined> {
        return (await session().vbox.hdds()).find((record) => record.get('Location') === location);
    }

    it('shows the disk under Storage and in Media, grows it, keeps the file when detaching, deletes it when asked', async function () {
        this.timeout(300_000);
        const { workbench, vbox } = session();
        await workbench.layoutViews({ Networks: false });

        // Add Disk… from the VM's context menu: a new 1 GB VDI.
        await workbench.contextMenu(await workbench.row('Machines', [name]), 'Add Disk…');
        await workbench.waitForPlaceholder('Which disk?');
        await workbench.pick(/Create a New Disk…/);
        await workbench.waitForPrompt(/^Capacity the guest sees/);
        await workbench.enterText('1 GB');
        await workbench.waitForPlaceholder('Image format');
        await workbench.pick('VDI');
        await workbench.waitForNotification(new RegExp(`Attached ".*" to "${name}" \\(SATA, port 0\\)\\.`), 120_000);

        const disk = (await vbox.vmInfo(name)).get('SATA-0-0') ?? '';
        assert.ok(disk.endsWith('.vdi'), `VirtualBox has a disk on SATA port 0 (${disk})`);
        diskPath = disk;
        assert.equal((await registeredDisk(disk))?.get('Capacity'), '1024 MBytes', 'of the size typed');
        const file = path.basename(disk);
        await workbench.row('Machines', [name, 'Storage', 'SATA', file], { description: /^Port 0:0 · 1 GB · VDI$/ });
        await workbench.row('Media', ['Hard Disks', file], { description: new RegExp(`^1 GB · VDI · .*${name}`) });
        await screenshot('journey-06-disk-added', { docsImage: 'journey-06-storage.png', hideToasts: true });

        // Resize Disk… in the Media view: it only grows.
        await workbench.contextMenu(await workbench.row('Media', ['Hard Disks', file]), 'Resize Disk…');
        await workbench.waitForPrompt(/^Current capacity: 1 GB/);
        await workbench.enterText('3 GB');
        await workbench.waitForNotification(`"${file}" now has 3 GB (was 1 GB).`, 120_000);
        assert.equal((await registeredDisk(disk))?.get('Capacity'), '3072 MBytes', 'VirtualBox reports the new capacity');
        await workbench.row('Machines', [name, 'Storage', 'SATA', file], { description: /^Port 0:0 · 3 GB · VDI$/ });

        // Remove Disk… on the VM's disk: detach, keep the file.
        await workbench.contextMenu(await workbench.row('Machines', [name, 'Storage', 'SATA', file]), 'Remove Disk…');
        await workbench.dialog.waitFor();
        assert.match(await workbench.dialog.innerText(), new RegExp(`Remove disk "${file}" from VM "${name}"\\?`));
        await workbench.dialogButton('Detach, Keep the File');
        await workbench.waitForNotification(`Removed "${file}" from "${name}"; the file is kept.`, 120_000);
        assert.equal((await vbox.vmInfo(name)).get('SATA-0-0') ?? 'none', 'none', 'the VM has no disk on SATA port 0');
        assert.ok(await registeredDisk(disk), 'VirtualBox still knows the disk');
        assert.ok(existsSync(disk), 'the file is kept');
        await workbench.row('Machines', [name, 'Storage', 'SATA', 'Nothing attached']);
        const freeDisk = await workbench.row('Media', ['Hard Disks', file], { description: /· not attached$/ });

        // Delete Disk File… in the Media view, after the modal that says it cannot be undone.
        await workbench.contextMenu(freeDisk, 'Delete Disk File…');
        await workbench.dialog.waitFor();
        assert.match(await workbench.dialog.innerText(), /cannot be undone/);
        await workbench.dialogButton('Delete File');
        await workbench.waitForNotification(`Deleted ${disk}.`, 120_000);
        assert.equal(await registeredDisk(disk), undefined, 'VirtualBox forgot the disk');
        assert.ok(!existsSync(disk), 'the file is gone');
        await workbench.noRow('Media', ['Hard Disks', file]);
    });
});
