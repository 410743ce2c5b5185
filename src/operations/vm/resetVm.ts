import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { RESTORABLE_STATES, RUNNING, requireState } from '../shared/vmStates';
import { restoreSnapshot } from '../snapshot/restoreSnapshot';
import { snapshotRef } from '../snapshot/snapshotSchemas';
import { readState, type VmStateResult } from './lifecycle';

export const resetVmInput = z.discriminatedUnion('mode', [
    z.object({
        vm: vmRef,
        mode: z.literal('hard').describe('Hard reset of a running VM, like pressing its reset button: unsaved guest data is lost.'),
    }),
    z.object({
        vm: vmRef,
        mode: z.literal('snapshot').describe("Restore a snapshot of a VM that is not running: its current state is replaced by the snapshot's."),
        snapshot: snapshotRef.optional().describe('The snapshot to restore, by name or UUID; the current snapshot if omitted.'),
    }),
]);

export interface ResetVmResult extends VmStateResult {
    readonly mode: 'hard' | 'snapshot';
    /** The snapshot restored (snapshot mode). */
    readonly restoredSnapshot?: string;
}

export const resetVm = defineOperation({
    id: 'reset_vm',
    title: 'Reset VM (Hard Reset or Restore Snapshot)',
    description:
        'mode "hard" resets a running VM like its reset button; mode "snapshot" restores the current or a named snapshot of a ' +
        'powered-off or saved VM. Both discard the state the VM had.',
    input: resetVmInput,
    effect: 'destroy',
    states: (input) => (input.mode === 'hard' ? RUNNING : RESTORABLE_STATES),
    async run(ctx, input): Promise<ResetVmResult> {
        const info = await readVmInfo(ctx, input.vm);
        if (input.mode === 'hard') {
            requireState(info, RUNNING, 'hard-reset', 'Only a running VM can be reset.');
            await ctx.vbox.run(command(['controlvm', info.uuid, 'reset'], ignoreOutput, { vm: input.vm }), { signal: ctx.signal });
            return { ...(await readState(ctx, info.uuid)), mode: 'hard' };
        }
        requireState(info, RESTORABLE_STATES, 'restore a snapshot', 'Power it off first (its current state is replaced anyway).');
        const snapshot = input.snapshot ?? info.currentSnapshotUuid;
        if (snapshot === undefined) throw new VBoxError('SNAPSHOT_NOT_FOUND', `VM "${info.name}" has no snapshots to restore.`);
        // The same as restore_snapshot, which checks the state and resolves (ambiguous) names.
        const restored = await restoreSnapshot.run(ctx, { vm: info.uuid, snapshot });
        return { ...(await readState(ctx, info.uuid)), mode: 'snapshot', restoredSnapshot: restored.name };
    },
});
