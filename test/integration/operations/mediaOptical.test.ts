// Loads this spec as an ES module, like the root hook's runner (see vmRunning.test.ts): one copy of src/vbox/errors.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ejectDvd } from '../../../src/operations/media/ejectDvd';
import { insertDvd } from '../../../src/operations/media/insertDvd';
import { releaseMedium } from '../../../src/operations/media/releaseMedium';
import { unregisterMedium } from '../../../src/operations/media/unregisterMedium';
import { runOperation } from '../../../src/operations/operation';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { parseMediaList } from '../../../src/vbox/parsers/media';
import { powerOffAndWait } from '../../reliability/support/sharedVms';
import { writeIso } from '../../support/iso9660';
import { covers } from '../support/coverage';
import { operationContext } from '../support/operationContext';
import { calls } from '../support/recordingLogger';
import { machine, quietly, vbox } from '../support/independentReads';
import { testEnv } from '../support/testEnv';

const rejectsWith = (promise: Promise<unknown>, code: VBoxErrorCode, message: RegExp) =>
    assert.rejects(promise, (error) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        assert.match(error.message, message);
        return true;
    });
const registeredDvds = async () => parseMediaList(await vbox('list', '--long', 'dvds'));
const spawned = (verb: string) => calls.filter((call) => call.args[0] === verb).length;

/**
 * Waits (with a deadline) until VirtualBox reports the state and, for a powered-off VM, has released its session too:
 * until the VM process is gone, changes fail ("Failed to get a console object from the direct session").
 */
async function waitForState(vm: string, state: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    const reached = (info: Map<string, string>) => info.get('VMState') === state && (state !== 'poweroff' || !info.has('SessionName'));
    while (!reached(await machine(vm))) {
        if (Date.now() > deadline) throw new Error(`VM ${vm} did not reach ${state}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

describe('(integration) media operations: optical drives, release and registry', function () {
    const bare = testEnv.uniqueName('dvd-bare');
    const sata = testEnv.uniqueName('dvd-sata');
    const folder = () => join(testEnv.vbox.dataDir, testEnv.uniqueName('dvd-files'));
    let dir = '';
    let isoA = '';
    let isoB = '';
    let disk = '';

    before(async function () {
        dir = folder();
        mkdirSync(dir, { recursive: true });
        isoA = join(dir, 'first.iso');
        isoB = join(dir, 'second.iso');
        writeIso(isoA, 'FIRST');
        writeIso(isoB, 'SECOND');
        disk = join(dir, 'data.vdi');
        for (const vm of [bare, sata]) {
            await vbox('createvm', '--name', vm, '--ostype', 'Other', '--basefolder', dir, '--register');
            await vbox('modifyvm', vm, '--memory', '64');
        }
        await vbox('createmedium', 'disk', '--filename', disk, '--size', '4');
        await vbox('storagectl', sata, '--name', 'SATA', '--add', 'sata', '--portcount', '1');
        await vbox('storageattach', sata, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', disk);
    });

    after(async function () {
        for (const vm of [bare, sata]) {
            // Its session must be gone before unregistervm, or the VM would stay registered without its folder (removed
            // below): an inaccessible VM that later suites would meet.
            const uuid = (await machine(vm).catch(() => undefined))?.get('UUID');
            if (uuid) await powerOffAndWait(uuid);
            await quietly('unregistervm', vm, '--delete');
        }
        for (const iso of [isoA, isoB]) await quietly('closemedium', 'dvd', iso);
        await quietly('closemedium', 'disk', disk, '--delete');
        rmSync(dir, { recursive: true, force: true });
    });

    // Mocha runs a suite's own tests before its nested suites: every test sits in a nested suite, in order.
    describe('on powered-off VMs', function () {
        it('insert_dvd gives a VM without controllers an IDE controller and a DVD drive holding the ISO', async () => {
            const result = await runOperation(insertDvd, operationContext(), { vm: bare, iso: isoA });
            assert.deepEqual([result.controller, result.port, result.device, result.driveAdded, result.controllerCreated], ['IDE', 0, 0, true, true]);
            const info = await machine(bare);
            assert.equal(info.get('storagecontrollertype0'), 'PIIX4');
            assert.equal(info.get('IDE-0-0'), isoA);
            assert.equal(info.get('IDE-ImageUUID-0-0'), result.uuid);
            assert.ok((await registeredDvds()).some((medium) => medium.location === isoA), 'the ISO is registered as an optical image');
        });

        it('insert_dvd swaps the disc of the existing drive, and refuses a missing file before calling VirtualBox', async () => {
            const result = await runOperation(insertDvd, operationContext(), { vm: bare, iso: isoB });
            assert.equal(result.driveAdded, false);
            assert.equal(result.replaced, isoA);
            assert.equal((await machine(bare)).get('IDE-0-0'), isoB);
            const attaches = spawned('storageattach');
            await rejectsWith(runOperation(insertDvd, operationContext(), { vm: bare, iso: join(dir, 'missing.iso') }), 'FILE_ERROR', /no file/);
            assert.equal(spawned('storageattach'), attaches, 'no storageattach for a missing file');
        });

        it('insert_dvd adds the drive to a free port of an existing SATA controller, growing its port count', async () => {
            const result = await runOperation(insertDvd, operationContext(), { vm: sata, iso: isoA });
            assert.deepEqual([result.controller, result.port, result.driveAdded, result.controllerCreated], ['SATA', 1, true, false]);
            const info = await machine(sata);
            assert.equal(info.get('storagecontrollerportcount0'), '2');
            assert.equal(info.get('SATA-1-0'), isoA);
            assert.equal(info.get('SATA-0-0'), disk, 'the disk stays where it was');
            covers('insert_dvd');
        });

        it('eject_dvd empties the drive and keeps the image registered; an empty drive has nothing to eject', async () => {
            const result = await runOperation(ejectDvd, operationContext(), { vm: sata });
            assert.deepEqual([result.controller, result.port, result.device, result.ejected], ['SATA', 1, 0, isoA]);
            assert.equal((await machine(sata)).get('SATA-1-0'), 'emptydrive');
            assert.ok((await registeredDvds()).some((medium) => medium.location === isoA));
            assert.ok(existsSync(isoA));
            await rejectsWith(runOperation(ejectDvd, operationContext(), { vm: sata }), 'INVALID_INPUT', /nothing to eject/);
            covers('eject_dvd');
        });
    });

    describe('on a running VM', function () {
        before(async function () {
            // bare holds isoB in IDE 0:0; sata has an empty SATA drive and a disk.
            await vbox('startvm', bare, '--type', 'headless');
            await waitForState(bare, 'running');
        });

        after(async function () {
            await quietly('controlvm', bare, 'poweroff');
            await waitForState(bare, 'poweroff').catch(() => undefined);
        });

        it('insert_dvd hot-swaps the disc while the VM runs, and eject_dvd ejects it', async () => {
            const inserted = await runOperation(insertDvd, operationContext(), { vm: bare, iso: isoA });
            assert.equal(inserted.replaced, isoB);
            let info = await machine(bare);
            assert.equal(info.get('VMState'), 'running');
            assert.equal(info.get('IDE-0-0'), isoA);
            await runOperation(ejectDvd, operationContext(), { vm: bare, controller: 'IDE', port: 0, device: 0 });
            info = await machine(bare);
            assert.equal(info.get('VMState'), 'running');
            assert.equal(info.get('IDE-0-0'), 'emptydrive');
        });

        it('release_medium ejects a disc from a running and a powered-off VM', async () => {
            await runOperation(insertDvd, operationContext(), { vm: bare, iso: isoB });
            await runOperation(insertDvd, operationContext(), { vm: sata, iso: isoB });
            const result = await runOperation(releaseMedium, operationContext(), { medium: isoB });
            assert.deepEqual(result.released.map((r) => [r.vm, r.controller, r.port, r.action]).sort(), [[bare, 'IDE', 0, 'ejected'], [sata, 'SATA', 1, 'ejected']].sort());
            assert.equal((await machine(bare)).get('IDE-0-0'), 'emptydrive');
            assert.equal((await machine(sata)).get('SATA-1-0'), 'emptydrive');
            const medium = (await registeredDvds()).find((candidate) => candidate.location === isoB);
            assert.ok(medium, 'still registered');
            assert.deepEqual(medium.inUseBy, []);
        });

        it('release_medium refuses a disk a running VM uses, changing nothing', async () => {
            // sata (powered off until now) still has the disk in SATA 0:0.
            await vbox('startvm', sata, '--type', 'headless');
            await waitForState(sata, 'running');
            const attaches = spawned('storageattach');
            await rejectsWith(runOperation(releaseMedium, operationContext(), { medium: disk }), 'INVALID_VM_STATE', new RegExp(`"${sata}" \\(running\\)`));
            assert.equal(spawned('storageattach'), attaches, 'nothing detached');
            assert.equal((await machine(sata)).get('SATA-0-0'), disk);
            await vbox('controlvm', sata, 'poweroff');
            await waitForState(sata, 'poweroff');
        });
    });

    describe('release and registry', function () {
        it('release_medium detaches a disk from a powered-off VM; the file stays registered', async () => {
            const result = await runOperation(releaseMedium, operationContext(), { medium: disk });
            assert.deepEqual(result.released.map((r) => [r.vm, r.controller, r.port, r.action]), [[sata, 'SATA', 0, 'detached']]);
            assert.equal((await machine(sata)).get('SATA-0-0'), 'none');
            assert.match(await vbox('showmediuminfo', 'disk', disk), /Location:\s+.*data\.vdi/);
            covers('release_medium');
        });

        it('unregister_medium refuses an image in use, then forgets a free one and keeps its file', async () => {
            await runOperation(insertDvd, operationContext(), { vm: bare, iso: isoA });
            await rejectsWith(runOperation(unregisterMedium, operationContext(), { medium: isoA }), 'MEDIUM_IN_USE', new RegExp(`"${bare}"`));
            assert.ok((await registeredDvds()).some((medium) => medium.location === isoA));
            await runOperation(ejectDvd, operationContext(), { vm: bare });
            const result = await runOperation(unregisterMedium, operationContext(), { medium: isoA });
            assert.deepEqual([result.kind, result.path, result.fileKept], ['dvd', isoA, true]);
            assert.ok(!(await registeredDvds()).some((medium) => medium.location === isoA), 'no longer registered');
            assert.ok(existsSync(isoA), 'the file is kept');
            const free = await runOperation(unregisterMedium, operationContext(), { medium: disk });
            assert.equal(free.kind, 'disk');
            assert.ok(!(await vbox('list', 'hdds')).includes(disk), 'the disk is no longer registered');
            assert.ok(existsSync(disk), 'the disk file is kept');
            covers('unregister_medium');
        });
    });
});
