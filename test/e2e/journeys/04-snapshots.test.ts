import assert from 'node:assert/strict';
import { screenshot, session } from '../support/session';
import { eventually, uniqueName } from '../support/vboxManage';

describe('(e2e) journey 4: take a snapshot, restore it, delete it', function () {
    const name = uniqueName('snapshots');
    const snapshot = 'Before more memory';

    before(async function () {
        await session().vbox.createVm(name, { memoryMb: 64 });
    });

    after(async function () {
        await session().vbox.removeVm(name);
    });

    /** The VM's snapshot names, from `showvminfo --machinereadable` (SnapshotName, SnapshotName-1, ...). */
    async function snapshotNames(): Promise<string[]> {
        return [...(await session().vbox.vmInfo(name))].filter(([key]) => /^SnapshotName(-[\d-]+)?$/.test(key)).map(([, value]) => value);
    }

    it('the snapshot shows under Snapshots, restoring it brings back its settings, deleting it removes it', async function () {
        this.timeout(300_000);
        const { workbench, vbox } = session();

        // Take Snapshot… from the VM's Snapshots folder (its inline button): a name, then a description.
        await workbench.row('Machines', [name, 'Snapshots']);
        await workbench.inlineAction(await workbench.row('Machines', [name, 'Snapshots']), 'Take Snapshot…');
        await workbench.waitForPrompt('Snapshot name');
        await workbench.enterText(snapshot);
        await workbench.waitForPrompt(/^Description \(optional\)/);
        await workbench.enterText('64 MB, as created');
        await workbench.waitForNotification(`Took snapshot "${snapshot}" of "${name}".`, 120_000);
        assert.deepEqual(await snapshotNames(), [snapshot], 'VirtualBox has the snapshot');
        const snapshotRow = await workbench.row('Machines', [name, 'Snapshots', snapshot], { description: /^current$/ });
        await snapshotRow.click();
        await screenshot('journey-04-snapshot-taken', { docsImage: 'journey-04-snapshots.png' });

        // A change after the snapshot: more memory, through Set Memory… on the VM.
        await workbench.contextMenu(await workbench.row('Machines', [name]), 'Set Memory…');
        await workbench.waitForPrompt(/^Memory for ".*" in MB/);
        await workbench.enterText('128');
        await eventually(async () => assert.equal((await vbox.vmInfo(name)).get('memory'), '128'), { timeoutMs: 60_000 });

        // Restore (the snapshot row's inline button), after the modal that says what is lost.
        await workbench.inlineAction(await workbench.row('Machines', [name, 'Snapshots', snapshot]), 'Restore Snapshot…');
        await workbench.dialog.waitFor();
        assert.match(await workbench.dialog.innerText(), /Restore snapshot "Before more memory"/);
        await workbench.dialogButton('Restore');
        await workbench.waitForNotification(`Restored "${name}" to snapshot "${snapshot}".`, 120_000);
        assert.equal((await vbox.vmInfo(name)).get('memory'), '64', 'the memory of the snapshot is back');
        await workbench.row('Machines', [name], { description: / · 64 MB$/ });

        // Delete Snapshot… from its context menu, after the modal.
        await workbench.contextMenu(await workbench.row('Machines', [name, 'Snapshots', snapshot]), 'Delete Snapshot…');
        await workbench.dialogButton('Delete Snapshot');
        await workbench.waitForNotification(`Deleted snapshot "${snapshot}" of "${name}".`, 120_000);
        assert.deepEqual(await snapshotNames(), [], 'VirtualBox has no snapshot left');
        await workbench.noRow('Machines', [name, 'Snapshots', snapshot]);
        await workbench.row('Machines', [name, 'Snapshots', 'No snapshots']);
    });
});
