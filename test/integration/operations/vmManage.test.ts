// Under mocha + tsx, a spec that does not import the runner is loaded as CommonJS, while the root hook's runner is
// an ES module (execa is one): the two would hold different copies of src/vbox/errors, and isVBoxError (instanceof)
// would not recognise the runner's errors inside the operations. Importing the runner here loads this file as an ES
// module too. Remove once isVBoxError no longer depends on class identity.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runOperation } from '../../../src/operations/operation';
import { cloneVm } from '../../../src/operations/vm/clone';
import { getVmConfig } from '../../../src/operations/vm/config';
import { createVm } from '../../../src/operations/vm/createVm';
import { deleteVm } from '../../../src/operations/vm/deleteVm';
import { listVms } from '../../../src/operations/vm/listVms';
import { listOsTypes } from '../../../src/operations/vm/osTypes';
import { resetVm } from '../../../src/operations/vm/resetVm';
import { readResourceLimitsOperation } from '../../../src/operations/vm/resourceLimits';
import { setCpuCount, setMemory } from '../../../src/operations/vm/resources';
import { updateVmConfig } from '../../../src/operations/vm/updateVmConfig';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { parseHostInfo } from '../../../src/vbox/parsers/hostInfo';
import { parseMachineReadable } from '../../../src/vbox/parsers/machineReadable';
import { parseMediaList } from '../../../src/vbox/parsers/media';
import { covers } from '../support/coverage';
import { operationContext } from '../support/operationContext';
import { quietly, vbox } from '../support/independentReads';
import { testEnv } from '../support/testEnv';

// For a few seconds after a VM process ends, VirtualBox answers showvminfo now and then with a transient error
// ("The object is not ready", "The session is not locked"); the independent reads try again for a moment.
async function showVmInfo(vm: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await vbox('showvminfo', vm, '--machinereadable');
        } catch (error) {
            if (attempt >= 8) throw error;
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }
}
const readBack = async (vm: string) => parseMachineReadable(await showVmInfo(vm));
const registered = async (name: string) => (await vbox('list', 'vms')).split('\n').some((line) => line.startsWith(`"${name}" {`));
const rejectsWith = (promise: Promise<unknown>, code: VBoxErrorCode, message: RegExp) =>
    assert.rejects(promise, (error) => isVBoxError(error, code) && message.test(error.message));
// Progress arrives while VBoxManage runs. Only that some arrived, in order, is checked: the runner can miss the first
// and the last percentage when the bar's digits and "%" come in separate chunks.
const assertProgress = (percents: number[]) =>
    assert.ok(percents.length > 0 && percents.every((p, i) => p >= 0 && p <= 100 && (i === 0 || p >= percents[i - 1])), `progress ${percents.join(',')}`);

describe('(integration) vm operations: create, configure, clone, restore, delete', function () {
    const base = testEnv.uniqueName('vmops');
    const folder = () => join(testEnv.vbox.dataDir, base);
    const iso = () => join(folder(), 'boot.iso');
    let name = `${base}-main`;
    const fullClone = `${base}-full`;
    const linkedClone = `${base}-linked`;
    let uuid = '';

    before(function () {
        mkdirSync(folder(), { recursive: true });
        // VirtualBox opens any file as a raw DVD image; 1 MB of zeros is enough to attach.
        writeFileSync(iso(), Buffer.alloc(1024 * 1024));
    });

    after(async function () {
        for (const vm of [linkedClone, fullClone, name, `${base}-main`]) await quietly('unregistervm', vm, '--delete');
        await quietly('closemedium', 'dvd', iso());
        rmSync(folder(), { recursive: true, force: true });
    });

    it('list_os_types lists what VirtualBox knows and filters by text', async () => {
        const all = await runOperation(listOsTypes, operationContext(), {});
        const raw = await vbox('list', 'ostypes');
        assert.equal(all.length, raw.split('\n').filter((line) => line.startsWith('ID / Description:')).length);
        assert.ok(raw.includes(`${all[0].id} -- ${all[0].description}`));
        const ubuntu = await runOperation(listOsTypes, operationContext(), { search: 'UBUNTU' });
        assert.ok(ubuntu.some((t) => t.id === 'Ubuntu_64'));
        assert.ok(ubuntu.length < all.length && ubuntu.every((t) => /ubuntu/i.test(`${t.id} ${t.description} ${t.familyId} ${t.familyDescription}`)));
        covers('list_os_types');
    });

    it('create_vm creates a registered VM with a new disk and an ISO, in a base folder and a group', async () => {
        const ctx = operationContext();
        const result = await runOperation(createVm, ctx, {
            name,
            osType: 'Linux_64',
            memoryMb: 256,
            cpus: 1,
            diskSizeMb: 32,
            isoPath: iso(),
            baseFolder: folder(),
            group: '/itest/vmops',
        });
        uuid = result.uuid;
        const info = await readBack(name);
        assert.equal(info.get('UUID'), uuid);
        assert.equal(info.get('ostype'), 'Other Linux (64-bit)');
        assert.equal(info.get('memory'), '256');
        assert.equal(info.get('cpus'), '1');
        assert.equal(info.get('groups'), '/itest/vmops');
        assert.equal(info.get('CfgFile'), result.settingsFile);
        assert.ok(result.settingsFile.startsWith(folder()), `${result.settingsFile} is under the base folder`);
        assert.equal(info.get('storagecontrollername0'), 'SATA');
        assert.equal(info.get('SATA-0-0'), result.diskPath);
        assert.equal(dirname(result.diskPath ?? ''), dirname(result.settingsFile));
        assert.ok(existsSync(result.diskPath ?? ''), 'the disk file exists');
        assert.equal(info.get('SATA-1-0'), iso());
        assertProgress(ctx.percents);
        covers('create_vm');
    });

    it('create_vm refuses an unknown OS type and a taken name before creating anything', async () => {
        const other = `${base}-never`;
        await rejectsWith(runOperation(createVm, operationContext(), { name: other, osType: 'ubuntu_64', memoryMb: 256, cpus: 1 }), 'INVALID_INPUT', /"Ubuntu_64"/);
        await rejectsWith(runOperation(createVm, operationContext(), { name, osType: 'Other', memoryMb: 256, cpus: 1 }), 'ALREADY_EXISTS', new RegExp(uuid));
        await rejectsWith(
            runOperation(createVm, operationContext(), { name: other, osType: 'Other', memoryMb: 256, cpus: 1, isoPath: join(folder(), 'missing.iso') }),
            'INVALID_INPUT',
            /no ISO file/,
        );
        assert.equal(await registered(other), false);
    });

    it('create_vm deletes the half-made VM when a later step fails, and says so', async () => {
        const doomed = `${base}-doomed`;
        // A file where the new disk must go makes createmedium fail after createvm, modifyvm and storagectl.
        const blocker = join(folder(), doomed, `${doomed}.vdi`);
        mkdirSync(dirname(blocker), { recursive: true });
        writeFileSync(blocker, 'not a disk');
        await rejectsWith(
            runOperation(createVm, operationContext(), { name: doomed, osType: 'Other', memoryMb: 128, cpus: 1, diskSizeMb: 16, baseFolder: folder() }),
            'FILE_ERROR',
            /while creating the disk: .*unregistered and its files deleted/,
        );
        assert.equal(await registered(doomed), false, 'not registered');
        assert.equal(existsSync(join(folder(), doomed, `${doomed}.vbox`)), false, 'settings file deleted');
        assert.equal(existsSync(blocker), true, 'a file that was there before is left alone');
    });

    it('list_vms lists the VM with its state, OS, CPUs, memory and groups', async () => {
        const vms = await runOperation(listVms, operationContext(), {});
        const { lastStateChange, ...row } = vms.find((vm) => vm.uuid === uuid) ?? {};
        assert.deepEqual(row, { name, uuid, state: 'poweroff', osType: 'Other Linux (64-bit)', cpus: 1, memoryMb: 256, groups: ['/itest/vmops'], accessible: true });
        // The last state change, to the second, as showvminfo gives it (UTC, with fractions).
        const changed = (await readBack(uuid)).get('VMStateChangeTime') ?? '';
        assert.equal(Date.parse(lastStateChange ?? ''), Date.parse(`${changed.slice(0, 19)}Z`), `${lastStateChange} against showvminfo's ${changed}`);
        const raw = await vbox('list', 'vms');
        assert.equal(vms.length, raw.split('\n').filter((line) => line.trim()).length);
        covers('list_vms');
    });

    it('get_vm_config returns general, system, display, storage, network and snapshot sections', async () => {
        const config = await runOperation(getVmConfig, operationContext(), { vm: uuid });
        const info = await readBack(uuid);
        assert.equal(config.state, info.get('VMState'));
        assert.equal(config.general.name, name);
        assert.equal(config.system.memoryMb, Number(info.get('memory')));
        assert.deepEqual(config.system.bootOrder, ['boot1', 'boot2', 'boot3', 'boot4'].map((key) => info.get(key)));
        assert.equal(config.display.vramMb, Number(info.get('vram')));
        assert.equal(config.display.graphicsController, info.get('graphicscontroller'));
        const sata = config.storage.find((controller) => controller.name === 'SATA');
        assert.deepEqual(sata?.attachments.map((a) => [a.port, a.medium]), [[0, info.get('SATA-0-0')], [1, iso()]]);
        assert.deepEqual(config.network.map((nic) => [nic.slot, nic.attachment, nic.macAddress]), [[1, 'nat', info.get('macaddress1')]]);
        assert.deepEqual(config.snapshots, { count: 0, currentName: undefined, currentUuid: undefined });
        await rejectsWith(runOperation(getVmConfig, operationContext(), { vm: `${base}-nosuchvm` }), 'VM_NOT_FOUND', new RegExp(`"${base}-nosuchvm"`));
        covers('get_vm_config');
    });

    it('update_vm_config applies a patch in one modifyvm call, renaming included', async () => {
        const renamed = `${base}-renamed`;
        const result = await runOperation(updateVmConfig, operationContext(), {
            vm: name,
            patch: {
                name: renamed,
                osType: 'Debian_64',
                description: 'first line\nsecond "line"',
                groups: ['/itest/other'],
                memoryMb: 320,
                vramMb: 24,
                firmware: 'efi',
                chipset: 'ich9',
                graphicsController: 'vmsvga',
                bootOrder: ['dvd', 'disk'],
            },
        });
        name = renamed;
        const info = await readBack(uuid);
        assert.equal(info.get('name'), renamed);
        assert.equal(info.get('ostype'), 'Debian (64-bit)');
        assert.equal(info.get('description'), 'first line\nsecond "line"');
        assert.equal(info.get('groups'), '/itest/other');
        assert.equal(info.get('memory'), '320');
        assert.equal(info.get('vram'), '24');
        assert.equal(info.get('firmware'), 'EFI');
        assert.equal(info.get('chipset'), 'ich9');
        assert.equal(info.get('graphicscontroller'), 'vmsvga');
        assert.deepEqual(['boot1', 'boot2', 'boot3', 'boot4'].map((key) => info.get(key)), ['dvd', 'disk', 'none', 'none']);
        assert.equal(result.config.general.name, renamed);
        assert.equal(result.changed.length, 10);
        await rejectsWith(runOperation(updateVmConfig, operationContext(), { vm: uuid, patch: { osType: 'Nope_64' } }), 'INVALID_INPUT', /Nope_64/);
        assert.equal((await readBack(uuid)).get('ostype'), 'Debian (64-bit)', 'unchanged after a refused patch');
        covers('update_vm_config');
    });

    it("set_cpu_count and set_memory change the VM within the host's limits, and name the limit otherwise", async () => {
        const host = parseHostInfo(await vbox('list', 'hostinfo'));
        const cpus = await runOperation(setCpuCount, operationContext(), { vm: uuid, cpus: host.processorCount });
        assert.equal((await readBack(uuid)).get('cpus'), String(host.processorCount));
        assert.equal(cpus.cpus, host.processorCount);
        await rejectsWith(
            runOperation(setCpuCount, operationContext(), { vm: uuid, cpus: host.processorCount + 1 }),
            'INVALID_INPUT',
            new RegExp(`${host.processorCount} logical CPUs`),
        );
        covers('set_cpu_count');

        const memory = await runOperation(setMemory, operationContext(), { vm: uuid, memoryMb: 384 });
        assert.equal((await readBack(uuid)).get('memory'), '384');
        assert.equal(memory.memoryMb, 384);
        await rejectsWith(runOperation(setMemory, operationContext(), { vm: uuid, memoryMb: host.memorySizeMb + 1 }), 'INVALID_INPUT', new RegExp(`${host.memorySizeMb} MB`));
        assert.equal((await readBack(uuid)).get('memory'), '384', 'unchanged after the refusal');
        covers('set_memory');
    });

    it("read_resource_limits gives VirtualBox's limits capped at the host's, as list systemproperties and hostinfo say", async () => {
        const system = await vbox('list', 'systemproperties');
        const hostText = await vbox('list', 'hostinfo');
        const number = (text: string, label: RegExp) => Number(label.exec(text)?.[1] ?? NaN);
        const hostCpus = number(hostText, /^Processor count: +(\d+)$/m);
        const hostMemoryMb = number(hostText, /^Memory size: +(\d+) MByte$/m);
        const limits = await runOperation(readResourceLimitsOperation, operationContext(), {});
        assert.deepEqual(limits, {
            minCpus: number(system, /^Minimum guest CPU count: +(\d+)$/m),
            maxCpus: Math.min(number(system, /^Maximum guest CPU count: +(\d+)$/m), hostCpus),
            minMemoryMb: number(system, /^Minimum guest RAM size: +(\d+) Megabytes$/m),
            maxMemoryMb: Math.min(number(system, /^Maximum guest RAM size: +(\d+) Megabytes$/m), hostMemoryMb),
            minVramMb: number(system, /^Minimum video RAM size: +(\d+) Megabytes$/m),
            maxVramMb: number(system, /^Maximum video RAM size: +(\d+) Megabytes$/m),
            hostCpus,
            hostMemoryMb,
        });
        covers('read_resource_limits');
    });

    it('clone_vm makes a full clone with its own disk', async () => {
        const ctx = operationContext();
        const result = await runOperation(cloneVm, ctx, { vm: name, newName: fullClone, baseFolder: folder() });
        const info = await readBack(fullClone);
        assert.equal(info.get('UUID'), result.uuid);
        assert.equal(result.registered, true);
        const disk = info.get('SATA-0-0') ?? '';
        assert.ok(disk.startsWith(join(folder(), fullClone)) && existsSync(disk), `own disk ${disk}`);
        assert.notEqual(disk, (await readBack(uuid)).get('SATA-0-0'));
        assertProgress(ctx.percents);
    });

    it('clone_vm makes a linked clone from a new snapshot when none is named', async () => {
        const baseDisk = (await readBack(uuid)).get('SATA-ImageUUID-0-0');
        const result = await runOperation(cloneVm, operationContext(), { vm: name, newName: linkedClone, mode: 'linked', baseFolder: folder() });
        assert.equal(result.createdSnapshot, `Linked Base for ${linkedClone}`);
        assert.equal((await readBack(uuid)).get('SnapshotName'), `Linked Base for ${linkedClone}`);
        const clone = await readBack(linkedClone);
        assert.equal(clone.get('UUID'), result.uuid);
        // A linked clone's disk is a differencing image whose parent is the source's disk as the snapshot froze it.
        const disks = parseMediaList(await vbox('list', 'hdds'));
        const cloneDisk = disks.find((medium) => medium.uuid === clone.get('SATA-ImageUUID-0-0'));
        assert.equal(cloneDisk?.parentUuid, baseDisk);
        covers('clone_vm');
    });

    it('clone_vm removes the snapshot it took when the linked clone then fails', async () => {
        const blocked = `${base}-blocked`;
        // A settings file already where the clone's must go makes clonevm fail after the snapshot was taken.
        const settings = join(folder(), blocked, `${blocked}.vbox`);
        mkdirSync(dirname(settings), { recursive: true });
        writeFileSync(settings, 'not a VM');
        const snapshotsBefore = (await vbox('snapshot', uuid, 'list', '--machinereadable')).match(/^SnapshotName[-\d]*=/gm)?.length;
        await rejectsWith(
            runOperation(cloneVm, operationContext(), { vm: uuid, newName: blocked, mode: 'linked', baseFolder: folder() }),
            'FILE_ERROR',
            new RegExp(`Cleaned up: the snapshot "Linked Base for ${blocked}" taken for it was deleted`),
        );
        assert.equal(await registered(blocked), false);
        const snapshots = await vbox('snapshot', uuid, 'list', '--machinereadable');
        assert.equal(snapshots.match(/^SnapshotName[-\d]*=/gm)?.length, snapshotsBefore, 'no snapshot left behind');
        assert.ok(!snapshots.includes(`Linked Base for ${blocked}`));
    });

    it('clone_vm from an unknown snapshot fails and leaves no clone registered', async () => {
        const never = `${base}-noclone`;
        await rejectsWith(runOperation(cloneVm, operationContext(), { vm: name, newName: never, snapshot: 'no such snapshot' }), 'SNAPSHOT_NOT_FOUND', /no such snapshot/);
        assert.equal(await registered(never), false);
    });

    it('reset_vm in snapshot mode restores the current or a named snapshot', async () => {
        await vbox('snapshot', fullClone, 'take', 'small');
        await vbox('modifyvm', fullClone, '--memory', '200');
        await vbox('snapshot', fullClone, 'take', 'medium');
        await vbox('modifyvm', fullClone, '--memory', '300');
        const current = await runOperation(resetVm, operationContext(), { vm: fullClone, mode: 'snapshot' });
        assert.equal((await readBack(fullClone)).get('memory'), '200');
        assert.equal(current.restoredSnapshot, 'medium');
        const named = await runOperation(resetVm, operationContext(), { vm: fullClone, mode: 'snapshot', snapshot: 'small' });
        assert.equal((await readBack(fullClone)).get('memory'), '384');
        assert.equal((await readBack(fullClone)).get('CurrentSnapshotName'), 'small');
        assert.equal(named.restoredSnapshot, 'small');
        await rejectsWith(runOperation(resetVm, operationContext(), { vm: fullClone, mode: 'snapshot', snapshot: 'huge' }), 'SNAPSHOT_NOT_FOUND', /"huge"/);
        await rejectsWith(runOperation(resetVm, operationContext(), { vm: linkedClone, mode: 'snapshot' }), 'SNAPSHOT_NOT_FOUND', /has no snapshots/);
        await rejectsWith(runOperation(resetVm, operationContext(), { vm: fullClone, mode: 'hard' }), 'INVALID_VM_STATE', /powered off/);
        covers('reset_vm');
    });

    it('delete_vm unregisters and keeps the files by default', async () => {
        const settings = (await readBack(fullClone)).get('CfgFile') ?? '';
        const result = await runOperation(deleteVm, operationContext(), { vm: fullClone });
        assert.equal(result.filesDeleted, false);
        assert.equal(await registered(fullClone), false);
        assert.ok(existsSync(settings), 'settings file kept');
        // Register it again so that after() deletes it with its files.
        await vbox('registervm', settings);
        assert.equal(await registered(fullClone), true);
    });

    it('delete_vm with deleteFiles removes the VM and its files', async () => {
        const info = await readBack(linkedClone);
        const [settings, disk] = [info.get('CfgFile') ?? '', info.get('SATA-0-0') ?? ''];
        const ctx = operationContext();
        await runOperation(deleteVm, ctx, { vm: linkedClone, deleteFiles: true });
        assert.equal(await registered(linkedClone), false);
        assert.equal(existsSync(settings), false, 'settings file deleted');
        assert.equal(existsSync(disk), false, 'differencing disk deleted');
        covers('delete_vm');
    });
});
