import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { defineOperation } from '../operation';
import { runOptions } from '../shared/runOptions';
import { vmRef } from '../shared/schemas';
import { readSnapshotTree, resolveSnapshot } from '../shared/snapshotQuery';
import { readVmInfo } from '../shared/vmInfoQuery';
import { snapshotRef } from './snapshotSchemas';

// Merging a snapshot's differencing images into their neighbours copies data: minutes for big disks.
const DELETE_TIMEOUT_MS = 60 * 60_000;

export const deleteSnapshotInput = z.object({ vm: vmRef, snapshot: snapshotRef });

export interface DeleteSnapshotResult {
    readonly vm: string;
    readonly name: string;
    readonly uuid: string;
}

export const deleteSnapshot = defineOperation({
    id: 'delete_snapshot',
    title: 'Delete Snapshot',
    description:
        'Deletes a snapshot: its saved state is discarded and its disk changes are merged, so the VM can no longer return to it. ' +
        'The VM may keep running meanwhile.',
    input: deleteSnapshotInput,
    effect: 'destroy',
    async run(ctx, input): Promise<DeleteSnapshotResult> {
        const info = await readVmInfo(ctx, input.vm);
        const snapshot = resolveSnapshot(await readSnapshotTree(ctx, info.uuid), info.name, input.snapshot);
        await ctx.vbox.run(
            command(['snapshot', info.uuid, 'delete', snapshot.uuid], ignoreOutput, {
                vm: info.uuid,
                notFound: 'SNAPSHOT_NOT_FOUND',
                timeoutMs: DELETE_TIMEOUT_MS,
            }),
            runOptions(ctx),
        );
        return { vm: info.name, name: snapshot.name, uuid: snapshot.uuid };
    },
});
