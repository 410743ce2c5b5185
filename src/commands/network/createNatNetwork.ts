import * as vscode from 'vscode';
import { cidrProblem } from '../../operations/network/cidr';
import { createNetwork, networkName } from '../../operations/network/createNetwork';
import { listNetworks } from '../../operations/network/listNetworks';
import type { CommandSpec } from '../commandSpec';
import { askInput } from '../storage/pickItem';
import { runChange } from '../storage/runChange';

/** A 10.0.N.0/24 that no NAT network uses yet (10.0.2.0/24 is what plain NAT adapters use). */
function freeCidr(used: readonly string[]): string {
    for (let n = 10; n < 255; n++) if (!used.includes(`10.0.${n}.0/24`)) return `10.0.${n}.0/24`;
    return '10.1.0.0/24';
}

/** Create NAT Network…: a name and an IPv4 CIDR, both checked as typed; DHCP is on. */
export const createNatNetworkCommand: CommandSpec = {
    id: 'virtualbox.network.createNat',
    create: (services) => async () => {
        const existing = (await services.vbox.execute(listNetworks, {})).natNetworks;
        const names = new Set(existing.map((network) => network.name));
        let n = 1;
        while (names.has(`NatNetwork${n}`)) n++;
        const name = await askInput({
            title: vscode.l10n.t('Create NAT Network (1/2)'),
            prompt: vscode.l10n.t('Network name'),
            value: `NatNetwork${n}`,
            validateInput: (text) => {
                const parsed = networkName.safeParse(text);
                if (!parsed.success) return vscode.l10n.t('The name {0}.', parsed.error.issues[0]?.message ?? '');
                return names.has(parsed.data) ? vscode.l10n.t('A NAT network named "{0}" already exists.', parsed.data) : undefined;
            },
        });
        const cidr = await askInput({
            title: vscode.l10n.t('Create NAT Network (2/2)'),
            prompt: vscode.l10n.t('IPv4 network in CIDR notation; VirtualBox runs a DHCP server on it'),
            value: freeCidr(existing.map((network) => network.network)),
            validateInput: (text) => {
                const problem = cidrProblem(text.trim());
                return problem ? vscode.l10n.t('{0} {1}', text.trim(), problem) : undefined;
            },
        });
        const result = await runChange(services, vscode.l10n.t('Creating NAT network "{0}"', name.trim()), createNetwork, {
            kind: 'natnetwork',
            name: name.trim(),
            cidr: cidr.trim(),
        });
        void vscode.window.showInformationMessage(vscode.l10n.t('Created NAT network "{0}" ({1}).', name.trim(), cidr.trim()));
        return result;
    },
};
