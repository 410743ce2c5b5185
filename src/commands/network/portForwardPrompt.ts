import * as vscode from 'vscode';
import type { z } from 'zod';
import { portForwardRule, type PortForwardRuleInput } from '../../operations/network/portForwardRules';
import { describeIssues } from '../../operations/operation';
import { UserCancelledError } from '../registerCommand';
import { askInput } from '../storage/pickItem';

const fields = portForwardRule.shape;

/** The first problem the operation's own schema finds in a value, as the input box shows it. */
function problem(schema: z.ZodType, value: unknown): string | undefined {
    const parsed = schema.safeParse(value);
    return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

const asPort = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
const asOptionalIp = (text: string) => (text.trim() === '' ? undefined : text.trim());

/**
 * The steps of a new port-forwarding rule (name, protocol, host port, guest port, then the optional addresses), each
 * checked as typed against the port_forwarding operation's rule schema; `taken` are the adapter's rule names.
 */
export async function askPortForwardRule(title: string, taken: readonly string[]): Promise<PortForwardRuleInput> {
    const step = (n: number) => `${title} (${n}/6)`;
    let n = taken.length + 1;
    while (taken.includes(`rule${n}`)) n++;
    const name = await askInput({
        title: step(1),
        prompt: vscode.l10n.t('Rule name, unique on this adapter (e.g. ssh, http)'),
        value: `rule${n}`,
        validateInput: (text) =>
            problem(fields.name, text) ?? (taken.includes(text.trim()) ? vscode.l10n.t('This adapter already has a rule named "{0}".', text.trim()) : undefined),
    });
    const protocols = [
        { label: 'TCP', protocol: 'tcp' as const },
        { label: 'UDP', protocol: 'udp' as const },
    ];
    const protocol = await vscode.window.showQuickPick(protocols, { title: step(2), placeHolder: vscode.l10n.t('Protocol') });
    if (!protocol) throw new UserCancelledError();
    const hostPort = await askInput({
        title: step(3),
        prompt: vscode.l10n.t('Port on the host (1-65535) that forwards into the guest'),
        validateInput: (text) => problem(fields.hostPort, asPort(text)),
    });
    const guestPort = await askInput({
        title: step(4),
        prompt: vscode.l10n.t('Port in the guest (1-65535)'),
        validateInput: (text) => problem(fields.guestPort, asPort(text)),
    });
    const hostIp = await askInput({
        title: step(5),
        prompt: vscode.l10n.t('Host address to listen on (optional): empty means every address of the host, 127.0.0.1 only this machine'),
        validateInput: (text) => problem(fields.hostIp, asOptionalIp(text)),
    });
    const guestIp = await askInput({
        title: step(6),
        prompt: vscode.l10n.t("Guest address (optional): empty means the guest's NAT address"),
        validateInput: (text) => problem(fields.guestIp, asOptionalIp(text)),
    });
    const rule = portForwardRule.safeParse({
        name: name.trim(),
        protocol: protocol.protocol,
        hostPort: asPort(hostPort),
        guestPort: asPort(guestPort),
        ...(asOptionalIp(hostIp) ? { hostIp: asOptionalIp(hostIp) } : {}),
        ...(asOptionalIp(guestIp) ? { guestIp: asOptionalIp(guestIp) } : {}),
    });
    if (!rule.success) throw new Error(describeIssues(rule.error));
    return rule.data;
}
