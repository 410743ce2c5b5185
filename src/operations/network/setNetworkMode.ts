import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { defineOperation } from '../operation';
import { nicSlot, vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, POWER_OFF_FIRST, requireState } from '../shared/vmStates';
import { attachmentArgs, networkAttachment, requireNetworkExists, type NetworkAttachment } from './nicAttachment';
import { enabledNic } from './nicSlots';

export const setNetworkModeInput = z.object({ vm: vmRef, slot: nicSlot, network: networkAttachment });

export interface SetNetworkModeResult {
    readonly vm: string;
    readonly slot: number;
    readonly previousAttachment: string;
    readonly network: NetworkAttachment;
}

export const setNetworkMode = defineOperation({
    id: 'set_network_mode',
    title: 'Set Network Mode',
    description:
        'Changes what an enabled network adapter is connected to (NAT, bridged to a host interface, host-only, internal network, ' +
        'NAT network, or nothing). The VM must be powered off; the host interface or NAT network must exist.',
    input: setNetworkModeInput,
    effect: 'change',
    states: EDITABLE_STATES,
    async run(ctx, input): Promise<SetNetworkModeResult> {
        const info = await readVmInfo(ctx, input.vm);
        // modifyvm needs the VM's write lock, which a running or saved VM does not give.
        requireState(info, EDITABLE_STATES, 'change the network mode', POWER_OFF_FIRST);
        const nic = enabledNic(info, input.slot);
        await requireNetworkExists(ctx, input.network);
        await ctx.vbox.run(command(['modifyvm', info.uuid, ...attachmentArgs(input.slot, input.network)], ignoreOutput, { vm: info.uuid }), {
            signal: ctx.signal,
        });
        return { vm: info.name, slot: input.slot, previousAttachment: nic.attachment, network: input.network };
    },
});
