import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import type { VBoxError } from '../../vbox/errors';
import { defineOperation, type OperationContext } from '../operation';
import { runOptions } from '../shared/runOptions';
import { firstUuid, vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { absolutePath, newVmName } from './vmSchemas';
import { STABLE_STATES, requireState } from '../shared/vmStates';
import { findRegisteredVm, requireNameFree, restated } from './vmQueries';

export const cloneVmInput = z.object({
    vm: vmRef.describe('The VM to clone, by name or UUID.'),
    newName: newVmName.describe('Name of the clone; no other VM may have it.'),
    mode: z
        .enum(['full', 'linked'])
        .default('full')
        .describe('full: independent copies of the disks; linked: the clone shares the source disks through differencing images (needs a snapshot).'),
    snapshot: z
        .string()
        .min(1)
        .optional()
        .describe('Name or UUID of the snapshot to clone from. A linked clone without one gets a new snapshot "Linked Base for <newName>".'),
    register: z.boolean().default(true).describe('Register the clone with VirtualBox (so that it appears in the VM list).'),
    baseFolder: absolutePath.optional().describe("Absolute folder in which the clone's folder is created; VirtualBox's default if omitted."),
});

export type CloneVmInput = z.infer<typeof cloneVmInput>;

export interface CloneVmResult {
    readonly name: string;
    /** Set when the clone was registered. */
    readonly uuid?: string;
    readonly registered: boolean;
    readonly mode: 'full' | 'linked';
    readonly fromSnapshot?: string;
    /** The snapshot created on the source for a linked clone that named none. */
    readonly createdSnapshot?: string;
}

export const linkedBaseName = (newName: string) => `Linked Base for ${newName}`;

export function cloneVmArgs(input: CloneVmInput, snapshot: string | undefined): string[] {
    const args = ['clonevm', input.vm, '--name', input.newName, '--mode', 'machine'];
    if (snapshot !== undefined) args.push('--snapshot', snapshot);
    if (input.mode === 'linked') args.push('--options', 'Link');
    if (input.baseFolder) args.push('--basefolder', input.baseFolder);
    if (input.register) args.push('--register');
    return args;
}

export const cloneVm = defineOperation({
    id: 'clone_vm',
    title: 'Clone VM',
    description:
        'Copies a VM (its current state or a snapshot) to a new VM, as a full clone or as a linked clone sharing the source disks. ' +
        'If cloning fails, no half-made clone is left registered.',
    input: cloneVmInput,
    effect: 'change',
    states: STABLE_STATES,
    async run(ctx, input): Promise<CloneVmResult> {
        requireState(await readVmInfo(ctx, input.vm), STABLE_STATES, 'clone it', 'Wait until it is powered off, saved, running or paused.');
        await requireNameFree(ctx, input.newName);
        let snapshot = input.snapshot;
        let created: { name: string; uuid?: string } | undefined;
        if (input.mode === 'linked' && snapshot === undefined) {
            ctx.progress({ message: `Taking snapshot "${linkedBaseName(input.newName)}" of the source` });
            const name = linkedBaseName(input.newName);
            const uuid = await ctx.vbox.run(command(['snapshot', input.vm, 'take', name], (o) => firstUuid(o.stdout), { vm: input.vm, timeoutMs: 600_000 }), runOptions(ctx));
            created = { name, uuid };
            snapshot = uuid ?? name;
        }
        ctx.progress({ message: `Cloning to "${input.newName}"` });
        try {
            await ctx.vbox.run(command(cloneVmArgs(input, snapshot), ignoreOutput, { vm: input.vm, notFound: 'SNAPSHOT_NOT_FOUND', timeoutMs: 3_600_000 }), runOptions(ctx));
        } catch (error) {
            throw await rollBack(ctx, input, created, error);
        }
        const clone = input.register ? await readVmInfo(ctx, input.newName) : undefined;
        return {
            name: input.newName,
            uuid: clone?.uuid,
            registered: input.register,
            mode: input.mode,
            fromSnapshot: input.snapshot ?? created?.name,
            createdSnapshot: created?.name,
        };
    },
});

/** Unregisters and deletes a clone that got registered, removes the snapshot made for it, and explains. */
async function rollBack(ctx: OperationContext, input: CloneVmInput, created: { name: string; uuid?: string } | undefined, error: unknown): Promise<VBoxError> {
    // Cleanup ignores the (possibly aborted) signal: a cancelled clone must not stay half made either.
    const cleanup = (args: string[], vm: string) => ctx.vbox.run(command(args, ignoreOutput, { vm, timeoutMs: 600_000 }));
    const done: string[] = [];
    const problems: string[] = [];
    const clone = await findRegisteredVm({ ...ctx, signal: new AbortController().signal }, input.newName).catch(() => undefined);
    if (clone) {
        await cleanup(['unregistervm', clone.uuid, '--delete'], input.newName).then(
            () => done.push('the half-made clone was deleted'),
            (e: unknown) => problems.push(`deleting the half-made clone "${input.newName}": ${e instanceof Error ? e.message : String(e)}`),
        );
    }
    if (created) {
        await cleanup(['snapshot', input.vm, 'delete', created.uuid ?? created.name], input.vm).then(
            () => done.push(`the snapshot "${created.name}" taken for it was deleted`),
            (e: unknown) => problems.push(`deleting the snapshot "${created.name}": ${e instanceof Error ? e.message : String(e)}`),
        );
    }
    const from = input.snapshot === undefined ? '' : ` (snapshot "${input.snapshot}")`;
    const after = [done.length ? `Cleaned up: ${done.join('; ')}.` : 'No clone was registered.', problems.length ? `Clean up by hand: ${problems.join('; ')}.` : '']
        .filter(Boolean)
        .join(' ');
    return restated(error, (message) => `Cloning "${input.vm}"${from} to "${input.newName}" failed: ${message} ${after}`);
}
