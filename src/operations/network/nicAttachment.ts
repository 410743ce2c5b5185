import { z } from 'zod';
import { VBoxError } from '../../vbox/errors';
import type { OperationContext } from '../operation';
import { listBridgedInterfaces, listHostOnlyInterfaces, listNatNetworks } from '../shared/networkQuery';
import { withoutControlCharacters } from '../shared/schemas';

const hostInterface = (kind: string, example: string) =>
    z
        .string()
        .trim()
        .min(1)
        .refine(withoutControlCharacters, 'must not contain control characters')
        .describe(`Name of the host's ${kind} interface, as list_networks shows it (e.g. ${example}).`);
const networkName = (what: string) =>
    z.string().trim().min(1).max(255).refine(withoutControlCharacters, 'must not contain line breaks or control characters').describe(what);

/** What an adapter is connected to. Each mode names exactly what it needs, so a tool call cannot mix them up. */
export const networkAttachment = z
    .discriminatedUnion('mode', [
        z.object({
            mode: z.literal('nat').describe("NAT: the guest reaches the host's networks through VirtualBox; reachable from outside only by port forwarding."),
        }),
        z.object({ mode: z.literal('bridged').describe('Bridged: the guest sits on the host\'s physical network.'), hostInterface: hostInterface('physical', 'eth0') }),
        z.object({ mode: z.literal('hostonly').describe('Host-only: a private network between the host and its VMs.'), hostInterface: hostInterface('host-only', 'vboxnet0') }),
        z.object({
            mode: z.literal('intnet').describe('Internal network: VMs with the same network name see each other, the host does not.'),
            networkName: networkName('Internal network name; it exists as soon as an adapter uses it.'),
        }),
        z.object({
            mode: z.literal('natnetwork').describe('NAT network: like NAT, but VMs on the same NAT network see each other.'),
            networkName: networkName('Name of an existing NAT network (create_network makes one).'),
        }),
        z.object({ mode: z.literal('null').describe('Not attached: the adapter exists but is connected to nothing.') }),
    ])
    .describe('How the adapter is connected.');

export type NetworkAttachment = z.infer<typeof networkAttachment>;

/** `modifyvm` options for adapter `slot`, e.g. `--nic2 bridged --bridge-adapter2 eth0`. */
export function attachmentArgs(slot: number, attachment: NetworkAttachment): string[] {
    const args = [`--nic${slot}`, attachment.mode];
    switch (attachment.mode) {
        case 'bridged':
            return [...args, `--bridge-adapter${slot}`, attachment.hostInterface];
        case 'hostonly':
            return [...args, `--host-only-adapter${slot}`, attachment.hostInterface];
        case 'intnet':
            return [...args, `--intnet${slot}`, attachment.networkName];
        case 'natnetwork':
            return [...args, `--nat-network${slot}`, attachment.networkName];
        default:
            return args;
    }
}

/**
 * NETWORK_NOT_FOUND unless the host interface or NAT network exists. VirtualBox itself only warns ("doesn't seem
 * to exist") and stores the name, and the VM then fails to start much later.
 */
export async function requireNetworkExists(ctx: OperationContext, attachment: NetworkAttachment): Promise<void> {
    const check = (names: string[], what: string, wanted: string, hint: string) => {
        if (names.includes(wanted)) return;
        const known = names.length ? `Available: ${names.map((name) => `"${name}"`).join(', ')}.` : `This host has none. ${hint}`;
        throw new VBoxError('NETWORK_NOT_FOUND', `There is no ${what} named "${wanted}". ${known}`);
    };
    switch (attachment.mode) {
        case 'bridged':
            return check((await listBridgedInterfaces(ctx)).map((i) => i.name), 'host network interface to bridge to', attachment.hostInterface, '');
        case 'hostonly':
            return check(
                (await listHostOnlyInterfaces(ctx)).map((i) => i.name),
                'host-only interface',
                attachment.hostInterface,
                'Create one with create_network (kind hostonly).',
            );
        case 'natnetwork':
            return check((await listNatNetworks(ctx)).map((n) => n.name), 'NAT network', attachment.networkName, 'Create one with create_network.');
        default:
            return;
    }
}
