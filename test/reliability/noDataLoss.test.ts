// Loads this spec as an ES module, like the runner (see test/integration/operations/vmRunning.test.ts).
import '../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOperation } from '../../src/operations/operation';
import { addDisk } from '../../src/operations/storage/addDisk';
import { deleteDisk } from '../../src/operations/storage/deleteDisk';
import { removeDisk } from '../../src/operations/storage/removeDisk';
import { cloneVm } from '../../src/operations/vm/clone';
import { createVm } from '../../src/operations/vm/createVm';
import { deleteVm } from '../../src/operations/vm/deleteVm';
import type { Services } from '../../src/services/services';
import { isVBoxError } from '../../src/vbox/errors';
import { silentLogger } from '../../src/vbox/logger';
import type { PlannedStep } from '../../src/webviews/settings/applyPlanner';
import { runSteps } from '../../src/webviews/settings/applyRunner';
import { machine, quietly, vbox } from '../integration/support/independentReads';
import { testEnv } from '../integration/support/testEnv';
import { countingContext } from './support/rejections';
import { atEnd, stoppedVm, uuidIn } from './support/sharedVms';
import { dataLossCheck } from './support/tally';

/**
 * No disk or VM file is deleted unless the user asked for exactly that; a failed create, clone or attach leaves
 * nothing half-made behind; a settings apply that fails half-way says what was applied and what was not. Every
 * outcome is read back from VirtualBox and the file system, not from the operation's result.
 */
const registered = async (name: string) => (await vbox('list', 'vms')).includes(`"${name}" {`);

/** A powered-off VM with one disk (and optionally a DVD image), made with plain VBoxManage. */
async function vmWithDisk(label: string, dvd?: string): Promise<{ name: string; uuid: string; settingsFile: string; disk: string }> {
    const name = testEnv.uniqueName(label);
    atEnd(() => quietly('unregistervm', name, '--delete'));
    const uuid = uuidIn(await vbox('createvm', '--name', name, '--ostype', 'Other', '--register'));
    const settingsFile = (await machine(uuid)).get('CfgFile') ?? '';
    await vbox('storagectl', uuid, '--name', 'SATA', '--add', 'sata', '--portcount', '2');
    const disk = join(testEnv.vbox.dataDir, 'machines', name, `${name} disk.vdi`);
    await vbox('createmedium', 'disk', '--filename', disk, '--size', '16');
    await vbox('storageattach', uuid, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', disk);
    if (dvd) await vbox('storageattach', uuid, '--storagectl', 'SATA', '--port', '1', '--device', '0', '--type', 'dvddrive', '--medium', dvd);
    return { name, uuid, settingsFile, disk };
}

describe('(reliability) no data loss', function () {
    const folder = () => join(testEnv.vbox.dataDir, 'reliability-files');
    before(() => mkdirSync(folder(), { recursive: true }));

    it('delete_vm without deleteFiles keeps every file; with deleteFiles it keeps the DVD image the user brought', async () => {
        const kept = await vmWithDisk('rel-keep');
        await runOperation(deleteVm, countingContext().ctx, { vm: kept.uuid });
        await dataLossCheck('delete_vm without deleteFiles keeps the settings file and the disk', async () => {
            assert.equal(await registered(kept.name), false);
            assert.ok(existsSync(kept.settingsFile) && existsSync(kept.disk));
        });
        // Registered again so that the cleanup can delete it.
        await vbox('registervm', kept.settingsFile);

        const iso = join(folder(), `${testEnv.uniqueName('installer')}.iso`);
        writeFileSync(iso, Buffer.alloc(1024 * 1024));
        atEnd(() => quietly('closemedium', 'dvd', iso));
        const removed = await vmWithDisk('rel-delete', iso);
        await runOperation(deleteVm, countingContext().ctx, { vm: removed.uuid, deleteFiles: true });
        await dataLossCheck('delete_vm with deleteFiles deletes the VM and its disk, not the attached ISO', async () => {
            assert.equal(await registered(removed.name), false);
            assert.ok(!existsSync(removed.settingsFile) && !existsSync(removed.disk), 'the VM files are gone');
            assert.ok(existsSync(iso), 'the ISO image is still there');
        });
    });

    it('remove_disk keeps the image file unless deleteFile is set; delete_disk refuses an attached disk', async () => {
        const vm = await vmWithDisk('rel-detach');
        await runOperation(removeDisk, countingContext().ctx, { vm: vm.uuid, disk: vm.disk });
        await dataLossCheck('remove_disk without deleteFile keeps the file and its registration', async () => {
            assert.equal((await machine(vm.uuid)).get('SATA-0-0'), 'none');
            assert.ok(existsSync(vm.disk));
            assert.ok((await vbox('list', 'hdds')).includes(vm.disk));
        });
        await vbox('storageattach', vm.uuid, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', vm.disk);
        await assert.rejects(runOperation(deleteDisk, countingContext().ctx, { disk: vm.disk }), (error) => isVBoxError(error, 'MEDIUM_IN_USE'));
        await dataLossCheck('delete_disk refuses a disk a VM uses, and the file stays', async () => {
            assert.ok(existsSync(vm.disk));
            assert.equal((await machine(vm.uuid)).get('SATA-0-0'), vm.disk);
        });
    });

    it('a failed attach of an existing disk leaves that disk where it was', async () => {
        const owner = await vmWithDisk('rel-owner');
        const other = await vmWithDisk('rel-other');
        // A normal disk belongs to one VM (VirtualBox itself would attach it to a second one).
        await assert.rejects(
            runOperation(addDisk, countingContext().ctx, { vm: other.uuid, disk: { kind: 'existing', path: owner.disk } }),
            (error) => isVBoxError(error, 'MEDIUM_IN_USE') && error.message.includes(owner.name),
        );
        await dataLossCheck('a refused attach of an existing disk deletes nothing and changes no VM', async () => {
            assert.ok(existsSync(owner.disk));
            assert.equal((await machine(owner.uuid)).get('SATA-0-0'), owner.disk);
            assert.equal((await machine(other.uuid)).get('SATA-0-0'), other.disk);
            assert.equal((await machine(other.uuid)).get('SATA-1-0'), 'none');
        });
    });

    it('a create_vm that fails half-way unregisters what it made and leaves the file that was in its way', async () => {
        const name = testEnv.uniqueName('rel-halfmade');
        atEnd(() => quietly('unregistervm', name, '--delete'));
        // A file of the user's exactly where the new disk would go: createmedium fails after createvm succeeded.
        const vmFolder = join(folder(), name);
        mkdirSync(vmFolder, { recursive: true });
        const inTheWay = join(vmFolder, `${name}.vdi`);
        writeFileSync(inTheWay, 'the user\'s own data');
        await assert.rejects(
            runOperation(createVm, countingContext().ctx, { name, osType: 'Other', memoryMb: 64, cpus: 1, diskSizeMb: 16, baseFolder: folder() }),
            (error) => isVBoxError(error) && /failed while creating the disk: .*unregistered and its files deleted/s.test(error.message),
        );
        await dataLossCheck('a failed create_vm leaves no VM registered and the user\'s file untouched', async () => {
            assert.equal(await registered(name), false);
            assert.ok(!existsSync(join(vmFolder, `${name}.vbox`)), 'the settings file is gone');
            assert.equal(readFileSync(inTheWay, 'utf8'), 'the user\'s own data');
        });
    });

    it('a linked clone that fails removes its clone and the snapshot it took, and leaves the source intact', async () => {
        const source = await vmWithDisk('rel-linksrc');
        const newName = testEnv.uniqueName('rel-linked');
        atEnd(() => quietly('unregistervm', newName, '--delete'));
        // A file where the clone's folder should go: clonevm fails after the linked base snapshot was taken.
        const blocked = join(folder(), `${testEnv.uniqueName('not-a-folder')}`);
        writeFileSync(blocked, 'a file, not a folder');
        await assert.rejects(
            runOperation(cloneVm, countingContext().ctx, { vm: source.uuid, newName, mode: 'linked', baseFolder: blocked }),
            (error) => isVBoxError(error) && /Cleaned up: .*snapshot "Linked Base for/s.test(error.message),
        );
        await dataLossCheck('a failed linked clone leaves no clone, no extra snapshot, and the source disk attached', async () => {
            assert.equal(await registered(newName), false);
            const info = await machine(source.uuid);
            assert.equal(info.get('SATA-0-0'), source.disk);
            assert.ok(!(await vbox('snapshot', source.uuid, 'list', '--machinereadable').catch(() => '')).includes('Linked Base'));
            assert.ok(existsSync(source.disk) && existsSync(blocked));
        });
    });

    it('a settings apply that fails half-way reports what was applied, what failed and what did not run', async () => {
        const vm = await stoppedVm();
        const { ctx } = countingContext();
        const services = { vbox: { execute: (operation: never, input: unknown) => runOperation(operation, ctx, input) }, logger: silentLogger } as unknown as Services;
        const step = (key: string, operation: PlannedStep['operation'], input: Record<string, unknown>, label: string): PlannedStep => ({
            key,
            operation,
            input,
            label,
            fields: [key],
            fieldMap: [],
            live: false,
        });
        const steps = [
            step('config', 'update_vm_config', { vm: vm.name, patch: { memoryMb: 96 } }, 'Change memory'),
            step('pf', 'port_forwarding', { vm: vm.name, action: 'add', rule: { name: 'web', hostPort: vm.rule.hostPort, guestPort: 80 } }, 'Add rule web'),
            step('config2', 'update_vm_config', { vm: vm.name, patch: { description: 'must not be set' } }, 'Change description'),
        ];
        const result = await runSteps(services, steps, () => undefined);
        await dataLossCheck('a half-done apply names the applied, the failed and the not-run steps, as VirtualBox shows them', async () => {
            assert.deepEqual(result.applied.map((entry) => entry.label), ['Change memory']);
            assert.equal(result.failed?.label, 'Add rule web');
            assert.match(result.failed?.message ?? '', /already forwarded/);
            assert.deepEqual(result.notRun.map((entry) => entry.label), ['Change description']);
            const info = await machine(vm.name);
            assert.equal(info.get('memory'), '96');
            assert.notEqual(info.get('description'), 'must not be set');
            assert.ok(![...info.keys()].some((key) => key.startsWith('Forwarding(') && info.get(key)?.startsWith('web,')));
        });
    });
});
