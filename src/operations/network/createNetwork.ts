import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { parseErrorLines } from '../../vbox/errorMapping';
import { VBoxError, isVBoxError } from '../../vbox/errors';
import type { HostInterface, NatNetwork } from '../../vbox/parsers/networks';
import { defineOperation, type OperationContext } from '../operation';
import { listHostOnlyInterfaces, listNatNetworks } from '../shared/networkQuery';
import { runOptions } from '../shared/runOptions';
import { withoutControlCharacters } from '../shared/schemas';
import { cidrProblem } from './cidr';

export const networkName = z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine(withoutControlCharacters, 'must not contain line breaks or control characters');

export const createNetworkInput = z
    .object({
        kind: z.enum(['natnetwork', 'hostonly']).describe('natnetwork: a NAT network VMs share; hostonly: a host-only interface (vboxnetN).'),
        name: networkName.optional().describe('natnetwork only: the network name.'),
        cidr: z.string().trim().optional().describe('natnetwork only: the IPv4 network, e.g. 10.0.5.0/24 (prefix /1 to /30, host bits zero).'),
        dhcp: z.boolean().optional().describe("natnetwork only: run VirtualBox's DHCP server on it. Default: true."),
    })
    .superRefine((input, issues) => {
        if (input.kind === 'natnetwork') {
            if (!input.name) issues.addIssue({ code: 'custom', path: ['name'], message: 'a NAT network needs a name' });
            if (!input.cidr) issues.addIssue({ code: 'custom', path: ['cidr'], message: 'a NAT network needs a cidr such as 10.0.5.0/24' });
            const problem = input.cidr ? cidrProblem(input.cidr) : undefined;
            if (problem) issues.addIssue({ code: 'custom', path: ['cidr'], message: `${input.cidr} ${problem}` });
        } else {
            for (const field of ['name', 'cidr', 'dhcp'] as const) {
                if (input[field] !== undefined) {
                    issues.addIssue({ code: 'custom', path: [field], message: 'a host-only interface takes no options: VirtualBox names it (vboxnetN)' });
                }
            }
        }
    });

export type CreateNetworkResult =
    | { readonly kind: 'natnetwork'; readonly network: NatNetwork }
    | { readonly kind: 'hostonly'; readonly interface: HostInterface };

export const createNetwork = defineOperation({
    id: 'create_network',
    title: 'Create Network',
    description:
        'Creates a NAT network (a name and an IPv4 CIDR; VMs on it reach each other and the outside) or a host-only interface ' +
        '(a private host-to-VM network; VirtualBox picks its name). Host-only needs VirtualBox\'s host network driver.',
    input: createNetworkInput,
    effect: 'change',
    async run(ctx, input): Promise<CreateNetworkResult> {
        if (input.kind === 'hostonly') return { kind: 'hostonly', interface: await createHostOnly(ctx) };
        return { kind: 'natnetwork', network: await createNatNetwork(ctx, input.name ?? '', input.cidr ?? '', input.dhcp ?? true) };
    },
});

async function createNatNetwork(ctx: OperationContext, name: string, cidr: string, dhcp: boolean): Promise<NatNetwork> {
    if ((await listNatNetworks(ctx)).some((network) => network.name === name)) {
        throw new VBoxError('ALREADY_EXISTS', `A NAT network named "${name}" already exists. Choose another name.`);
    }
    const args = ['natnetwork', 'add', '--netname', name, '--network', cidr, '--enable', '--dhcp', dhcp ? 'on' : 'off'];
    try {
        await ctx.vbox.run(command(args, ignoreOutput), { signal: ctx.signal });
    } catch (error) {
        // VBoxManage registers the network before it sets the CIDR; when that step fails the network stays behind.
        await ctx.vbox.run(command(['natnetwork', 'remove', '--netname', name], ignoreOutput)).catch(() => undefined);
        throw error;
    }
    const created = (await listNatNetworks(ctx)).find((network) => network.name === name);
    if (!created) throw new VBoxError('VBOX_ERROR', `VirtualBox reported no error, but the NAT network "${name}" is not listed.`);
    return created;
}

/** VirtualBox's answer when it cannot reach its host-only driver (no /dev/vboxnetctl, module not loaded). */
function isDriverFailure(error: unknown): error is VBoxError {
    return isVBoxError(error) && error.resultCode === 0x80004005 && parseErrorLines(error.details ?? '').contextCall === 'handleCreate';
}

async function createHostOnly(ctx: OperationContext): Promise<HostInterface> {
    let name: string;
    try {
        // --machinereadable prints only the new interface's name (no newline), not the translatable sentence.
        name = await ctx.vbox.run(command(['hostonlyif', 'create', '--machinereadable'], (o) => o.stdout.trim()), runOptions(ctx));
    } catch (error) {
        if (!isDriverFailure(error)) throw error;
        throw new VBoxError(
            'HOST_DRIVER_MISSING',
            "VirtualBox could not create a host-only interface: its host network driver (vboxnetadp) is not loaded on this machine. " +
                'Reinstall VirtualBox or load its kernel modules (on Linux: `sudo modprobe vboxnetadp`, or `sudo /sbin/vboxconfig`), ' +
                'or use a NAT network instead.',
            { details: error.details, args: error.args, exitCode: error.exitCode, resultCode: error.resultCode, cause: error },
        );
    }
    const created = (await listHostOnlyInterfaces(ctx)).find((candidate) => candidate.name === name);
    return created ?? { name };
}
