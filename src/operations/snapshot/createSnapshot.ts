import { z } from 'zod';
import { command } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { runOptions } from '../shared/runOptions';
import { firstUuid, vmRef } from '../shared/schemas';
import { flattenSnapshots, readSnapshotTree } from '../shared/snapshotQuery';
import { readVmInfo } from '../shared/vmInfoQuery';
import { LIVE_STATES, STABLE_STATES, requireState } from '../shared/vmStates';
import { snapshotName } from './snapshotSchemas';

const SNAPSHOT_TIMEOUT_MS = 30 * 60_000;

export const createSnapshotInput = z.object({
    vm: vmRef,
    name: snapshotName,
    description: z.string().max(10_000).optional().describe('Free text stored with the snapshot.'),
    live: z
        .boolean()
        .default(false)
        .describe('For a running VM: take the snapshot while it keeps running (--live) instead of pausing it meanwhile. Ignored when the VM is not running.'),
});

export interface CreateSnapshotResult {
    readonly vm: string;
    readonly name: string;
    readonly uuid: string;
    /** Taken from a running VM without pausing it. */
    readonly live: boolean;
}

export const createSnapshot = defineOperation({
    id: 'create_snapshot',
    title: 'Take Snapshot',
    description:
        "Takes a snapshot of a VM's current state (disks, settings and, for a running VM, its memory) that it can later be restored to. " +
        'A running VM is paused meanwhile unless live is set.',
    input: createSnapshotInput,
    effect: 'change',
    states: STABLE_STATES,
    async run(ctx, input): Promise<CreateSnapshotResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, STABLE_STATES, 'take a snapshot', 'Wait until it is powered off, saved, running or paused.');
        // VirtualBox accepts duplicate names, after which a name no longer says which snapshot is meant.
        const clash = flattenSnapshots(await readSnapshotTree(ctx, info.uuid)).find((node) => node.name === input.name);
        if (clash) {
            throw new VBoxError('ALREADY_EXISTS', `VM "${info.name}" already has a snapshot named "${input.name}" (UUID ${clash.uuid}). Choose another name.`);
        }
        const live = input.live && LIVE_STATES.has(info.state);
        const args = ['snapshot', info.uuid, 'take', input.name];
        // The `=` form keeps a description that starts with "-" from being read as an option.
        if (input.description) args.push(`--description=${input.description}`);
        if (live) args.push('--live');
        const uuid = await ctx.vbox.run(
            command(
                args,
                (o) => {
                    const found = firstUuid(o.stdout);
                    if (!found) throw new Error(`snapshot take printed no UUID: ${o.stdout}`);
                    return found;
                },
                { vm: info.uuid, timeoutMs: SNAPSHOT_TIMEOUT_MS },
            ),
            runOptions(ctx),
        );
        return { vm: info.name, name: input.name, uuid, live };
    },
});
