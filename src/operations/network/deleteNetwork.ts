import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { listHostOnlyInterfaces, listNatNetworks } from '../shared/networkQuery';
import { runOptions } from '../shared/runOptions';
import { networkName } from './createNetwork';
import { networkInUse, vmsUsing } from './networkUsers';

export const deleteNetworkInput = z.object({
    kind: z.enum(['natnetwork', 'hostonly']).describe('natnetwork: a NAT network by name; hostonly: a host-only interface by name (vboxnetN).'),
    name: networkName.describe('The NAT network name, or the host-only interface name.'),
});

export interface DeleteNetworkResult {
    readonly kind: 'natnetwork' | 'hostonly';
    readonly name: string;
}

export const deleteNetwork = defineOperation({
    id: 'delete_network',
    title: 'Delete Network',
    description: 'Deletes a NAT network or a host-only interface. Refused, naming them, while VMs have adapters attached to it.',
    input: deleteNetworkInput,
    effect: 'destroy',
    async run(ctx, input): Promise<DeleteNetworkResult> {
        if (input.kind === 'natnetwork') {
            const networks = await listNatNetworks(ctx);
            if (!networks.some((network) => network.name === input.name)) throw notFound('NAT network', input.name, networks.map((n) => n.name));
            const users = await vmsUsing(ctx, (nic) => nic.attachment === 'natnetwork' && nic.natNetwork === input.name);
            if (users.length) throw networkInUse(`The NAT network "${input.name}"`, users);
            await ctx.vbox.run(command(['natnetwork', 'remove', '--netname', input.name], ignoreOutput), { signal: ctx.signal });
        } else {
            const interfaces = await listHostOnlyInterfaces(ctx);
            if (!interfaces.some((candidate) => candidate.name === input.name)) {
                throw notFound('host-only interface', input.name, interfaces.map((i) => i.name));
            }
            const users = await vmsUsing(ctx, (nic) => nic.attachment === 'hostonly' && nic.hostOnlyAdapter === input.name);
            if (users.length) throw networkInUse(`The host-only interface "${input.name}"`, users);
            await ctx.vbox.run(command(['hostonlyif', 'remove', input.name], ignoreOutput), runOptions(ctx));
        }
        return { kind: input.kind, name: input.name };
    },
});

function notFound(what: string, name: string, existing: string[]): VBoxError {
    const known = existing.length ? `Existing: ${existing.map((n) => `"${n}"`).join(', ')}.` : 'There are none.';
    return new VBoxError('NETWORK_NOT_FOUND', `There is no ${what} named "${name}". ${known}`);
}
