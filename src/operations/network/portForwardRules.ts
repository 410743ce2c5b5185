import { z } from 'zod';
import { VBoxError } from '../../vbox/errors';
import type { PortForwardRule, VmInfo } from '../../vbox/parsers/vmInfo';
import { withoutControlCharacters } from '../shared/schemas';

/**
 * A rule name as VirtualBox can keep it: `,` separates the fields of the rule string VBoxManage splits
 * (`name,tcp,hostip,hostport,guestip,guestport`), so a name with a comma would be cut; `:` is accepted by the NAT
 * engine, but it separates the fields of NAT network rules, so such a name could not move to a NAT network; and a
 * line break would end showvminfo's `Forwarding(i)="..."` line, which VirtualBox prints unescaped.
 */
export const ruleName = z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^,:]+$/, 'must not contain a comma or a colon')
    .refine(withoutControlCharacters, 'must not contain line breaks or control characters')
    .describe('Rule name, unique on the adapter (no "," or ":"), e.g. "ssh".');

const port = (what: string) => z.number().int().min(1).max(65535).describe(what);

export const portForwardRule = z.object({
    name: ruleName,
    protocol: z.enum(['tcp', 'udp']).default('tcp').describe('tcp or udp. Default: tcp.'),
    hostIp: z.ipv4().optional().describe('Host address to listen on. Default: every address of the host.'),
    hostPort: port('Port on the host, 1-65535.'),
    guestIp: z.ipv4().optional().describe("Guest address to forward to. Default: the guest's NAT address (DHCP)."),
    guestPort: port('Port in the guest, 1-65535.'),
});
export type PortForwardRuleInput = z.infer<typeof portForwardRule>;

/** The rule string of `modifyvm --natpfN` and `controlvm natpfN`; empty addresses mean "any" and "the guest". */
export function ruleString(rule: PortForwardRuleInput): string {
    return [rule.name, rule.protocol, rule.hostIp ?? '', rule.hostPort, rule.guestIp ?? '', rule.guestPort].join(',');
}

const ANY_ADDRESS = new Set(['', '0.0.0.0']);

interface HostSocket {
    readonly protocol: string;
    readonly hostIp?: string;
    readonly hostPort: number;
}

/** Two rules that would listen on the same host socket: an empty address (or 0.0.0.0) is every address. */
export function sameHostSocket(a: HostSocket, b: HostSocket): boolean {
    const [ipA, ipB] = [a.hostIp ?? '', b.hostIp ?? ''];
    const addressesOverlap = ANY_ADDRESS.has(ipA) || ANY_ADDRESS.has(ipB) || ipA === ipB;
    return a.protocol === b.protocol && a.hostPort === b.hostPort && addressesOverlap;
}

/** The NAT adapters' rules a new rule must not clash with. */
export interface NatRules {
    readonly slot: number;
    readonly attachment: string;
    readonly forwarding: readonly (HostSocket & { readonly name: string })[];
}

export interface RuleClash {
    readonly field: 'name' | 'hostPort';
    readonly message: string;
}

/**
 * Why a rule cannot join adapter `slot`: its name is taken there, or any NAT adapter already forwards its host port
 * (same protocol, overlapping host address), so two rules could not both listen there. VirtualBox itself only
 * catches the same port on the same adapter and address. Without a host port, only the name is checked.
 */
export function findRuleClash(nics: readonly NatRules[], slot: number, rule: { name: string; protocol: string; hostIp?: string; hostPort?: number }): RuleClash | undefined {
    const nic = nics.find((candidate) => candidate.slot === slot);
    if (nic?.forwarding.some((existing) => existing.name === rule.name)) {
        return { field: 'name', message: `Adapter ${slot} already has a rule named "${rule.name}".` };
    }
    const { hostPort } = rule;
    if (hostPort === undefined) return undefined;
    for (const other of nics) {
        if (other.attachment !== 'nat') continue;
        const clash = other.forwarding.find((existing) => sameHostSocket(existing, { ...rule, hostPort }));
        if (clash) return { field: 'hostPort', message: `Host port ${hostPort}/${rule.protocol} is already forwarded by rule "${clash.name}" on adapter ${other.slot}.` };
    }
    return undefined;
}

/** ALREADY_EXISTS when the rule clashes with the VM's rules (see findRuleClash). */
export function requireRuleFree(info: VmInfo, slot: number, rule: PortForwardRuleInput): void {
    const clash = findRuleClash(info.nics, slot, rule);
    if (!clash) return;
    const advice = clash.field === 'name' ? 'Choose another name or remove that rule.' : 'Choose another host port.';
    throw new VBoxError('ALREADY_EXISTS', `VM "${info.name}": ${clash.message} ${advice}`);
}

export type { PortForwardRule };
