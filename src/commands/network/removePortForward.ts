import * as vscode from 'vscode';
import { portForwarding } from '../../operations/network/portForwarding';
import { getVmConfig } from '../../operations/vm/config';
import type { Services } from '../../services/services';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { pickItem } from '../storage/pickItem';
import { runChange } from '../storage/runChange';
import { nodeData } from '../storage/treeArgs';
import { portForwardNode } from './networkArgs';
import { commandStates } from '../commandStates';

type Target = { vm: { name: string; uuid: string }; slot: number; rule: string };

/** From the palette: a VM, then one rule of its NAT adapters. */
async function pickRule(services: Services, title: string): Promise<Target> {
    const vm = await pickVm(services, { states: commandStates('virtualbox.portForward.remove'), title, noneMessage: vscode.l10n.t('No VM is in a state to change port forwarding.') });
    const config = await services.vbox.execute(getVmConfig, { vm: vm.uuid });
    const items = config.network.flatMap((nic) =>
        nic.forwarding.map((rule) => ({
            label: rule.name,
            description: `${rule.protocol.toUpperCase()} ${rule.hostIp || '*'}:${rule.hostPort} → ${rule.guestIp || vscode.l10n.t('guest')}:${rule.guestPort}`,
            detail: vscode.l10n.t('Adapter {0}', nic.slot),
            slot: nic.slot,
        })),
    );
    const picked = await pickItem(items, { title, placeHolder: vscode.l10n.t('Choose a rule'), noneMessage: vscode.l10n.t('VM "{0}" has no port-forwarding rules.', vm.name) });
    return { vm, slot: picked.slot, rule: picked.label };
}

/** Remove Port Forwarding Rule on a rule node: the host port stops forwarding (at once on a running VM). */
export const removePortForwardCommand: CommandSpec = {
    id: 'virtualbox.portForward.remove',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Remove Port Forwarding Rule');
        const fromNode = nodeData(portForwardNode, node);
        const target = fromNode ? { vm: fromNode.vm, slot: fromNode.nic.slot, rule: fromNode.rule.name } : await pickRule(services, title);
        const result = await runChange(services, vscode.l10n.t('Removing rule "{0}" from "{1}"', target.rule, target.vm.name), portForwarding, {
            vm: target.vm.uuid,
            slot: target.slot,
            action: 'remove',
            name: target.rule,
        });
        void vscode.window.showInformationMessage(vscode.l10n.t('Removed port-forwarding rule "{0}" from "{1}".', target.rule, result.vm));
        return result;
    },
};
