// The storage commands on the Machines tree in real VS Code: Add Disk (new, and a registered disk from the palette),
// Remove Disk (keep or delete the file) and Resize Disk (on an attached disk, and where VirtualBox cannot); outcomes read back through VBoxManage.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, createTestVm, removeTestVm, updateSetting, vbox } from './machinesHelpers';
import { mediumInfo, pickBy, pickLabel, pickVmNamed, registeredDiskUuids, runOn, settledVmInfo, vmNodeWhere, withAnswers } from './storageSupport';

const unique = (label: string) => `ext-storage-${label}-${Math.random().toString(16).slice(2, 8)}`;

/** The disk attached at SATA port 0 as showvminfo reports it: its path and image UUID. */
async function sataDisk(vm: string, port = 0): Promise<{ path?: string; uuid?: string }> {
    const info = await settledVmInfo(vm);
    const path = info.get(`SATA-${port}-0`);
    return { path: path === 'none' ? undefined : path, uuid: info.get(`SATA-ImageUUID-${port}-0`) };
}

describe('(extension) storage commands', function () {
    this.timeout(180_000);
    const vm = unique('vm');
    let uuid = '';
    const leftovers: string[] = [];

    before(async () => {
        await activateExtension();
        uuid = await createTestVm(vm);
        await updateSetting('confirmDestructiveActions', true);
    });

    after(async () => {
        await updateSetting('confirmDestructiveActions', undefined);
        await removeTestVm(uuid);
        const registered = await registeredDiskUuids();
        for (const disk of leftovers.filter((candidate) => registered.includes(candidate))) await vbox('closemedium', 'disk', disk, '--delete').catch(() => undefined);
    });

    it('Add Disk on a VM node creates a new disk of the size and format asked for and attaches it', async () => {
        const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'vm:poweroff', 'the VM');
        await withAnswers(
            { quickPicks: [pickBy((item) => item.choice === 'new'), pickLabel('VHD')], inputs: ['40 MB'] },
            () => Promise.resolve(runOn('virtualbox.disk.add', node)),
        );
        const disk = await sataDisk(uuid);
        assert.ok(disk.path?.endsWith('.vhd'), `SATA-0-0 is ${disk.path}`);
        assert.ok(disk.uuid);
        leftovers.push(disk.uuid);
        const info = await mediumInfo(disk.uuid);
        assert.equal(info.get('Capacity'), '40 MBytes');
        assert.equal(info.get('Storage format'), 'VHD');
    });

    it('Resize Disk on the attached disk grows it', async () => {
        const { uuid: disk } = await sataDisk(uuid);
        const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'attachment:hdd', 'the attached disk');
        await withAnswers({ inputs: ['80 MB'] }, () => Promise.resolve(runOn('virtualbox.disk.resize', node)));
        assert.equal((await mediumInfo(disk ?? '')).get('Capacity'), '80 MBytes');
    });

    it('Resize Disk says so when VirtualBox leaves the image at its size (VMDK)', async () => {
        const folder = (await settledVmInfo(uuid)).get('CfgFile')?.replace(/[^/]+$/, '') ?? '';
        const created = await vbox('createmedium', 'disk', '--filename', `${folder}resize-probe.vmdk`, '--size', '16', '--format', 'VMDK');
        const probe = /[0-9a-f]{8}-[0-9a-f-]{27}/.exec(created)?.[0] ?? '';
        leftovers.push(probe);
        const { shown } = await withAnswers({ quickPicks: [pickBy((item) => (item.disk as { uuid?: string } | undefined)?.uuid === probe)], inputs: ['32 MB'], allowErrors: true }, () =>
            Promise.resolve(vscode.commands.executeCommand('virtualbox.disk.resize')),
        );
        assert.equal((await mediumInfo(probe)).get('Capacity'), '16 MBytes');
        assert.match(shown.errors[0]?.message ?? '', /did not resize/);
        assert.equal(shown.infos.length, 0, 'no success message');
    });

    it('Remove Disk "Detach, Keep the File" detaches it and keeps the file', async () => {
        const disk = await sataDisk(uuid);
        const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'attachment:hdd', 'the attached disk');
        const { shown } = await withAnswers({ warnings: ['Detach, Keep the File'] }, () => Promise.resolve(runOn('virtualbox.disk.remove', node)));
        assert.deepEqual(shown.warnings[0]?.buttons, ['Detach, Keep the File', 'Detach and Delete the File']);
        assert.ok(shown.warnings[0]?.detail?.includes(disk.path ?? '?'), 'the modal names the file that deleting would lose');
        assert.equal((await sataDisk(uuid)).path, undefined, 'nothing is attached at SATA 0 any more');
        assert.ok(existsSync(disk.path ?? ''), 'the file is kept');
        assert.ok((await registeredDiskUuids()).includes(disk.uuid ?? ''), 'VirtualBox still knows the disk');
    });

    it('Add Disk from the palette attaches a registered disk no VM uses', async () => {
        const [disk] = leftovers;
        assert.ok(disk, 'the first test created a disk');
        await withAnswers(
            { quickPicks: [pickVmNamed(vm), pickBy((item) => (item.disk as { uuid?: string } | undefined)?.uuid === disk)] },
            () => Promise.resolve(vscode.commands.executeCommand('virtualbox.disk.add')),
        );
        assert.equal((await sataDisk(uuid)).uuid, disk);
    });

    it('Remove Disk "Detach and Delete the File" from the palette deletes the file', async () => {
        const disk = await sataDisk(uuid);
        assert.ok(disk.uuid && disk.path, 'a disk is attached');
        await withAnswers(
            { quickPicks: [pickVmNamed(vm), pickBy((item) => (item.attachment as { uuid?: string } | undefined)?.uuid === disk.uuid)], warnings: ['Detach and Delete the File'] },
            () => Promise.resolve(vscode.commands.executeCommand('virtualbox.disk.remove')),
        );
        assert.equal((await sataDisk(uuid)).path, undefined);
        assert.ok(!(await registeredDiskUuids()).includes(disk.uuid ?? ''), 'VirtualBox no longer lists the disk');
        assert.ok(!existsSync(disk.path ?? ''), 'the file is deleted');
    });
});
