import { z } from 'zod';
import type { HostInterface, NatNetwork } from '../../vbox/parsers/networks';
import { defineOperation } from '../operation';
import { listBridgedInterfaces, listHostOnlyInterfaces, listInternalNetworks, listNatNetworks } from '../shared/networkQuery';

export const listNetworksInput = z.object({});

export interface ListNetworksResult {
    readonly hostOnly: HostInterface[];
    readonly natNetworks: NatNetwork[];
    /** Internal network names in use by VMs (they exist only as names). */
    readonly internal: string[];
    /** The host's interfaces an adapter can bridge to. */
    readonly bridged: HostInterface[];
}

export const listNetworks = defineOperation({
    id: 'list_networks',
    title: 'List Networks',
    description:
        "Lists the networks VMs can attach to: the host's host-only interfaces, the NAT networks (with their port-forwarding rules), " +
        'the internal network names in use, and the host interfaces available for bridging.',
    input: listNetworksInput,
    effect: 'read',
    async run(ctx): Promise<ListNetworksResult> {
        return {
            hostOnly: await listHostOnlyInterfaces(ctx),
            natNetworks: await listNatNetworks(ctx),
            internal: await listInternalNetworks(ctx),
            bridged: await listBridgedInterfaces(ctx),
        };
    },
});
