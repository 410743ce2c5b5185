import * as vscode from 'vscode';
import { removeNic } from '../../operations/network/removeNic';
import type { CommandSpec } from '../commandSpec';
import { askDestructive } from '../storage/askDestructive';
import { runChange } from '../storage/runChange';
import { nicTarget } from './networkArgs';
import { commandStates } from '../commandStates';

/** Remove Network Adapter… on an adapter: after a modal naming the settings that go with it. */
export const removeNicCommand: CommandSpec = {
    id: 'virtualbox.nic.remove',
    create: (services) => async (node?: unknown) => {
        const { vm, nic } = await nicTarget(services, node, {
            title: vscode.l10n.t('Remove Network Adapter'),
            states: commandStates('virtualbox.nic.remove'),
            noneMessage: (target) => vscode.l10n.t('VM "{0}" has no network adapters.', target.name),
        });
        const lost = [
            nic.macAddress ? vscode.l10n.t('its MAC address {0}', nic.macAddress) : undefined,
            nic.forwarding.length ? vscode.l10n.t('its {0} port-forwarding rule(s) ({1})', nic.forwarding.length, nic.forwarding.map((rule) => rule.name).join(', ')) : undefined,
        ].filter(Boolean);
        await askDestructive(
            services,
            vscode.l10n.t('Remove adapter {0} ({1}) from "{2}"?', nic.slot, nic.attachment, vm.name),
            lost.length
                ? vscode.l10n.t('The adapter is disabled and its settings are dropped: {0}. The guest loses this network connection.', lost.join(', '))
                : vscode.l10n.t('The adapter is disabled and its settings are dropped. The guest loses this network connection.'),
            [vscode.l10n.t('Remove Adapter')],
        );
        const result = await runChange(services, vscode.l10n.t('Removing adapter {0} of "{1}"', nic.slot, vm.name), removeNic, { vm: vm.uuid, slot: nic.slot }, {
            vm: vm.uuid,
            label: vscode.l10n.t('Removing adapter…'),
        });
        void vscode.window.showInformationMessage(vscode.l10n.t('Removed adapter {0} from "{1}".', result.slot, result.vm));
        return result;
    },
};
