import { z } from 'zod';
import type { SnapshotNode } from '../../vbox/parsers/snapshots';
import { defineOperation } from '../operation';
import { vmRef } from '../shared/schemas';
import { flattenSnapshots, readSnapshotTree } from '../shared/snapshotQuery';

export const listSnapshotsInput = z.object({ vm: vmRef });

export interface ListSnapshotsResult {
    readonly vm: string;
    /** The tree: each snapshot with its children; `current` marks the one the VM's current state is based on. */
    readonly roots: SnapshotNode[];
    readonly currentUuid?: string;
    readonly count: number;
}

export const listSnapshots = defineOperation({
    id: 'list_snapshots',
    title: 'List Snapshots',
    description: "Shows a VM's snapshot tree (names, UUIDs, descriptions), marking the current snapshot. A VM without snapshots has an empty tree.",
    input: listSnapshotsInput,
    effect: 'read',
    async run(ctx, input): Promise<ListSnapshotsResult> {
        const tree = await readSnapshotTree(ctx, input.vm);
        return {
            vm: input.vm,
            roots: tree.roots,
            ...(tree.currentUuid ? { currentUuid: tree.currentUuid } : {}),
            count: flattenSnapshots(tree).length,
        };
    },
});
