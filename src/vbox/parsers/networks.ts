/**
 * Network lists: `list bridgedifs` / `list hostonlyifs`, `list natnets [-l]` / `natnetwork list`, `list intnets`.
 * None has a machine-readable form; English labels (LC_ALL=C) are matched exactly and an unknown label is an error.
 * Records start at each `Name:` line.
 */
import { z } from 'zod';

/** `Label:   value`: the padding after the colon is dropped, the value itself is kept exactly. */
function labelled(line: string, label: string): string | undefined {
    if (!line.startsWith(`${label}:`)) return undefined;
    return line.slice(label.length + 1).replace(/^ +/, '');
}

function splitAtNameLines(lines: readonly string[], what: string): string[][] {
    const records: string[][] = [];
    for (const line of lines) {
        if (line.startsWith('Name:')) records.push([line]);
        else if (records.length) records[records.length - 1].push(line);
        else if (line.trim() !== '') throw new Error(`Unexpected text before the first ${what}: ${JSON.stringify(line)}`);
    }
    return records;
}

function fieldsOf(record: readonly string[], labels: readonly string[], what: string): Map<string, string> {
    const fields = new Map<string, string>();
    for (const line of record) {
        if (line.trim() === '') continue;
        // The colon is part of the match, so "IPv6" does not take "IPv6 Prefix:" lines.
        const label = labels.find((candidate) => line.startsWith(`${candidate}:`));
        if (!label) throw new Error(`Unexpected line in a ${what} record: ${JSON.stringify(line)} (VBoxManage must print English labels)`);
        if (!fields.has(label)) fields.set(label, labelled(line, label) ?? '');
    }
    return fields;
}

function yesNo(value: string | undefined, yes: string, no: string, label: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (value === yes) return true;
    if (value === no) return false;
    throw new Error(`Cannot read "${label}: ${value}" (expected ${yes} or ${no})`);
}

function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---- list bridgedifs / list hostonlyifs

export const HostInterfaceSchema = z.object({
    name: z.string().min(1),
    guid: z.string().optional(),
    dhcp: z.boolean().optional(),
    ipAddress: z.string().optional(),
    networkMask: z.string().optional(),
    ipv6Address: z.string().optional(),
    ipv6PrefixLength: z.number().int().nonnegative().optional(),
    hardwareAddress: z.string().optional(),
    /** Ethernet | PPP | SLIP | Unknown */
    mediumType: z.string().optional(),
    wireless: z.boolean().optional(),
    /** Up | Down | Unknown */
    status: z.string().optional(),
    /** e.g. HostInterfaceNetworking-eth0 */
    vboxNetworkName: z.string().optional(),
});
export type HostInterface = z.infer<typeof HostInterfaceSchema>;

const HOST_INTERFACE_LABELS = [
    'Name', 'GUID', 'DHCP', 'IPAddress', 'NetworkMask', 'IPV6Address', 'IPV6NetworkMaskPrefixLength', 'HardwareAddress',
    'MediumType', 'Wireless', 'Status', 'VBoxNetworkName',
];

export function parseHostInterfaces(text: string): HostInterface[] {
    const interfaces = splitAtNameLines(text.split('\n'), 'host interface').map((record) => {
        const fields = fieldsOf(record, HOST_INTERFACE_LABELS, 'host interface');
        // Unset addresses print as an empty value.
        const text = (label: string) => fields.get(label) || undefined;
        const prefix = text('IPV6NetworkMaskPrefixLength');
        return withoutUndefined({
            name: fields.get('Name') ?? '',
            guid: text('GUID'),
            dhcp: yesNo(text('DHCP'), 'Enabled', 'Disabled', 'DHCP'),
            ipAddress: text('IPAddress'),
            networkMask: text('NetworkMask'),
            ipv6Address: text('IPV6Address'),
            ipv6PrefixLength: prefix === undefined ? undefined : Number(prefix),
            hardwareAddress: text('HardwareAddress'),
            mediumType: text('MediumType'),
            wireless: yesNo(text('Wireless'), 'Yes', 'No', 'Wireless'),
            status: text('Status'),
            vboxNetworkName: text('VBoxNetworkName'),
        });
    });
    return z.array(HostInterfaceSchema).parse(interfaces);
}

// ---- list natnets [-l] / natnetwork list [filter]

export const NatNetworkSchema = z.object({
    name: z.string().min(1),
    /** CIDR, e.g. 10.0.2.0/24 */
    network: z.string().min(1),
    gateway: z.string().optional(),
    dhcp: z.boolean(),
    ipv6: z.boolean(),
    ipv6Prefix: z.string().optional(),
    ipv6Default: z.boolean().optional(),
    /** Only in the long form (`list -l natnets`, `natnetwork list`). */
    enabled: z.boolean().optional(),
    /** Rules as VirtualBox prints them: `name:tcp:[hostip]:hostport:[guestip]:guestport`; long form only. */
    portForwards4: z.array(z.string()),
    portForwards6: z.array(z.string()).optional(),
    /** e.g. `127.0.0.1=2`; long form only. */
    loopbackMappings4: z.array(z.string()).optional(),
});
export type NatNetwork = z.infer<typeof NatNetworkSchema>;

const NAT_LABELS = ['Name', 'Enabled', 'Network', 'Gateway', 'DHCP Server', 'IPv6 Prefix', 'IPv6 Default', 'IPv6'];
/** Section headings of the long form; their entries follow on indented lines. */
const NAT_SECTIONS = { 'Port-forwarding (ipv4)': 'portForwards4', 'Port-forwarding (ipv6)': 'portForwards6', 'loopback mappings (ipv4)': 'loopbackMappings4' } as const;
type NatSection = (typeof NAT_SECTIONS)[keyof typeof NAT_SECTIONS];

function toNatNetwork(record: readonly string[]): NatNetwork {
    const sections: Record<NatSection, string[]> = { portForwards4: [], portForwards6: [], loopbackMappings4: [] };
    const labelLines: string[] = [];
    let section: NatSection | undefined;
    for (const line of record) {
        const heading = NAT_SECTIONS[line as keyof typeof NAT_SECTIONS];
        if (heading) section = heading;
        else if (section && /^\s+\S/.test(line)) sections[section].push(line.trim());
        else {
            section = undefined;
            labelLines.push(line);
        }
    }
    const fields = fieldsOf(labelLines, NAT_LABELS, 'NAT network');
    const required = (label: string) => {
        const value = fields.get(label);
        if (value === undefined) throw new Error(`A NAT network record has no "${label}:" line (${fields.get('Name') ?? 'unnamed'})`);
        return value;
    };
    const isLong = fields.has('Enabled');
    return withoutUndefined({
        name: required('Name'),
        network: required('Network'),
        gateway: fields.get('Gateway') || undefined,
        dhcp: yesNo(required('DHCP Server'), 'Yes', 'No', 'DHCP Server') ?? false,
        ipv6: yesNo(required('IPv6'), 'Yes', 'No', 'IPv6') ?? false,
        ipv6Prefix: fields.get('IPv6 Prefix') || undefined,
        ipv6Default: yesNo(fields.get('IPv6 Default'), 'Yes', 'No', 'IPv6 Default'),
        enabled: yesNo(fields.get('Enabled'), 'Yes', 'No', 'Enabled'),
        portForwards4: sections.portForwards4,
        portForwards6: isLong ? sections.portForwards6 : undefined,
        loopbackMappings4: isLong ? sections.loopbackMappings4 : undefined,
    });
}

/** Both `list natnets` forms and `natnetwork list`, which adds a `NAT Networks:` header and an `N networks found` footer. */
export function parseNatNetworks(text: string): NatNetwork[] {
    const lines = text.split('\n');
    let expected: number | undefined;
    const body = lines.filter((line) => {
        const footer = /^(\d+) networks? found$/.exec(line);
        if (footer) expected = Number(footer[1]);
        return !footer && line !== 'NAT Networks:';
    });
    const networks = splitAtNameLines(body, 'NAT network').map((record) => toNatNetwork(record.filter((line) => line.trim() !== '')));
    if (expected !== undefined && expected !== networks.length) {
        throw new Error(`natnetwork list reported ${expected} networks but ${networks.length} were read`);
    }
    return z.array(NatNetworkSchema).parse(networks);
}

export const NatPortForwardSchema = z.object({
    name: z.string().min(1),
    protocol: z.enum(['tcp', 'udp']),
    /** Empty means every host address. */
    hostIp: z.string(),
    hostPort: z.number().int().min(0).max(65535),
    guestIp: z.string(),
    guestPort: z.number().int().min(0).max(65535),
});
export type NatPortForward = z.infer<typeof NatPortForwardSchema>;

/** One NAT network rule, `ssh:tcp:[]:2222:[10.0.9.5]:22` (IPv6 addresses in the brackets contain colons). */
export function parseNatPortForward(rule: string): NatPortForward {
    const match = /^(.+):(tcp|udp):\[([^\]]*)\]:(\d+):\[([^\]]*)\]:(\d+)$/.exec(rule);
    if (!match) throw new Error(`Cannot read the NAT port-forwarding rule ${JSON.stringify(rule)}`);
    const [, name, protocol, hostIp, hostPort, guestIp, guestPort] = match;
    return NatPortForwardSchema.parse({ name, protocol, hostIp, hostPort: Number(hostPort), guestIp, guestPort: Number(guestPort) });
}

// ---- list intnets

/** `Name:        <network>` per line; names are printed raw, so only the label's padding is dropped. */
export function parseInternalNetworks(text: string): string[] {
    const names: string[] = [];
    for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        if (!line.startsWith('Name:')) throw new Error(`Unexpected line in the internal network list: ${JSON.stringify(line)}`);
        names.push(line.slice('Name:'.length).replace(/^ {1,8}/, ''));
    }
    return z.array(z.string().min(1)).parse(names);
}
