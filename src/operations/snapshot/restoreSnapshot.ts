import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { defineOperation } from '../operation';
import { runOptions } from '../shared/runOptions';
import { vmRef } from '../shared/schemas';
import { readSnapshotTree, resolveSnapshot } from '../shared/snapshotQuery';
import { readVmInfo } from '../shared/vmInfoQuery';
import { RESTORABLE_STATES, requireState } from '../shared/vmStates';
import { snapshotRef } from './snapshotSchemas';

const RESTORE_TIMEOUT_MS = 30 * 60_000;

export const restoreSnapshotInput = z.object({ vm: vmRef, snapshot: snapshotRef });

export interface RestoreSnapshotResult {
    readonly vm: string;
    readonly name: string;
    readonly uuid: string;
}

export const restoreSnapshot = defineOperation({
    id: 'restore_snapshot',
    title: 'Restore Snapshot',
    description:
        "Returns a VM that is not running to a snapshot: its disks, settings and saved memory. The current state's changes since " +
        'the last snapshot are lost, so take a snapshot first to keep them.',
    input: restoreSnapshotInput,
    // The current state is discarded, which cannot be undone.
    effect: 'destroy',
    states: RESTORABLE_STATES,
    async run(ctx, input): Promise<RestoreSnapshotResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, RESTORABLE_STATES, 'restore a snapshot', 'Power it off first (its current state is replaced anyway).');
        const snapshot = resolveSnapshot(await readSnapshotTree(ctx, info.uuid), info.name, input.snapshot);
        await ctx.vbox.run(
            command(['snapshot', info.uuid, 'restore', snapshot.uuid], ignoreOutput, {
                vm: info.uuid,
                notFound: 'SNAPSHOT_NOT_FOUND',
                timeoutMs: RESTORE_TIMEOUT_MS,
            }),
            runOptions(ctx),
        );
        return { vm: info.name, name: snapshot.name, uuid: snapshot.uuid };
    },
});
