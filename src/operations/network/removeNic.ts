import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { defineOperation } from '../operation';
import { nicSlot, vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, POWER_OFF_FIRST, requireState } from '../shared/vmStates';
import { enabledNic } from './nicSlots';

export const removeNicInput = z.object({ vm: vmRef, slot: nicSlot });

export interface RemoveNicResult {
    readonly vm: string;
    readonly slot: number;
    /** What the adapter was attached to before (nat, bridged, ...). */
    readonly previousAttachment: string;
}

export const removeNic = defineOperation({
    id: 'remove_nic',
    title: 'Remove Network Adapter',
    description: "Disables a powered-off VM's network adapter in the given slot; its settings (MAC address, port forwarding) are dropped.",
    input: removeNicInput,
    effect: 'change',
    states: EDITABLE_STATES,
    async run(ctx, input): Promise<RemoveNicResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, EDITABLE_STATES, 'remove a network adapter', POWER_OFF_FIRST);
        const nic = enabledNic(info, input.slot);
        await ctx.vbox.run(command(['modifyvm', info.uuid, `--nic${input.slot}`, 'none'], ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
        return { vm: info.name, slot: input.slot, previousAttachment: nic.attachment };
    },
});
