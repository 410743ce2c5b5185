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

function sameHostSocket(a: { protocol: string; hostIp: string; hostPort: number }, b: { protocol: string; hostIp: string; hostPort: number }): boolean {
    const addressesOverlap = ANY_ADDRESS.has(a.hostIp) || ANY_ADDRESS.has(b.hostIp) || a.hostIp === b.hostIp;
    return a.protocol === b.protocol && a.hostPort === b.hostPort && addressesOverlap;
}

/**
 * ALREADY_EXISTS when the adapter already has a rule of that name, or when any NAT adapter of the VM already
 * forwards that host port (same protocol, overlapping host address): two rules could not both listen there.
 * VirtualBox itself only catches the same port on the same adapter and address.
 */
export function requireRuleFree(info: VmInfo, slot: number, rule: PortForwardRuleInput): void {
    const nic = info.nics.find((candidate) => candidate.slot === slot);
    if (nic?.forwarding.some((existing) => existing.name === rule.name)) {
        throw new VBoxError(
            'ALREADY_EXISTS',
            `Adapter ${slot} of VM "${info.name}" already has a port-forwarding rule named "${rule.name}". Choose another name or remove that rule.`,
        );
    }
    const wanted = { protocol: rule.protocol, hostIp: rule.hostIp ?? '', hostPort: rule.hostPort };
    for (const other of info.nics) {
        if (other.attachment !== 'nat') continue;
        const clash = other.forwarding.find((existing) => sameHostSocket(existing, wanted));
        if (clash) {
            throw new VBoxError(
                'ALREADY_EXISTS',
                `Host port ${rule.hostPort}/${rule.protocol} is already forwarded by rule "${clash.name}" on adapter ${other.slot} ` +
                    `of VM "${info.name}". Choose another host port.`,
            );
        }
    }
}

export type { PortForwardRule };
