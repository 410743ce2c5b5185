import { strict as assert } from 'node:assert';
import { runOperation, type Operation } from '../../../src/operations/operation';
import { flattenSnapshots, parseSnapshotListOutput, resolveSnapshot } from '../../../src/operations/shared/snapshotQuery';
import { createSnapshot } from '../../../src/operations/snapshot/createSnapshot';
import { deleteSnapshot } from '../../../src/operations/snapshot/deleteSnapshot';
import { listSnapshots } from '../../../src/operations/snapshot/listSnapshots';
import { restoreSnapshot } from '../../../src/operations/snapshot/restoreSnapshot';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { fixtureOutput, replayVBoxManage, unitContext } from './support/replayVBoxManage';

async function rejectsWith(promise: Promise<unknown>, code: VBoxErrorCode, message?: RegExp): Promise<void> {
    await assert.rejects(promise, (error: unknown) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        if (message) assert.match(error.message, message);
        return true;
    });
}

const LIST_ARGS = ['snapshot', 'vm', 'list', '--machinereadable'];
const recordedTree = () => parseSnapshotListOutput(LIST_ARGS, fixtureOutput('vm/snapshot-list'));

describe('(unit) snapshot operations', () => {
    describe('invalid input never spawns VBoxManage', () => {
        const cases: [Operation, unknown][] = [
            [createSnapshot, { vm: 'v', name: '' }],
            [createSnapshot, { vm: 'v', name: '   ' }],
            [createSnapshot, { vm: 'v', name: 'two\nlines' }],
            [createSnapshot, { vm: 'v', name: '--live' }],
            [createSnapshot, { vm: 'v', name: 'ok', live: 'yes' }],
            [createSnapshot, { vm: 'v', name: 'ok', description: 42 }],
            [restoreSnapshot, { vm: 'v' }],
            [restoreSnapshot, { vm: 'v', snapshot: '' }],
            [deleteSnapshot, { snapshot: 's' }],
            [listSnapshots, {}],
        ];
        for (const [operation, input] of cases) {
            it(`${operation.id} ${JSON.stringify(input)}`, async () => {
                const vbox = replayVBoxManage();
                await rejectsWith(runOperation(operation, unitContext(vbox), input), 'INVALID_INPUT');
                assert.equal(vbox.calls.length, 0);
            });
        }
    });

    describe('reading `snapshot list` (recorded)', () => {
        it('turns exit code 1 without error lines ("no snapshots") into an empty tree', () => {
            assert.deepEqual(parseSnapshotListOutput(LIST_ARGS, fixtureOutput('vm/snapshot-list-none')), { roots: [] });
        });

        it('keeps a real failure with exit code 1 an error (an unknown VM)', () => {
            assert.throws(() => parseSnapshotListOutput(LIST_ARGS, fixtureOutput('errors/showvminfo-unknown-vm')), (e: unknown) => isVBoxError(e, 'VM_NOT_FOUND'));
        });

        it('reads the tree and the current snapshot', () => {
            const tree = recordedTree();
            assert.equal(flattenSnapshots(tree).length, 4);
            assert.equal(tree.roots[0].children.find((node) => node.current)?.name, "child 'one'");
        });

        it('list_snapshots answers an empty tree for a VM without snapshots', async () => {
            const vbox = replayVBoxManage([['snapshot', 'vm/snapshot-list-none']]);
            assert.deepEqual(await runOperation(listSnapshots, unitContext(vbox), { vm: 'v' }), { vm: 'v', roots: [], count: 0 });
        });
    });

    describe('which snapshot a name or UUID means', () => {
        it('finds by name and by UUID (any case)', () => {
            const tree = recordedTree();
            assert.equal(resolveSnapshot(tree, 'vm', 'grand=child').uuid, 'f06cc152-93ba-4f83-806b-51b820f73d4e');
            assert.equal(resolveSnapshot(tree, 'vm', '909F4A4B-77F4-4F11-B374-2435199F74DF').name, 'child two 🎉');
        });

        it('names the existing snapshots when there is no such one', () => {
            assert.throws(() => resolveSnapshot(recordedTree(), 'vm', 'nope'), (e: unknown) => isVBoxError(e, 'SNAPSHOT_NOT_FOUND') && /"grand=child"/.test(e.message));
            assert.throws(() => resolveSnapshot({ roots: [] }, 'vm', 'nope'), (e: unknown) => isVBoxError(e, 'SNAPSHOT_NOT_FOUND') && /has no snapshots/.test(e.message));
        });

        it('refuses a name two snapshots share, asking for the UUID', () => {
            const tree = recordedTree();
            tree.roots[0].children[1].name = 'grand=child';
            assert.throws(() => resolveSnapshot(tree, 'vm', 'grand=child'), (e: unknown) => isVBoxError(e, 'INVALID_INPUT') && /2 snapshots/.test(e.message));
        });
    });

    describe('state checks before spawning', () => {
        it('restore_snapshot refuses a running VM after reading it only', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-running']]);
            await rejectsWith(runOperation(restoreSnapshot, unitContext(vbox), { vm: 'v', snapshot: 's' }), 'INVALID_VM_STATE', /running/);
            assert.deepEqual(vbox.calls.map((call) => call[0]), ['showvminfo']);
        });

        it('restore_snapshot refuses a paused VM too', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-paused']]);
            await rejectsWith(runOperation(restoreSnapshot, unitContext(vbox), { vm: 'v', snapshot: 's' }), 'INVALID_VM_STATE', /paused/);
        });

        it('create_snapshot refuses a name the VM already uses', async () => {
            const vbox = replayVBoxManage([
                ['showvminfo', 'vm/showvminfo-snapshots'],
                ['snapshot', 'vm/snapshot-list'],
            ]);
            await rejectsWith(runOperation(createSnapshot, unitContext(vbox), { vm: 'v', name: 'grand=child' }), 'ALREADY_EXISTS');
            assert.ok(!vbox.calls.some((call) => call.includes('take')), 'no snapshot taken');
        });
    });
});
