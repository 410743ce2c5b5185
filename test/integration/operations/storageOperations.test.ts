// Loads this spec as an ES module, like the root hook's runner (see vmRunning.test.ts): one copy of src/vbox/errors.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runOperation, type OperationContext } from '../../../src/operations/operation';
import { addDisk } from '../../../src/operations/storage/addDisk';
import { listDisks } from '../../../src/operations/storage/listDisks';
import { removeDisk } from '../../../src/operations/storage/removeDisk';
import { resizeDisk } from '../../../src/operations/storage/resizeDisk';
import { type VBoxCommand } from '../../../src/vbox/command';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { parseMediaList } from '../../../src/vbox/parsers/media';
import type { RunOptions, VBoxManage } from '../../../src/vbox/runner';
import { covers } from '../support/coverage';
import { operationContext } from '../support/operationContext';
import { calls } from '../support/recordingLogger';
import { machine, quietly, vbox } from '../support/independentReads';
import { testEnv } from '../support/testEnv';

/** `showmediuminfo` as text; undefined when VirtualBox no longer knows the medium. */
const mediumInfo = (ref: string) => vbox('showmediuminfo', 'disk', ref).catch(() => undefined);
const rejectsWith = (promise: Promise<unknown>, code: VBoxErrorCode, message: RegExp) =>
    assert.rejects(promise, (error) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        assert.match(error.message, message);
        return true;
    });
/** Closes and deletes every registered disk in these folders (or at `extra`), differencing images before their parents. */
async function deleteMediaIn(folders: string[], extra: string): Promise<void> {
    for (let pass = 0; pass < 3; pass++) {
        const media = parseMediaList(await vbox('list', 'hdds'));
        const ours = media.filter((medium) => medium.location === extra || folders.some((folder) => medium.location.startsWith(`${folder}/`)));
        const leavesFirst = ours.filter((medium) => !ours.some((child) => child.parentUuid === medium.uuid));
        for (const medium of leavesFirst) await quietly('closemedium', 'disk', medium.uuid, '--delete');
    }
}
/** An operation context that notes the calls that got the context's signal and a progress callback. */
function progressContext(): { ctx: OperationContext; withProgress: string[][] } {
    const ctx = operationContext();
    const withProgress: string[][] = [];
    const vbox: VBoxManage = {
        run: <T>(cmd: VBoxCommand<T>, options?: RunOptions): Promise<T> => {
            if (options?.signal === ctx.signal && options.onProgress) withProgress.push([...cmd.args]);
            return testEnv.runner.run(cmd, options);
        },
    };
    return { ctx: { ...ctx, vbox }, withProgress };
}
const spawned = (verb: string) => calls.filter((call) => call.args[0] === verb).length;

describe('(integration) storage operations', function () {
    const vm = testEnv.uniqueName('disks');
    const other = testEnv.uniqueName('disks-other');
    const spareName = `${testEnv.uniqueName('spare')}.vdi`;
    let spare = '';
    let vmFolder = '';
    let otherFolder = '';
    let firstDisk = { path: '', uuid: '' };
    let secondDisk = { path: '', uuid: '' };

    before(async function () {
        // The data folder is known only once the root hook has found VirtualBox.
        spare = join(testEnv.vbox.dataDir, spareName);
        // In the test data folder: a run that dies half-way leaves its folders where the next cleanup looks.
        for (const name of [vm, other]) await vbox('createvm', '--name', name, '--ostype', 'Other', '--basefolder', testEnv.vbox.dataDir, '--register');
        vmFolder = (await machine(vm)).get('CfgFile')!.replace(/\/[^/]+$/, '');
        otherFolder = (await machine(other)).get('CfgFile')!.replace(/\/[^/]+$/, '');
        // An image file VirtualBox does not know yet: created, then closed (unregistered, file kept).
        const created = await vbox('createmedium', 'disk', '--filename', spare, '--size', '8');
        await vbox('closemedium', 'disk', /UUID: (\S+)/.exec(created)![1]);
    });

    after(async function () {
        const folders = [vmFolder, otherFolder].filter(Boolean);
        for (const name of [vm, other]) await quietly('unregistervm', name, '--delete');
        // Detached disks (kept on purpose) and differencing images outlive their VM: close and delete them too.
        await deleteMediaIn(folders, spare);
        for (const folder of folders) rmSync(folder, { recursive: true, force: true });
        if (spare) rmSync(spare, { force: true });
    });

    it('add_disk creates a VDI in the VM folder and a SATA controller for a VM without one', async () => {
        const { ctx, withProgress } = progressContext();
        const result = await runOperation(addDisk, ctx, { vm, disk: { kind: 'new', sizeMb: 16 } });
        assert.equal(result.controllerCreated, true);
        assert.deepEqual([result.controller, result.port, result.device, result.created], ['SATA', 0, 0, true]);
        assert.equal(result.path, join(vmFolder, `${vm}-disk1.vdi`));
        const info = await machine(vm);
        assert.equal(info.get('storagecontrollername0'), 'SATA');
        assert.equal(info.get('storagecontrollertype0'), 'IntelAhci');
        assert.equal(info.get('SATA-0-0'), result.path);
        assert.equal(info.get('SATA-ImageUUID-0-0'), result.uuid);
        assert.ok(existsSync(result.path), 'the image file exists');
        assert.match((await mediumInfo(result.uuid)) ?? '', /Capacity: +16 MBytes/);
        firstDisk = result;
        assert.ok(withProgress.some((args) => args[0] === 'createmedium'), 'createmedium reports progress');
    });

    it('add_disk puts a named VMDK on the next port, growing the controller', async () => {
        const result = await runOperation(addDisk, operationContext(), { vm, disk: { kind: 'new', sizeMb: 8, format: 'VMDK', fileName: 'data' } });
        assert.deepEqual([result.controller, result.port, result.controllerCreated], ['SATA', 1, false]);
        assert.equal(result.path, join(vmFolder, 'data.vmdk'));
        const info = await machine(vm);
        assert.equal(info.get('storagecontrollerportcount0'), '2');
        assert.equal(info.get('SATA-1-0'), result.path);
        assert.match((await mediumInfo(result.uuid)) ?? '', /Storage format: +VMDK/);
        secondDisk = result;
        // The same file name again is refused before anything is created.
        const creates = spawned('createmedium');
        await rejectsWith(
            runOperation(addDisk, operationContext(), { vm, disk: { kind: 'new', sizeMb: 8, format: 'VMDK', fileName: 'data.vmdk' } }),
            'ALREADY_EXISTS',
            /data\.vmdk/,
        );
        assert.equal(spawned('createmedium'), creates);
    });

    it('add_disk attaches an existing, unregistered image file', async () => {
        const result = await runOperation(addDisk, operationContext(), { vm, disk: { kind: 'existing', path: spare } });
        assert.deepEqual([result.port, result.created, result.path], [2, false, spare]);
        const info = await machine(vm);
        assert.equal(info.get('SATA-2-0'), spare);
        assert.equal(info.get('SATA-ImageUUID-2-0'), result.uuid);
        await rejectsWith(runOperation(addDisk, operationContext(), { vm, disk: { kind: 'existing', path: spare } }), 'MEDIUM_IN_USE', /already attached/);
        covers('add_disk');
    });

    it('add_disk leaves nothing behind when attaching the new image fails', async () => {
        // A real failure between creating and attaching: the controller disappears just before storageattach.
        await vbox('storagectl', other, '--name', 'Doomed', '--add', 'sata', '--portcount', '1');
        const sabotaged: OperationContext = {
            ...operationContext(),
            vbox: {
                run: async <T>(cmd: VBoxCommand<T>, options?: RunOptions): Promise<T> => {
                    if (cmd.args[0] === 'storageattach') await vbox('storagectl', other, '--name', 'Doomed', '--remove');
                    return testEnv.runner.run(cmd, options);
                },
            },
        };
        const path = join(otherFolder, 'doomed.vdi');
        await assert.rejects(runOperation(addDisk, sabotaged, { vm: other, controller: 'Doomed', disk: { kind: 'new', sizeMb: 8, fileName: 'doomed' } }));
        assert.ok(!existsSync(path), 'the new image file was deleted');
        assert.ok(!(await vbox('list', 'hdds')).includes(path), 'and is no longer registered');
    });

    it('list_disks shows the VM\'s attachments and every registered disk with its users', async () => {
        const mine = await runOperation(listDisks, operationContext(), { vm });
        assert.ok('attachments' in mine);
        const info = await machine(vm);
        const attachedKeys = [...info.keys()].filter((key) => /^SATA-\d+-\d+$/.test(key) && info.get(key) !== 'none');
        assert.equal(mine.attachments.length, attachedKeys.length);
        const first = mine.attachments.find((attachment) => attachment.port === 0)!;
        assert.deepEqual([first.kind, first.uuid, first.medium?.format, first.medium?.capacityMb], ['hdd', firstDisk.uuid, 'VDI', 16]);

        const all = await runOperation(listDisks, operationContext(), {});
        assert.ok('hdds' in all);
        const listed = all.hdds.find((medium) => medium.uuid === secondDisk.uuid);
        assert.equal(listed?.location, secondDisk.path);
        assert.deepEqual(listed?.inUseBy.map((usage) => usage.name), [vm]);
        const uuidsInText = (await vbox('list', 'hdds')).match(/^UUID: +(\S+)$/gm)?.length;
        assert.equal(all.hdds.length, uuidsInText);
        covers('list_disks');
    });

    it('resize_disk grows a disk, reporting progress, and refuses to shrink it without calling VirtualBox', async () => {
        const { ctx, withProgress } = progressContext();
        const result = await runOperation(resizeDisk, ctx, { disk: firstDisk.path, newSizeMb: 48 });
        assert.deepEqual([result.previousSizeMb, result.sizeMb, result.resized], [16, 48, true]);
        assert.match((await mediumInfo(firstDisk.uuid)) ?? '', /Capacity: +48 MBytes/);
        assert.ok(withProgress.some((args) => args[0] === 'modifymedium'), 'modifymedium reports progress');

        const resizes = spawned('modifymedium');
        await rejectsWith(runOperation(resizeDisk, operationContext(), { disk: firstDisk.uuid, newSizeMb: 32 }), 'INVALID_INPUT', /cannot shrink/);
        assert.equal(spawned('modifymedium'), resizes, 'no modifymedium for a shrink');
        assert.match((await mediumInfo(firstDisk.uuid)) ?? '', /Capacity: +48 MBytes/);
        covers('resize_disk');
    });

    it('remove_disk detaches a disk and keeps its file unless asked', async () => {
        const result = await runOperation(removeDisk, operationContext(), { vm, controller: 'SATA', port: 1, device: 0 });
        assert.deepEqual([result.uuid, result.fileDeleted], [secondDisk.uuid, false]);
        assert.equal((await machine(vm)).get('SATA-1-0'), 'none');
        assert.ok(existsSync(secondDisk.path), 'file kept');
        assert.ok(await mediumInfo(secondDisk.uuid), 'still registered');
    });

    it('remove_disk refuses to delete a disk another VM uses, then deletes it once it is free', async () => {
        await vbox('storagectl', other, '--name', 'SATA', '--add', 'sata', '--portcount', '1');
        await vbox('storageattach', other, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', spare);
        await rejectsWith(runOperation(removeDisk, operationContext(), { vm, disk: spare, deleteFile: true }), 'MEDIUM_IN_USE', new RegExp(`VM "${other}"`));
        assert.equal((await machine(vm)).get('SATA-2-0'), spare, 'nothing was detached');

        await vbox('storageattach', other, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--medium', 'none');
        const result = await runOperation(removeDisk, operationContext(), { vm, disk: spare, deleteFile: true });
        assert.deepEqual([result.port, result.fileDeleted, result.deletedPath], [2, true, spare]);
        assert.equal((await machine(vm)).get('SATA-2-0'), 'none');
        assert.ok(!existsSync(spare), 'file deleted');
        assert.equal(await mediumInfo(spare), undefined, 'no longer registered');
    });

    it('remove_disk refuses to delete a disk a snapshot uses, and detaches it when the file is kept', async () => {
        await vbox('snapshot', vm, 'take', 'keeps-disk');
        await rejectsWith(
            runOperation(removeDisk, operationContext(), { vm, disk: firstDisk.uuid, deleteFile: true }),
            'MEDIUM_IN_USE',
            /snapshot "keeps-disk"/,
        );
        // After the snapshot the VM runs on a differencing image; the base disk still finds that attachment.
        const result = await runOperation(removeDisk, operationContext(), { vm, disk: firstDisk.path });
        assert.equal(result.port, 0);
        assert.notEqual(result.uuid, firstDisk.uuid, 'the attachment was the differencing image');
        assert.equal((await machine(vm)).get('SATA-0-0'), 'none');
        assert.ok(existsSync(firstDisk.path), 'the base image is kept');
        covers('remove_disk');
    });
});
