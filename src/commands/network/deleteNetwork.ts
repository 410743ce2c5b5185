import * as vscode from 'vscode';
import { deleteNetwork } from '../../operations/network/deleteNetwork';
import { listNetworks } from '../../operations/network/listNetworks';
import type { Services } from '../../services/services';
import { isVBoxError } from '../../vbox/errors';
import type { CommandSpec } from '../commandSpec';
import { askDestructive } from '../storage/askDestructive';
import { pickItem } from '../storage/pickItem';
import { runChange } from '../storage/runChange';
import { nodeData } from '../storage/treeArgs';
import { networkNode } from './networkArgs';

type Target = { kind: 'natnet' | 'hostonly'; name: string };

async function pickNetwork(services: Services, title: string): Promise<Target> {
    const networks = await services.vbox.execute(listNetworks, {});
    const items = [
        ...networks.natNetworks.map((network) => ({ label: network.name, description: vscode.l10n.t('NAT network · {0}', network.network), network: 'natnet' as const })),
        ...networks.hostOnly.map((host) => ({ label: host.name, description: vscode.l10n.t('host-only interface'), network: 'hostonly' as const })),
    ];
    const picked = await pickItem(items, { title, placeHolder: vscode.l10n.t('Choose a network'), noneMessage: vscode.l10n.t('There are no NAT networks or host-only interfaces to delete.') });
    return { kind: picked.network, name: picked.label };
}

/**
 * Delete Network… on a NAT network or host-only interface. VirtualBox refuses while VMs use it; that refusal names
 * the VMs and is shown in a modal, since the fix (re-attaching those adapters) takes some reading.
 */
export const deleteNetworkCommand: CommandSpec = {
    id: 'virtualbox.network.delete',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Delete Network');
        const fromNode = nodeData(networkNode, node);
        const target: Target =
            fromNode && (fromNode.kind === 'natnet' || fromNode.kind === 'hostonly') ? { kind: fromNode.kind, name: fromNode.name } : await pickNetwork(services, title);
        const what = target.kind === 'natnet' ? vscode.l10n.t('NAT network "{0}"', target.name) : vscode.l10n.t('host-only interface "{0}"', target.name);
        await askDestructive(
            services,
            vscode.l10n.t('Delete the {0}?', what),
            target.kind === 'natnet'
                ? vscode.l10n.t('The network, its DHCP server settings and its port-forwarding rules are removed. VirtualBox refuses while a VM has an adapter attached to it.')
                : vscode.l10n.t('The interface and its address settings are removed from the host. VirtualBox refuses while a VM has an adapter attached to it.'),
            [vscode.l10n.t('Delete')],
        );
        try {
            const result = await runChange(services, vscode.l10n.t('Deleting the {0}', what), deleteNetwork, {
                kind: target.kind === 'natnet' ? 'natnetwork' : 'hostonly',
                name: target.name,
            });
            void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the {0}.', what));
            return result;
        } catch (error) {
            if (!isVBoxError(error, 'MEDIUM_IN_USE')) throw error;
            services.logger.warn(error.message);
            await vscode.window.showErrorMessage(vscode.l10n.t('The {0} is in use.', what), { modal: true, detail: error.message });
            return undefined;
        }
    },
};
