import { z } from 'zod';
import { command } from '../../vbox/command';
import { VBoxError, isVBoxError } from '../../vbox/errors';
import type { HostNetwork } from '../../vbox/hostNetwork';
import { parseGuestProperties, type GuestProperty } from '../../vbox/parsers/guestProperties';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { sleep } from '../../vbox/sleep';
import { defineOperation, type OperationContext } from '../operation';
import { PORT_FORWARD_STATES, applyRuleChange } from '../network/portForwarding';
import { findRuleClash, ruleString } from '../network/portForwardRules';
import { nicSlot, vmRef } from '../shared/schemas';
import { nicsFromFiles, readVmInfoLockFree, type NicsFromFiles } from '../shared/vmFromFiles';
import { readVmInfo } from '../shared/vmInfoQuery';
import { LIVE_STATES, describeState } from '../shared/vmStates';
import { GUEST_SSH_PORT, SSH_STATES, adapterAddresses, guestIpEndpoints, natForwardEndpoints, sshEndpoints, sshWaitSeconds, type AdapterAddress, type SshEndpoint } from './sshEndpoints';

/** `guestproperty enumerate`: what the Guest Additions report, the guest's addresses among it. Only a running VM has them. */
async function guestProperties(ctx: OperationContext, info: VmInfo): Promise<GuestProperty[]> {
    if (!LIVE_STATES.has(info.state)) return [];
    return ctx.vbox.run(command(['guestproperty', 'enumerate', info.uuid], (o) => parseGuestProperties(o.stdout), { vm: info.uuid }), { signal: ctx.signal });
}

export interface SshEndpointResult {
    readonly vm: string;
    readonly uuid: string;
    /** Absent for a quick answer about a VM that may be running: only VirtualBox can say, and it was not asked. */
    readonly state?: VmInfo['state'];
    /** Every way in, preferred first; the first is the one to use. Empty when there is none (see setup_ssh_access). */
    readonly endpoints: SshEndpoint[];
    /** The guest's IPv4 address on each adapter, as its Guest Additions report them (running VMs only). */
    readonly addresses: AdapterAddress[];
}

/**
 * The VM's NAT forwards to port 22 from its settings file, with nothing spawned, when the file has any: the first
 * place Open SSH Terminal looks (a VirtualBoxManage process costs a second on a slow host; reading the file, a
 * millisecond). Whatever does not answer there is looked up again in what VirtualBox reports.
 */
async function forwardsFromFiles(ctx: OperationContext, vm: string): Promise<(NicsFromFiles & { endpoints: SshEndpoint[] }) | undefined> {
    const found = await nicsFromFiles(ctx, vm);
    const endpoints = found ? natForwardEndpoints(found) : [];
    return found && endpoints.length > 0 ? { ...found, endpoints } : undefined;
}

async function findEndpoints(ctx: OperationContext, vm: string, quick = false): Promise<SshEndpointResult> {
    const forwards = quick ? await forwardsFromFiles(ctx, vm) : undefined;
    if (forwards) return { vm: forwards.name, uuid: forwards.uuid, state: forwards.offlineState, endpoints: forwards.endpoints, addresses: [] };
    const info = await readVmInfoLockFree(ctx, vm);
    const properties = await guestProperties(ctx, info);
    return { vm: info.name, uuid: info.uuid, state: info.state, endpoints: sshEndpoints(info, properties), addresses: adapterAddresses(info, properties) };
}

export const getVmSshEndpoint = defineOperation({
    id: 'get_vm_ssh_endpoint',
    title: 'Find SSH Endpoint',
    description:
        "Finds where the VM's SSH server can be reached from the host, preferred first: a NAT port-forwarding rule to guest port 22 " +
        '(host address and port), then the IPv4 address the Guest Additions report for a bridged or host-only adapter (running VMs). ' +
        "Also returns the guest's address on every adapter. " +
        'An empty list means there is no way in yet: setup_ssh_access adds a forward.',
    input: z.object({
        vm: vmRef,
        quick: z
            .boolean()
            .default(false)
            .describe("Only the NAT forwards to port 22, read from the VM's settings file when it has any (nothing is run; no addresses, and no state for a VM that may be running)."),
    }),
    effect: 'read',
    run: (ctx, input): Promise<SshEndpointResult> => findEndpoints(ctx, input.vm, input.quick),
});

/** Where setup_ssh_access looks for a free host port when none is given: 2222 and up, on the host's loopback. */
export const SSH_FORWARD_PORTS = { first: 2222, last: 2299 } as const;
const LOOPBACK = '127.0.0.1';

function requireHostNetwork(ctx: OperationContext): HostNetwork {
    if (!ctx.hostNetwork) throw new VBoxError('NOT_SUPPORTED', "This host's network cannot be reached from here, so no port can be checked.");
    return ctx.hostNetwork;
}

export interface SetupSshAccessResult extends SshEndpointResult {
    /** Whether a rule was added (false: a forward to port 22 existed already). */
    readonly added: boolean;
    /** The change went to the running VM and took effect at once. */
    readonly live: boolean;
}

export const setupSshAccess = defineOperation({
    id: 'setup_ssh_access',
    title: 'Set Up SSH Access',
    description:
        "Makes the VM's SSH server reachable from the host: adds a NAT port-forwarding rule named \"ssh\" from a free port on 127.0.0.1 " +
        `(from ${SSH_FORWARD_PORTS.first} up, or hostPort) to guest port 22, on the first NAT adapter (or slot). Works on a running VM ` +
        '(at once), a saved or a powered-off one. Does nothing when a forward to port 22 exists already.',
    input: z.object({
        vm: vmRef,
        slot: nicSlot.optional().describe('The NAT adapter to add the rule to. Default: the first NAT adapter.'),
        hostPort: z.number().int().min(1024).max(65535).optional().describe(`Port on 127.0.0.1. Default: the first free one from ${SSH_FORWARD_PORTS.first}.`),
    }),
    effect: 'change',
    states: PORT_FORWARD_STATES,
    async run(ctx, input): Promise<SetupSshAccessResult> {
        const info = await readVmInfo(ctx, input.vm);
        if (natForwardEndpoints(info).length > 0) {
            const found = await findEndpoints(ctx, info.uuid);
            return { ...found, added: false, live: false };
        }
        const nat = info.nics.filter((nic) => nic.attachment === 'nat');
        const nic = input.slot === undefined ? nat[0] : nat.find((candidate) => candidate.slot === input.slot);
        if (!nic) {
            throw new VBoxError(
                'INVALID_INPUT',
                input.slot === undefined
                    ? `VM "${info.name}" has no NAT adapter to forward a port through. Switch an adapter to NAT (set_network_mode) or add one (add_nic).`
                    : `Adapter ${input.slot} of VM "${info.name}" is not a NAT adapter; port forwarding exists only on NAT adapters.`,
            );
        }
        const name = ruleNameFor(nic.forwarding.map((rule) => rule.name));
        const hostPort = await chooseHostPort(ctx, info, nic.slot, name, input.hostPort);
        const live = await applyRuleChange(ctx, info, nic.slot, [ruleString({ name, protocol: 'tcp', hostIp: LOOPBACK, hostPort, guestPort: GUEST_SSH_PORT })]);
        const found = await findEndpoints(ctx, info.uuid);
        if (!found.endpoints.some((endpoint) => endpoint.source === 'nat-forward' && endpoint.port === hostPort)) {
            throw new VBoxError('VBOX_ERROR', `VirtualBox accepted the rule "${name}" for VM "${info.name}", but the VM does not list it afterwards.`);
        }
        return { ...found, added: true, live };
    },
});

/** "ssh", or "ssh-2", "ssh-3"… when the adapter has a rule of that name already (forwarding something else). */
export function ruleNameFor(taken: readonly string[]): string {
    if (!taken.includes('ssh')) return 'ssh';
    for (let n = 2; ; n++) if (!taken.includes(`ssh-${n}`)) return `ssh-${n}`;
}

async function chooseHostPort(ctx: OperationContext, info: VmInfo, slot: number, name: string, wanted: number | undefined): Promise<number> {
    const network = requireHostNetwork(ctx);
    const usable = async (port: number) =>
        !findRuleClash(info.nics, slot, { name, protocol: 'tcp', hostIp: LOOPBACK, hostPort: port }) && (await network.isTcpPortFree(LOOPBACK, port));
    if (wanted !== undefined) {
        if (await usable(wanted)) return wanted;
        throw new VBoxError('ALREADY_EXISTS', `Port ${wanted} on ${LOOPBACK} is taken (by another program or another rule of VM "${info.name}"). Choose another port, or leave it out to pick a free one.`);
    }
    for (let port = SSH_FORWARD_PORTS.first; port <= SSH_FORWARD_PORTS.last; port++) if (await usable(port)) return port;
    throw new VBoxError('ALREADY_EXISTS', `Every port from ${SSH_FORWARD_PORTS.first} to ${SSH_FORWARD_PORTS.last} on ${LOOPBACK} is taken. Give a hostPort.`);
}

export interface WaitForSshResult {
    readonly vm: string;
    readonly endpoint: SshEndpoint;
    /** The server's identification line, e.g. "SSH-2.0-dropbear_2025.88". */
    readonly banner: string;
    readonly waitedMs: number;
}

/**
 * How long one attempt waits for the server's first line once connected; the attempts repeat until timeoutSeconds.
 * A refused or reset connection ends an attempt at once, so this only counts for a server that accepted and is slow
 * to speak: a busy guest can take many seconds to start its SSH server's process for the connection, and an attempt
 * given up early leaves that work behind for the next one.
 */
const ATTEMPT_MS = 30_000;
const PAUSE_MS = 1_000;

export const waitForSsh = defineOperation({
    id: 'wait_for_ssh',
    title: 'Wait for SSH',
    description:
        "Waits until the VM's SSH server answers with its identification (\"SSH-2.0-…\") at the endpoint get_vm_ssh_endpoint finds, " +
        'for example right after start_vm. Fails with SSH_UNAVAILABLE after timeoutSeconds, saying what was tried.',
    input: z.object({
        vm: vmRef,
        timeoutSeconds: sshWaitSeconds.describe('How long to wait, in seconds (1-1800). Default: 120.'),
    }),
    effect: 'read',
    states: SSH_STATES,
    async run(ctx, input): Promise<WaitForSshResult> {
        const network = requireHostNetwork(ctx);
        const started = Date.now();
        const deadline = started + input.timeoutSeconds * 1000;
        const tried = new Map<string, string>();
        let name = input.vm;
        // A VM between states answers showvminfo (and guestproperty) with a transient error now and then; the wait goes on.
        const transient = (error: unknown) => {
            if (isVBoxError(error, 'VM_NOT_FOUND') || isVBoxError(error, 'CANCELLED')) throw error;
            return undefined;
        };
        /** The first endpoint that answers with an SSH identification, each tried noted in `tried`. */
        const firstAnswering = async (endpoints: readonly SshEndpoint[]) => {
            for (const endpoint of endpoints) {
                const seconds = Math.round((Date.now() - started) / 1000);
                ctx.progress({ message: `Waiting for SSH at ${endpoint.host}:${endpoint.port} (${seconds} s)`, percent: Math.min(99, Math.round(((Date.now() - started) / (deadline - started)) * 100)) });
                const line = await network.readFirstLine(endpoint.host, endpoint.port, { timeoutMs: Math.max(1, Math.min(ATTEMPT_MS, deadline - Date.now())), signal: ctx.signal });
                if (line?.startsWith('SSH-')) return { endpoint, banner: line };
                tried.set(`${endpoint.host}:${endpoint.port}`, `${endpoint.description}: ${line === undefined ? 'no answer' : `answered "${line.slice(0, 60)}", not SSH`}`);
            }
            return undefined;
        };
        // First the forwards in the VM's settings file, with nothing spawned, when the VM's log says it runs: on a
        // running guest whose SSH server is up, the wait ends here. Anything else (at rest, paused, no answer yet)
        // goes on as below, with what VirtualBox reports.
        const quick = await forwardsFromFiles(ctx, input.vm);
        if (quick && quick.offlineState === undefined && quick.logState === 'RUNNING') {
            name = quick.name;
            const answered = await firstAnswering(quick.endpoints);
            if (answered) return { vm: name, ...answered, waitedMs: Date.now() - started };
        }
        for (;;) {
            const info = await readVmInfoLockFree(ctx, input.vm).catch(transient);
            name = info?.name ?? name;
            // A VM at rest (or paused) runs no SSH server: waiting would only run out the clock.
            if (info && !SSH_STATES.has(info.state)) {
                throw new VBoxError('INVALID_VM_STATE', `VM "${info.name}" is ${describeState(info.state)}: its SSH server can answer only while it runs. Start (or resume) it first.`);
            }
            // In the order get_vm_ssh_endpoint gives: the NAT forwards first, then the addresses the Guest Additions
            // report, asked for (one more process) only when no forward answered.
            const answered =
                info && ((await firstAnswering(natForwardEndpoints(info))) ?? (await firstAnswering(guestIpEndpoints(info, (await guestProperties(ctx, info).catch(transient)) ?? []))));
            if (answered) return { vm: name, ...answered, waitedMs: Date.now() - started };
            if (Date.now() + PAUSE_MS > deadline) break;
            await sleep(PAUSE_MS, ctx.signal);
        }
        const what = [...tried.values()];
        throw new VBoxError(
            'SSH_UNAVAILABLE',
            what.length > 0
                ? `No SSH server answered for VM "${name}" within ${input.timeoutSeconds} s. Tried: ${what.join('; ')}. Is the SSH server running in the guest?`
                : `VM "${name}" has no NAT forward to guest port 22 and reported no bridged or host-only address within ${input.timeoutSeconds} s. Set up SSH access first.`,
        );
    },
});
