import { command } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { parseSystemProperties } from '../../vbox/parsers/systemProperties';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import type { OperationContext } from '../operation';

type Nic = VmInfo['nics'][number];

/**
 * How many adapters the VM's chipset allows (8 for PIIX3, 36 for ICH9), from `list systemproperties`. showvminfo
 * lists every slot up to that limit, which is the fallback for a chipset the properties do not name.
 */
export async function maxAdapters(ctx: OperationContext, info: VmInfo): Promise<number> {
    const properties = await ctx.vbox.run(command(['list', 'systemproperties'], (o) => parseSystemProperties(o.stdout)), { signal: ctx.signal });
    const entry = Object.entries(properties.maxNetworkAdapters).find(([chipset]) => chipset.toLowerCase() === info.chipset.toLowerCase());
    return entry?.[1] ?? info.nics.length;
}

/** The adapter in `slot`, which must exist on this chipset and be enabled (not "none"). */
export function enabledNic(info: VmInfo, slot: number, limit = info.nics.length): Nic {
    if (slot > limit) {
        throw new VBoxError('INVALID_INPUT', `VM "${info.name}" (chipset ${info.chipset}) has adapter slots 1 to ${limit}; there is no slot ${slot}.`);
    }
    const nic = info.nics.find((candidate) => candidate.slot === slot);
    if (!nic || nic.attachment === 'none') {
        throw new VBoxError('INVALID_INPUT', `Adapter ${slot} of VM "${info.name}" is disabled. Add an adapter first (add_nic).`);
    }
    return nic;
}
