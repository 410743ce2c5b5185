// Loads this spec as an ES module, like the root hook's runner (see vmRunning.test.ts): one copy of src/vbox/errors.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOperation, type OperationContext } from '../../../src/operations/operation';
import { createSnapshot } from '../../../src/operations/snapshot/createSnapshot';
import { deleteSnapshot } from '../../../src/operations/snapshot/deleteSnapshot';
import { listSnapshots } from '../../../src/operations/snapshot/listSnapshots';
import { restoreSnapshot } from '../../../src/operations/snapshot/restoreSnapshot';
import { command, type VBoxCommand } from '../../../src/vbox/command';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { parseMachineReadable } from '../../../src/vbox/parsers/machineReadable';
import type { RunOptions, VBoxManage } from '../../../src/vbox/runner';
import { covers } from '../support/coverage';
import { operationContext } from '../support/operationContext';
import { calls } from '../support/recordingLogger';
import { machine, quietly, vbox } from '../support/independentReads';
import { testEnv } from '../support/testEnv';

/** `snapshot list --machinereadable` as key/values; exit 1 (no snapshots) reads as no keys. */
const snapshotKeys = async (vm: string) =>
    parseMachineReadable(await testEnv.runner.run(command(['snapshot', vm, 'list', '--machinereadable'], (o) => o.stdout, { acceptExitCodes: [1] })));
const snapshotNames = async (vm: string) => [...(await snapshotKeys(vm)).entries()].filter(([key]) => /^SnapshotName(-\d+)*$/.test(key)).map(([, v]) => v);
const rejectsWith = (promise: Promise<unknown>, code: VBoxErrorCode, message: RegExp) =>
    assert.rejects(promise, (error) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        assert.match(error.message, message);
        return true;
    });
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
const spawnedSnapshot = (verb: string) => calls.filter((call) => call.args[0] === 'snapshot' && call.args[2] === verb).length;

/** After a power-off the VM process keeps the session for a moment; restoring needs it gone. */
async function waitUntilUnlocked(vm: string): Promise<void> {
    for (let i = 0; i < 120; i++) {
        const info = await machine(vm).catch(() => undefined);
        if (!info || (!info.has('SessionName') && info.get('VMState') === 'poweroff')) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}

/**
 * Gives the VM a guest that idles: a floppy whose boot sector is an endless loop (`jmp $`). An empty VM fails to
 * boot after a few seconds, and the VM window's error message then keeps its process (and the VM's lock) alive
 * after a power-off.
 */
async function giveIdleGuest(vm: string): Promise<void> {
    const image = join(testEnv.vbox.dataDir, vm, 'idle-guest.img');
    const sectors = Buffer.alloc(1_474_560);
    sectors.set([0xeb, 0xfe], 0);
    sectors.set([0x55, 0xaa], 510);
    writeFileSync(image, sectors);
    await vbox('storagectl', vm, '--name', 'Floppy', '--add', 'floppy');
    await vbox('storageattach', vm, '--storagectl', 'Floppy', '--port', '0', '--device', '0', '--type', 'fdd', '--medium', image);
}

/**
 * Powers the VM off, waits for its process to let go of the session, unregisters and deletes it. The folder is
 * removed only once VirtualBox has forgotten the VM, so a VM whose process lingers is left whole (and named).
 */
async function removeVm(vm: string): Promise<void> {
    await quietly('controlvm', vm, 'poweroff');
    await waitUntilUnlocked(vm);
    for (let attempt = 0; attempt < 5; attempt++) {
        await quietly('unregistervm', vm, '--delete-all');
        if (!(await vbox('list', 'vms')).includes(`"${vm}" {`)) {
            rmSync(join(testEnv.vbox.dataDir, vm), { recursive: true, force: true });
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    console.warn(`    left behind: VM "${vm}" is still locked by its process`);
}

describe('(integration) snapshot operations', function () {
    const vm = testEnv.uniqueName('snaps');
    const description = 'before the upgrade\nsecond line with "quotes"';
    let baseUuid = '';

    before(async function () {
        await vbox('createvm', '--name', vm, '--ostype', 'Other', '--basefolder', testEnv.vbox.dataDir, '--register');
        await vbox('modifyvm', vm, '--memory', '64');
        await giveIdleGuest(vm);
    });

    after(async function () {
        this.timeout(180_000);
        await removeVm(vm);
    });

    it('list_snapshots gives an empty tree for a VM without snapshots', async () => {
        assert.deepEqual(await snapshotNames(vm), []);
        assert.deepEqual(await runOperation(listSnapshots, operationContext(), { vm }), { vm, roots: [], count: 0 });
        await rejectsWith(runOperation(listSnapshots, operationContext(), { vm: `${vm}-none-such` }), 'VM_NOT_FOUND', /none-such/);
    });

    it('create_snapshot takes a snapshot with a multi-line description, reporting progress', async () => {
        const { ctx, withProgress } = progressContext();
        const result = await runOperation(createSnapshot, ctx, { vm, name: 'base', description });
        assert.deepEqual([result.name, result.live], ['base', false]);
        const keys = await snapshotKeys(vm);
        assert.equal(keys.get('SnapshotName'), 'base');
        assert.equal(keys.get('SnapshotUUID'), result.uuid);
        assert.equal(keys.get('SnapshotDescription'), description);
        assert.equal(keys.get('CurrentSnapshotUUID'), result.uuid);
        assert.ok(withProgress.some((args) => args[2] === 'take'), 'snapshot take reports progress');
        baseUuid = result.uuid;

        const takes = spawnedSnapshot('take');
        await rejectsWith(runOperation(createSnapshot, operationContext(), { vm, name: 'base' }), 'ALREADY_EXISTS', /already has a snapshot named "base"/);
        assert.equal(spawnedSnapshot('take'), takes, 'no second "base" taken');
        covers('create_snapshot');
    });

    it('list_snapshots shows the tree with the current snapshot marked', async () => {
        const child = await runOperation(createSnapshot, operationContext(), { vm, name: 'child' });
        const result = await runOperation(listSnapshots, operationContext(), { vm });
        assert.equal(result.count, 2);
        assert.equal(result.currentUuid, child.uuid);
        assert.deepEqual(
            result.roots.map((root) => [root.name, root.uuid, root.current, root.children.map((c) => [c.name, c.uuid, c.current])]),
            [['base', baseUuid, false, [['child', child.uuid, true]]]],
        );
        const keys = await snapshotKeys(vm);
        assert.deepEqual([keys.get('SnapshotName-1'), keys.get('CurrentSnapshotUUID')], ['child', child.uuid]);
        covers('list_snapshots');
    });

    it('create_snapshot takes a live snapshot of a running VM, which keeps running', async function () {
        this.timeout(180_000);
        await vbox('startvm', vm, '--type', 'headless');
        const result = await runOperation(createSnapshot, operationContext(), { vm, name: 'while running', live: true });
        assert.equal(result.live, true);
        assert.equal((await machine(vm)).get('VMState'), 'running');
        assert.ok((await snapshotNames(vm)).includes('while running'));
    });

    it('restore_snapshot refuses a running VM without calling VirtualBox', async () => {
        const restores = spawnedSnapshot('restore');
        await rejectsWith(runOperation(restoreSnapshot, operationContext(), { vm, snapshot: 'base' }), 'INVALID_VM_STATE', /running/);
        assert.equal(spawnedSnapshot('restore'), restores);
        assert.equal((await snapshotKeys(vm)).get('CurrentSnapshotName'), 'while running');
    });

    it('restore_snapshot returns a powered-off VM to a snapshot', async function () {
        this.timeout(120_000);
        await vbox('controlvm', vm, 'poweroff');
        await waitUntilUnlocked(vm);
        const { ctx, withProgress } = progressContext();
        const result = await runOperation(restoreSnapshot, ctx, { vm, snapshot: 'base' });
        assert.ok(withProgress.some((args) => args[2] === 'restore'), 'snapshot restore reports progress');
        assert.deepEqual([result.name, result.uuid], ['base', baseUuid]);
        const keys = await snapshotKeys(vm);
        assert.equal(keys.get('CurrentSnapshotUUID'), baseUuid);
        assert.equal((await machine(vm)).get('VMState'), 'poweroff');
        await rejectsWith(runOperation(restoreSnapshot, operationContext(), { vm, snapshot: 'no such snapshot' }), 'SNAPSHOT_NOT_FOUND', /"child"/);
        covers('restore_snapshot');
    });

    it('delete_snapshot deletes snapshots by name and by UUID', async function () {
        this.timeout(120_000);
        const running = (await snapshotKeys(vm)).get('SnapshotUUID-1-1');
        assert.ok(running, 'the live snapshot sits under "child"');
        const { ctx, withProgress } = progressContext();
        assert.equal((await runOperation(deleteSnapshot, ctx, { vm, snapshot: running })).name, 'while running');
        assert.ok(withProgress.some((args) => args[2] === 'delete'), 'snapshot delete reports progress');
        await runOperation(deleteSnapshot, operationContext(), { vm, snapshot: 'child' });
        assert.deepEqual(await snapshotNames(vm), ['base']);
        await runOperation(deleteSnapshot, operationContext(), { vm, snapshot: baseUuid });
        assert.deepEqual(await snapshotNames(vm), []);
        assert.equal((await machine(vm)).get('CurrentSnapshotName'), undefined);
        await rejectsWith(runOperation(deleteSnapshot, operationContext(), { vm, snapshot: 'base' }), 'SNAPSHOT_NOT_FOUND', /has no snapshots/);
        covers('delete_snapshot');
    });
});
