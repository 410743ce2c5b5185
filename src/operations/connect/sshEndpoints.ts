import { z } from 'zod';
import type { GuestProperty } from '../../vbox/parsers/guestProperties';
import type { NicAttachment, VmInfo } from '../../vbox/parsers/vmInfo';
import type { AnyVmState } from '../shared/vmStates';

/**
 * A user name to log in as: what `ssh -l` and a `user@host` command line take safely (a portable POSIX name: letters,
 * digits, `.`, `_`, `-`, not starting with `-` or a digit). Remembered per VM; a password is never asked here.
 */
export const sshUserName = z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, 'a user name of letters, digits, ".", "_" and "-", starting with a letter or "_" (at most 32)');

/** A VM whose SSH server may answer or soon will: running, or on its way there. */
export const SSH_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>(['running', 'starting', 'restoring']);

/** How long to wait for SSH, in seconds: the tool's input and the `virtualbox.sshWaitSeconds` setting. */
export const sshWaitSeconds = z.number().int().min(1).max(1800).default(120);

/** The port an SSH server listens on in the guest. */
export const GUEST_SSH_PORT = 22;

/** How an endpoint was found, in the order they are preferred. */
export type SshEndpointSource = 'nat-forward' | 'guest-ip';

/** An address and port of the host's network where the guest's SSH server can be reached. */
export interface SshEndpoint {
    readonly host: string;
    readonly port: number;
    readonly source: SshEndpointSource;
    /** The VM's network adapter it goes through, 1-based. */
    readonly slot: number;
    readonly attachment: NicAttachment;
    /** For a NAT forward: the rule's name. */
    readonly rule?: string;
    /** One line for a person: where it came from. */
    readonly description: string;
}

/** Attachments whose guest address the host can reach directly (a NAT or internal network's address it cannot). */
export const HOST_REACHABLE_ATTACHMENTS: ReadonlySet<NicAttachment> = new Set<NicAttachment>(['bridged', 'hostonly', 'hostonlynetwork']);

/** A forward listening on every address is reached on the host's loopback. */
function forwardAddress(hostIp: string): string {
    return hostIp === '' || hostIp === '0.0.0.0' ? '127.0.0.1' : hostIp;
}

/** TCP forwards of enabled NAT adapters to the guest's port 22, in adapter order. */
export function natForwardEndpoints(info: Pick<VmInfo, 'nics'>): SshEndpoint[] {
    return info.nics
        .filter((nic) => nic.attachment === 'nat')
        .flatMap((nic) =>
            nic.forwarding
                .filter((rule) => rule.protocol === 'tcp' && rule.guestPort === GUEST_SSH_PORT && rule.hostPort > 0)
                .map((rule) => ({
                    host: forwardAddress(rule.hostIp),
                    port: rule.hostPort,
                    source: 'nat-forward' as const,
                    slot: nic.slot,
                    attachment: nic.attachment,
                    rule: rule.name,
                    description: `NAT rule "${rule.name}" of adapter ${nic.slot}: ${forwardAddress(rule.hostIp)}:${rule.hostPort} → guest port ${GUEST_SSH_PORT}`,
                })),
        );
}

const NET_PROPERTY = /^\/VirtualBox\/GuestInfo\/Net\/(\d+)\/(V4\/IP|MAC|Status)$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** One network interface of the guest as its Guest Additions report it (`/VirtualBox/GuestInfo/Net/<index>/…`). */
export interface GuestInterface {
    readonly index: number;
    /** As VirtualBox writes MACs: 12 upper-case hex digits. */
    readonly mac?: string;
    /** Its IPv4 address when it has a usable one and is not reported down. */
    readonly ip?: string;
}

/** The guest's interfaces, in the order it reports them. */
export function guestInterfaces(properties: readonly GuestProperty[]): GuestInterface[] {
    const found = new Map<number, { ip?: string; mac?: string; status?: string }>();
    for (const property of properties) {
        const match = NET_PROPERTY.exec(property.name);
        if (!match) continue;
        const index = Number(match[1]);
        const entry = found.get(index) ?? {};
        const value = property.value.trim();
        if (match[2] === 'V4/IP') entry.ip = value;
        else if (match[2] === 'MAC') entry.mac = value.toUpperCase();
        else entry.status = value;
        found.set(index, entry);
    }
    return [...found.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, { ip, mac, status }]) => ({ index, mac, ip: ip && IPV4.test(ip) && ip !== '0.0.0.0' && status !== 'Down' ? ip : undefined }));
}

/** An adapter's IPv4 address in the guest, as its Guest Additions report it. */
export interface AdapterAddress {
    readonly slot: number;
    readonly attachment: NicAttachment;
    readonly ip: string;
}

/**
 * The guest's address on each enabled adapter it reports one for. An interface is matched to its adapter by MAC
 * address. A clone restored from a running snapshot gets new MACs in its settings while the guest, never rebooted,
 * still reports the old ones (seen on the testbed); when no interface matches by MAC but the guest reports as many
 * interfaces as the VM has adapters, they are paired in order (guests number their interfaces in PCI order, which is
 * the adapters' order).
 */
export function adapterAddresses(info: VmInfo, properties: readonly GuestProperty[]): AdapterAddress[] {
    const enabled = info.nics.filter((nic) => nic.attachment !== 'none');
    const interfaces = guestInterfaces(properties);
    const byMac = new Map(interfaces.filter((entry) => entry.mac).map((entry) => [entry.mac, entry]));
    const anyByMac = enabled.some((nic) => nic.macAddress && byMac.has(nic.macAddress.toUpperCase()));
    const inOrder = !anyByMac && interfaces.length === enabled.length;
    return enabled.flatMap((nic, position) => {
        const entry = inOrder ? interfaces[position] : byMac.get((nic.macAddress ?? '').toUpperCase());
        return entry?.ip ? [{ slot: nic.slot, attachment: nic.attachment, ip: entry.ip }] : [];
    });
}

/** Bridged and host-only adapters whose guest interface reports an IPv4 address: the host reaches those directly. */
export function guestIpEndpoints(info: VmInfo, properties: readonly GuestProperty[]): SshEndpoint[] {
    return adapterAddresses(info, properties)
        .filter((address) => HOST_REACHABLE_ATTACHMENTS.has(address.attachment))
        .map(({ slot, attachment, ip }) => ({ host: ip, port: GUEST_SSH_PORT, source: 'guest-ip' as const, slot, attachment, description: `the guest's address on adapter ${slot} (${attachment}): ${ip}` }));
}

/** Every endpoint, preferred first: NAT forwards (they work whatever the guest's network does), then guest addresses. */
export function sshEndpoints(info: VmInfo, properties: readonly GuestProperty[]): SshEndpoint[] {
    return [...natForwardEndpoints(info), ...guestIpEndpoints(info, properties)];
}

/** What a person types: `ssh -p 2222 user@127.0.0.1` (the port only when it is not 22). */
export function sshCommandLine(endpoint: Pick<SshEndpoint, 'host' | 'port'>, user?: string): string {
    const target = user ? `${user}@${endpoint.host}` : endpoint.host;
    return endpoint.port === GUEST_SSH_PORT ? `ssh ${target}` : `ssh -p ${endpoint.port} ${target}`;
}

/** The arguments of the system `ssh` for the same connection (no shell: an argument array). */
export function sshArguments(endpoint: Pick<SshEndpoint, 'host' | 'port'>, user?: string): string[] {
    return ['-p', String(endpoint.port), ...(user ? ['-l', user] : []), '--', endpoint.host];
}
