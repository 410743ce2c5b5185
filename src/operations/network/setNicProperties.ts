import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { defineOperation, type OperationContext } from '../operation';
import { nicSlot, vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, LIVE_STATES, POWER_OFF_FIRST, requireState, type AnyVmState } from '../shared/vmStates';
import { enabledNic } from './nicSlots';

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

export interface SetNicPropertiesResult {
    readonly vm: string;
    readonly slot: number;
    /** The adapter's MAC address afterwards, 12 hex digits (as VirtualBox reports it). */
    readonly macAddress?: string;
    /** Whether its virtual cable is plugged in afterwards (as VirtualBox reports it). */
    readonly cableConnected?: boolean;
    /** The cable change went to the running VM (controlvm) and took effect at once. */
    readonly live: boolean;
}

/** The cable alone also changes while the VM runs (controlvm setlinkstate); the MAC address needs the VM off. */
const CABLE_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>([...EDITABLE_STATES, ...LIVE_STATES]);

/** An adapter's MAC address and cable, from the settings editor, the tools and the API. */
export const setNicProperties = defineOperation({
    id: 'set_nic_properties',
    title: 'Set Network Adapter Properties',
    description: "Changes an enabled network adapter's MAC address (VM powered off) or plugs its virtual cable in or out (also while running).",
    input: setNicPropertiesInput,
    effect: 'change',
    states: (input) => (input.macAddress === undefined ? CABLE_STATES : EDITABLE_STATES),
    async run(ctx, input): Promise<SetNicPropertiesResult> {
        const info = await readVmInfo(ctx, input.vm);
        enabledNic(info, input.slot);
        const run = (args: string[]) => ctx.vbox.run(command(args, ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
        const cable = input.cableConnected === undefined ? undefined : input.cableConnected ? 'on' : 'off';
        const live = LIVE_STATES.has(info.state) && input.macAddress === undefined && cable !== undefined;
        if (live) {
            await run(['controlvm', info.uuid, `setlinkstate${input.slot}`, cable]);
            return { ...(await readBack(ctx, info.uuid, input.slot)), live };
        }
        requireState(info, EDITABLE_STATES, 'change the MAC address', POWER_OFF_FIRST);
        const args = ['modifyvm', info.uuid];
        if (input.macAddress !== undefined) args.push(`--macaddress${input.slot}`, input.macAddress.toUpperCase());
        if (cable) args.push(`--cableconnected${input.slot}`, cable);
        await run(args);
        return { ...(await readBack(ctx, info.uuid, input.slot)), live };
    },
});

async function readBack(ctx: OperationContext, uuid: string, slot: number): Promise<Omit<SetNicPropertiesResult, 'live'>> {
    const after = await readVmInfo(ctx, uuid);
    const nic = enabledNic(after, slot);
    return { vm: after.name, slot, macAddress: nic.macAddress, cableConnected: nic.cableConnected };
}
