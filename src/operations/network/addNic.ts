import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, POWER_OFF_FIRST, requireState } from '../shared/vmStates';
import { attachmentArgs, networkAttachment, requireNetworkExists, type NetworkAttachment } from './nicAttachment';
import { maxAdapters } from './nicSlots';

export const addNicInput = z.object({
    vm: vmRef,
    network: networkAttachment.default({ mode: 'nat' }).describe('How the new adapter is connected. Default: NAT.'),
});

export interface AddNicResult {
    readonly vm: string;
    /** The slot the adapter went to, 1-based. */
    readonly slot: number;
    readonly network: NetworkAttachment;
    readonly macAddress?: string;
}

export const addNic = defineOperation({
    id: 'add_nic',
    title: 'Add Network Adapter',
    description:
        "Enables the first free network adapter slot of a powered-off VM (up to the chipset's limit: 8 for PIIX3, 36 for ICH9) " +
        'and connects it (NAT by default, or bridged, host-only, internal, NAT network, not attached).',
    input: addNicInput,
    effect: 'change',
    states: EDITABLE_STATES,
    async run(ctx, input): Promise<AddNicResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, EDITABLE_STATES, 'add a network adapter', POWER_OFF_FIRST);
        const limit = await maxAdapters(ctx, info);
        const free = info.nics.find((nic) => nic.slot <= limit && nic.attachment === 'none');
        if (!free) {
            throw new VBoxError(
                'NOT_SUPPORTED',
                `All ${limit} network adapter slots of VM "${info.name}" (chipset ${info.chipset}) are in use. ` +
                    (info.chipset.toLowerCase() === 'piix3' ? 'The ICH9 chipset allows 36 adapters; or remove an adapter first.' : 'Remove an adapter first.'),
            );
        }
        await requireNetworkExists(ctx, input.network);
        await ctx.vbox.run(command(['modifyvm', info.uuid, ...attachmentArgs(free.slot, input.network)], ignoreOutput, { vm: info.uuid }), {
            signal: ctx.signal,
        });
        const after = await readVmInfo(ctx, info.uuid);
        const nic = after.nics.find((candidate) => candidate.slot === free.slot);
        return { vm: info.name, slot: free.slot, network: input.network, ...(nic?.macAddress ? { macAddress: nic.macAddress } : {}) };
    },
});
