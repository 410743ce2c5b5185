import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { defineOperation } from '../operation';
import { runOptions } from '../shared/runOptions';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { RESTORABLE_STATES, requireState } from '../shared/vmStates';

export interface DeleteVmResult {
    readonly name: string;
    readonly uuid: string;
    readonly filesDeleted: boolean;
}

export const deleteVm = defineOperation({
    id: 'delete_vm',
    title: 'Delete VM',
    description:
        'Unregisters a stopped VM. With deleteFiles it also deletes its settings, logs, saved states and the disks attached ' +
        'only to it; without, the files stay and the VM can be registered again.',
    input: z.object({
        vm: vmRef,
        deleteFiles: z.boolean().default(false).describe('Also delete the VM folder and its disk images (cannot be undone).'),
    }),
    effect: 'destroy',
    states: RESTORABLE_STATES,
    async run(ctx, input): Promise<DeleteVmResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, RESTORABLE_STATES, 'delete it', 'Power it off first.');
        const args = ['unregistervm', info.uuid, ...(input.deleteFiles ? ['--delete'] : [])];
        // Keyed by the caller's name for the VM, so that it waits for that caller's other calls on it.
        await ctx.vbox.run(command(args, ignoreOutput, { vm: input.vm, timeoutMs: 600_000 }), runOptions(ctx));
        return { name: info.name, uuid: info.uuid, filesDeleted: input.deleteFiles };
    },
});
