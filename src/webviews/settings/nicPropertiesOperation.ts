import { z } from 'zod';
import { defineOperation } from '../../operations/operation';
import { nicSlot, vmRef } from '../../operations/shared/schemas';
import { readVmInfo } from '../../operations/shared/vmInfoQuery';
import { EDITABLE_STATES, LIVE_STATES, POWER_OFF_FIRST, requireState } from '../../operations/shared/vmStates';
import { enabledNic } from '../../operations/network/nicSlots';
import { command, ignoreOutput } from '../../vbox/command';

/**
 * A MAC address as `modifyvm --macaddressN` takes it: 12 hex digits; the first octet must be unicast (even), or
 * VirtualBox refuses it.
 */
export const macAddress = z
    .string()
    .regex(/^[0-9A-Fa-f]{12}$/, 'must be 12 hexadecimal digits, e.g. 080027ABCDEF (":" and "-" are allowed between pairs)')
    .refine((mac) => (parseInt(mac.slice(0, 2), 16) & 1) === 0, 'must be a unicast address (the first byte must be even)')
    .describe('The adapter\'s MAC address, 12 hex digits.');

export const setNicPropertiesInput = z
    .strictObject({
        vm: vmRef,
        slot: nicSlot,
        macAddress: macAddress.optional(),
        cableConnected: z.boolean().optional().describe('Whether the virtual cable is plugged in.'),
    })
    .refine((input) => input.macAddress !== undefined || input.cableConnected !== undefined, 'give macAddress or cableConnected');

/**
 * The settings editor's adapter properties that no catalogue operation changes yet: MAC address and cable. The cable
 * can be plugged in or out while the VM runs (controlvm setlinkstate); the MAC address needs the VM off. Goes through
 * VBoxService.execute like every operation. (Candidate for src/operations/network.)
 */
export const setNicProperties = defineOperation({
    id: 'set_nic_properties',
    title: 'Set Network Adapter Properties',
    description: "Changes an enabled network adapter's MAC address (VM powered off) or plugs its virtual cable in or out (also while running).",
    input: setNicPropertiesInput,
    effect: 'change',
    async run(ctx, input): Promise<{ vm: string; slot: number }> {
        const info = await readVmInfo(ctx, input.vm);
        enabledNic(info, input.slot);
        const run = (args: string[]) => ctx.vbox.run(command(args, ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
        const cable = input.cableConnected === undefined ? undefined : input.cableConnected ? 'on' : 'off';
        if (LIVE_STATES.has(info.state) && input.macAddress === undefined && cable) {
            await run(['controlvm', info.uuid, `setlinkstate${input.slot}`, cable]);
            return { vm: info.name, slot: input.slot };
        }
        requireState(info, EDITABLE_STATES, 'change the MAC address', POWER_OFF_FIRST);
        const args = ['modifyvm', info.uuid];
        if (input.macAddress !== undefined) args.push(`--macaddress${input.slot}`, input.macAddress.toUpperCase());
        if (cable) args.push(`--cableconnected${input.slot}`, cable);
        await run(args);
        return { vm: info.name, slot: input.slot };
    },
});
