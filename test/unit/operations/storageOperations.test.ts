import { strict as assert } from 'node:assert';
import { runOperation, type Operation } from '../../../src/operations/operation';
import { addDisk, refuseAttachedOrBased } from '../../../src/operations/storage/addDisk';
import { chooseDiskSlot } from '../../../src/operations/storage/controllerSlots';
import { inVmFolder, withExtension } from '../../../src/operations/storage/diskFiles';
import { listDisks } from '../../../src/operations/storage/listDisks';
import { removeDisk } from '../../../src/operations/storage/removeDisk';
import { resizeDisk } from '../../../src/operations/storage/resizeDisk';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { parseMediaList } from '../../../src/vbox/parsers/media';
import { parseVmInfo, type VmInfo } from '../../../src/vbox/parsers/vmInfo';
import { fixtureOutput, replayVBoxManage, unitContext } from './support/replayVBoxManage';

const vmInfo = (fixture: string): VmInfo => parseVmInfo(fixtureOutput(fixture).stdout);

async function rejectsWith(promise: Promise<unknown>, code: VBoxErrorCode, message?: RegExp): Promise<void> {
    await assert.rejects(promise, (error: unknown) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        if (message) assert.match(error.message, message);
        return true;
    });
}

/** Runs the operation on a VBoxManage that answers nothing: invalid input must fail before any call. */
async function refusedBeforeSpawning(operation: Operation, input: unknown): Promise<void> {
    const vbox = replayVBoxManage();
    await rejectsWith(runOperation(operation, unitContext(vbox), input), 'INVALID_INPUT');
    assert.equal(vbox.calls.length, 0, `no VBoxManage call for ${JSON.stringify(input)}`);
}

describe('(unit) storage operations', () => {
    describe('invalid input never spawns VBoxManage', () => {
        const cases: [Operation, unknown][] = [
            [addDisk, { vm: 'v', disk: { kind: 'new', sizeMb: 0 } }],
            [addDisk, { vm: 'v', disk: { kind: 'new', sizeMb: 1.5 } }],
            [addDisk, { vm: 'v', disk: { kind: 'new', sizeMb: 3_000_000 } }],
            [addDisk, { vm: 'v', disk: { kind: 'new', sizeMb: 10, format: 'QCOW2' } }],
            [addDisk, { vm: 'v', disk: { kind: 'new', sizeMb: 10, fileName: '../escape.vdi' } }],
            [addDisk, { vm: 'v', disk: { kind: 'new', sizeMb: 10, fileName: 'sub\\dir.vdi' } }],
            [addDisk, { vm: 'v', disk: { kind: 'new', sizeMb: 10, fileName: '.hidden' } }],
            [addDisk, { vm: 'v', disk: { kind: 'new', sizeMb: 10, fileName: 'line\nbreak' } }],
            [addDisk, { vm: 'v', disk: { kind: 'existing' } }],
            [addDisk, { vm: 'v', disk: { kind: 'copy', path: '/x.vdi' } }],
            [addDisk, { vm: '', disk: { kind: 'new', sizeMb: 10 } }],
            [removeDisk, { vm: 'v' }],
            [removeDisk, { vm: 'v', controller: 'SATA', port: 0 }],
            [removeDisk, { vm: 'v', controller: 'SATA', port: 0, device: 0, disk: '/x.vdi' }],
            [removeDisk, { vm: 'v', controller: 'SATA', port: -1, device: 0 }],
            [removeDisk, { vm: 'v', disk: '/x.vdi', deleteFile: 'yes' }],
            [resizeDisk, { disk: '/x.vdi', newSizeMb: 0 }],
            [resizeDisk, { disk: '/x.vdi', newSizeMb: '20' }],
            [resizeDisk, { disk: '', newSizeMb: 20 }],
            [listDisks, { vm: '' }],
        ];
        for (const [operation, input] of cases) {
            it(`${operation.id} ${JSON.stringify(input)}`, () => refusedBeforeSpawning(operation, input));
        }
    });

    describe('effects', () => {
        it('remove_disk destroys only when it deletes the file', () => {
            const effect = removeDisk.effect as (input: { deleteFile: boolean }) => string;
            assert.equal(effect({ deleteFile: false }), 'change');
            assert.equal(effect({ deleteFile: true }), 'destroy');
        });
    });

    describe('choosing a controller slot (recorded VMs)', () => {
        it('takes the first free SATA port', () => {
            // SATA with 2 ports, port 0 holds a disk.
            assert.deepEqual(chooseDiskSlot(vmInfo('vm/showvminfo-hardware')), { controller: 'SATA', createController: false, port: 1, device: 0 });
        });

        it('creates a SATA controller for a VM that has none', () => {
            assert.deepEqual(chooseDiskSlot(vmInfo('vm/showvminfo-fresh')), { controller: 'SATA', createController: true, port: 0, device: 0 });
        });

        it('uses the named controller, with both devices of an IDE port', () => {
            // IDE: 1-0 holds an empty DVD drive, 0-0 is free.
            assert.deepEqual(chooseDiskSlot(vmInfo('vm/showvminfo-hardware'), 'IDE'), { controller: 'IDE', createController: false, port: 0, device: 0 });
        });

        it('grows a full SATA controller by one port', () => {
            const info = vmInfo('vm/showvminfo-hardware');
            const sata = info.storageControllers.find((controller) => controller.name === 'SATA')!;
            sata.attachments.push({ port: 1, device: 0, medium: '/other.vdi', imageUuid: '00000000-0000-4000-8000-000000000000' });
            assert.deepEqual(chooseDiskSlot(info), { controller: 'SATA', createController: false, port: 2, device: 0, growPortCountTo: 3 });
        });

        it('refuses a controller that is full and cannot grow', () => {
            const info = vmInfo('vm/showvminfo-hardware');
            const ide = info.storageControllers.find((controller) => controller.name === 'IDE')!;
            ide.attachments.push(
                { port: 0, device: 0, medium: '/a.vdi' },
                { port: 0, device: 1, medium: '/b.vdi' },
                { port: 1, device: 1, medium: '/c.vdi' },
            );
            assert.throws(() => chooseDiskSlot(info, 'IDE'), (error: unknown) => isVBoxError(error, 'NOT_SUPPORTED'));
        });

        it('refuses an unknown controller, naming the existing ones', () => {
            assert.throws(
                () => chooseDiskSlot(vmInfo('vm/showvminfo-hardware'), 'NVMe'),
                (error: unknown) => isVBoxError(error, 'INVALID_INPUT') && /"SATA", "IDE"/.test(error.message),
            );
        });
    });

    describe('disk file names', () => {
        it('puts the file in the VM folder, in the settings file\'s path style', () => {
            assert.equal(inVmFolder('/vms/web/web.vbox', 'data.vdi'), '/vms/web/data.vdi');
            assert.equal(inVmFolder('C:\\Users\\me\\VirtualBox VMs\\web\\web.vbox', 'data.vdi'), 'C:\\Users\\me\\VirtualBox VMs\\web\\data.vdi');
        });

        it('adds the format\'s extension only when missing', () => {
            assert.equal(withExtension('data', 'VMDK'), 'data.vmdk');
            assert.equal(withExtension('data.VDI', 'VDI'), 'data.VDI');
            assert.equal(withExtension('data.img', 'VHD'), 'data.img.vhd');
        });
    });

    describe('add_disk with an existing image', () => {
        it('refuses an image that differencing images are based on, before attaching anything', () => {
            const hdds = parseMediaList(fixtureOutput('lists/hdds-in-use-long').stdout);
            const base = hdds.find((medium) => medium.parentUuid === undefined && hdds.some((other) => other.parentUuid === medium.uuid))!;
            assert.throws(
                () => refuseAttachedOrBased(vmInfo('vm/showvminfo-hardware'), hdds, base),
                (error: unknown) => isVBoxError(error, 'MEDIUM_IN_USE') && /1 differencing image\(s\).*Nothing was attached/.test(error.message),
            );
        });

        it('refuses an image already attached to the VM, also through its differencing image', () => {
            const hdds = parseMediaList(fixtureOutput('lists/hdds-in-use-long').stdout);
            const base = hdds.find((medium) => medium.parentUuid === undefined && hdds.some((other) => other.parentUuid === medium.uuid))!;
            const child = hdds.find((medium) => medium.parentUuid === base.uuid)!;
            const info = vmInfo('vm/showvminfo-hardware');
            const attached = info.storageControllers.find((controller) => controller.attachments.some((a) => a.imageUuid !== undefined))!;
            const slot = attached.attachments.find((a) => a.imageUuid !== undefined)!;
            // The recorded VM, with its disk slot pointing at the recorded differencing image.
            const withChild = {
                ...info,
                storageControllers: info.storageControllers.map((controller) =>
                    controller === attached ? { ...controller, attachments: controller.attachments.map((a) => (a === slot ? { ...a, imageUuid: child.uuid } : a)) } : controller,
                ),
            };
            assert.throws(
                () => refuseAttachedOrBased(withChild, hdds, base),
                (error: unknown) => isVBoxError(error, 'MEDIUM_IN_USE') && /already attached .* through a differencing image/.test(error.message),
            );
        });

        it('refuses a normal disk another VM uses, but not a shareable one', () => {
            const inUse = parseMediaList(fixtureOutput('lists/hdds-in-use-long').stdout);
            const child = inUse.find((medium) => medium.parentUuid !== undefined && medium.inUseBy.length > 0)!;
            const info = vmInfo('vm/showvminfo-hardware');
            assert.throws(
                () => refuseAttachedOrBased(info, inUse, child),
                (error: unknown) => isVBoxError(error, 'MEDIUM_IN_USE') && error.message.includes(`attached to VM "${child.inUseBy[0].name}"`),
            );
            const shared = parseMediaList(fixtureOutput('lists/hdds-shared-long').stdout);
            assert.doesNotThrow(() => refuseAttachedOrBased(info, shared, shared[0]));
        });
    });

    describe('resize_disk', () => {
        it('refuses to shrink before running modifymedium (capacity read from the recorded list)', async () => {
            const vbox = replayVBoxManage([['list hdds', 'lists/hdds-formats-long']]);
            const disk = fixtureOutput('lists/hdds-formats-long').stdout.match(/^Location: +(.*base\.vdi)$/m)![1];
            await rejectsWith(runOperation(resizeDisk, unitContext(vbox), { disk, newSizeMb: 16 }), 'INVALID_INPUT', /32 MB.*cannot shrink to 16 MB/);
            assert.deepEqual(vbox.calls, [['list', 'hdds', '--long']]);
        });

        it('does nothing for the current size', async () => {
            const vbox = replayVBoxManage([['list hdds', 'lists/hdds-formats-long']]);
            const result = await runOperation(resizeDisk, unitContext(vbox), { disk: 'cb4ad42b-581d-438a-b993-32d2a770456f', newSizeMb: 32 });
            assert.equal(result.resized, false);
            assert.equal(vbox.calls.length, 1);
        });

        it('reports an unknown disk as MEDIUM_NOT_FOUND', async () => {
            const vbox = replayVBoxManage([['list hdds', 'lists/hdds-formats-long']]);
            await rejectsWith(runOperation(resizeDisk, unitContext(vbox), { disk: '/nowhere.vdi', newSizeMb: 64 }), 'MEDIUM_NOT_FOUND');
        });
    });

    describe('state checks before changes', () => {
        it('add_disk refuses a running VM after reading it only', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-running']]);
            await rejectsWith(runOperation(addDisk, unitContext(vbox), { vm: 'v', disk: { kind: 'new', sizeMb: 8 } }), 'INVALID_VM_STATE', /running/);
            assert.deepEqual(vbox.calls.map((call) => call[0]), ['showvminfo']);
        });

        it('remove_disk refuses a saved VM after reading it only', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-saved']]);
            await rejectsWith(runOperation(removeDisk, unitContext(vbox), { vm: 'v', disk: '/x.vdi' }), 'INVALID_VM_STATE', /saved/);
            assert.deepEqual(vbox.calls.map((call) => call[0]), ['showvminfo']);
        });
    });
});
