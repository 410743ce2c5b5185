import { command } from '../../vbox/command';
import { isVBoxError } from '../../vbox/errors';
import {
    parseHostInterfaces,
    parseInternalNetworks,
    parseNatNetworks,
    type HostInterface,
    type NatNetwork,
} from '../../vbox/parsers/networks';
import type { OperationContext } from '../operation';

/** Reads of the host's networks, shared by the NIC and network operations. */

export function listBridgedInterfaces(ctx: OperationContext): Promise<HostInterface[]> {
    return ctx.vbox.run(command(['list', 'bridgedifs'], (o) => parseHostInterfaces(o.stdout)), { signal: ctx.signal });
}

/**
 * Host-only interfaces. Builds without the legacy host-only driver (macOS 7.x uses vmnet "host-only networks")
 * reject the list name as a syntax error; that host simply has none of these interfaces.
 */
export async function listHostOnlyInterfaces(ctx: OperationContext): Promise<HostInterface[]> {
    try {
        return await ctx.vbox.run(command(['list', 'hostonlyifs'], (o) => parseHostInterfaces(o.stdout)), { signal: ctx.signal });
    } catch (error) {
        if (isVBoxError(error, 'INVALID_INPUT')) return [];
        throw error;
    }
}

/** NAT networks in the long form (`natnetwork list`): with the enabled flag and the port-forwarding rules. */
export function listNatNetworks(ctx: OperationContext): Promise<NatNetwork[]> {
    return ctx.vbox.run(command(['natnetwork', 'list'], (o) => parseNatNetworks(o.stdout)), { signal: ctx.signal });
}

/** Internal networks exist only as names in VMs' settings; VirtualBox lists the names in use. */
export function listInternalNetworks(ctx: OperationContext): Promise<string[]> {
    return ctx.vbox.run(command(['list', 'intnets'], (o) => parseInternalNetworks(o.stdout)), { signal: ctx.signal });
}
