// The snapshot commands in real VS Code: take (on a VM node, from the palette, live on a running VM), restore (on a
// snapshot node; explained instead while the VM runs) and delete; outcomes read back through VBoxManage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, createTestVm, removeTestVm, updateSetting, vbox } from './machinesHelpers';
import { waitFor } from './support/waitFor';
import { pickBy, pickVmNamed, runOn, settled, settledVmInfo, vmNodeWhere, withAnswers } from './storageSupport';

const unique = (label: string) => `ext-snapshots-${label}-${Math.random().toString(16).slice(2, 8)}`;

/** `snapshot <vm> list --machinereadable` as name → { uuid, description }, plus the current snapshot's name. */
async function snapshots(vm: string): Promise<{ byName: Map<string, { uuid: string; description?: string }>; current?: string }> {
    // Exit 1 with no error lines means "no snapshots"; anything else (a locked session) is read again.
    const text = await settled(() => vbox('snapshot', vm, 'list', '--machinereadable').catch((error: { stdout?: string; stderr?: string }) => {
        if (error.stderr?.trim() === '' && error.stdout !== undefined) return '';
        throw error;
    }));
    const byName = new Map<string, { uuid: string; description?: string }>();
    for (const match of text.matchAll(/^SnapshotName(\S*)="(.*)"$/gm)) {
        const suffix = match[1];
        const uuid = new RegExp(`^SnapshotUUID${suffix.replace(/-/g, '\\-')}="(.*)"$`, 'm').exec(text)?.[1] ?? '';
        const description = new RegExp(`^SnapshotDescription${suffix.replace(/-/g, '\\-')}="(.*)"$`, 'm').exec(text)?.[1];
        byName.set(match[2], { uuid, description });
    }
    return { byName, current: /^CurrentSnapshotName="(.*)"$/m.exec(text)?.[1] };
}

describe('(extension) snapshot commands', function () {
    this.timeout(240_000);
    const vm = unique('vm');
    let uuid = '';

    before(async () => {
        await activateExtension();
        uuid = await createTestVm(vm);
        await updateSetting('confirmDestructiveActions', true);
    });

    after(async () => {
        await updateSetting('confirmDestructiveActions', undefined);
        await removeTestVm(uuid);
    });

    it('Take Snapshot on a VM node takes one with the name and description typed', async () => {
        const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'vm:poweroff', 'the VM');
        await withAnswers({ inputs: ['first', 'clean install'] }, () => Promise.resolve(runOn('virtualbox.snapshot.take', node)));
        const { byName, current } = await snapshots(uuid);
        assert.equal(byName.get('first')?.description, 'clean install');
        assert.equal(current, 'first');
    });

    it('the name input refuses a name the VM already has', async () => {
        const { shown } = await withAnswers({ quickPicks: [pickVmNamed(vm)], inputs: ['second', ''] }, () =>
            Promise.resolve(vscode.commands.executeCommand('virtualbox.snapshot.take')),
        );
        assert.ok(await shown.inputBoxes[0]?.validateInput?.('first'), 'a duplicate name is refused as typed');
        assert.ok(await shown.inputBoxes[0]?.validateInput?.('-x'), 'a name starting with "-" is refused');
        const { byName, current } = await snapshots(uuid);
        assert.ok(byName.has('second'), 'the palette path took "second"');
        assert.equal(current, 'second');
    });

    it('Restore Snapshot on a snapshot node, after the modal, makes it current', async () => {
        const first = (await snapshots(uuid)).byName.get('first');
        const node = await vmNodeWhere(uuid, (candidate) => candidate.id?.endsWith(first?.uuid ?? '?') === true, 'snapshot "first"');
        assert.equal(node.contextValue, 'snapshot');
        const { shown } = await withAnswers({ warnings: ['Restore'] }, () => Promise.resolve(runOn('virtualbox.snapshot.restore', node)));
        assert.match(shown.warnings[0]?.detail ?? '', /lost/, 'the modal says the current state is lost');
        assert.equal((await snapshots(uuid)).current, 'first');
    });

    it('Delete Snapshot from the palette deletes the snapshot chosen', async () => {
        const { shown } = await withAnswers(
            { quickPicks: [pickVmNamed(vm), pickBy((item) => (item.snapshot as { name?: string } | undefined)?.name === 'second')], warnings: ['Delete Snapshot'] },
            () => Promise.resolve(vscode.commands.executeCommand('virtualbox.snapshot.delete')),
        );
        assert.match(shown.warnings[0]?.message ?? '', /second/);
        const { byName } = await snapshots(uuid);
        assert.ok(!byName.has('second'));
        assert.ok(byName.has('first'));
    });

    it('on a running VM, Take Snapshot is live and Restore is explained instead of run', async () => {
        await vbox('startvm', uuid, '--type', 'headless');
        assert.ok(await waitFor(async () => (await settledVmInfo(uuid)).get('VMState') === 'running', 30_000, 500), 'the VM did not start');
        const vmNode = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'vm:running', 'the running VM');
        await withAnswers({ inputs: ['while-running', ''] }, () => Promise.resolve(runOn('virtualbox.snapshot.take', vmNode)));
        assert.equal((await settledVmInfo(uuid)).get('VMState'), 'running', 'a live snapshot leaves the VM running');
        assert.equal((await snapshots(uuid)).current, 'while-running');

        const first = (await snapshots(uuid)).byName.get('first');
        const node = await vmNodeWhere(uuid, (candidate) => candidate.id?.endsWith(first?.uuid ?? '?') === true, 'snapshot "first"');
        const { shown } = await withAnswers({}, () => Promise.resolve(runOn('virtualbox.snapshot.restore', node)));
        assert.match(shown.infos[0]?.message ?? '', /running/);
        assert.match(shown.infos[0]?.detail ?? '', /powered off/);
        assert.equal((await snapshots(uuid)).current, 'while-running', 'nothing was restored');
        assert.equal((await settledVmInfo(uuid)).get('VMState'), 'running');
        await vbox('controlvm', uuid, 'poweroff');
    });
});
