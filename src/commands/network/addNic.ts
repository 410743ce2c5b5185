import * as vscode from 'vscode';
import { addNic } from '../../operations/network/addNic';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { runChange } from '../storage/runChange';
import { nodeData, vmNode } from '../storage/treeArgs';
import { askNetworkAttachment } from './attachmentPrompt';
import { describeAttachment } from './describeAttachment';
import { commandStates } from '../commandStates';

/** Add Network Adapter… on a powered-off VM or its Network folder: the first free slot, attached as chosen. */
export const addNicCommand: CommandSpec = {
    id: 'virtualbox.nic.add',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Add Network Adapter');
        const vm =
            nodeData(vmNode, node)?.vm ??
            (await pickVm(services, {
                states: commandStates('virtualbox.nic.add'),
                title,
                noneMessage: vscode.l10n.t('No VM can take an adapter now: adapters are added to powered-off VMs.'),
            }));
        const network = await askNetworkAttachment(services, vscode.l10n.t('{0} to "{1}"', title, vm.name));
        const result = await runChange(services, vscode.l10n.t('Adding an adapter to "{0}"', vm.name), addNic, { vm: vm.uuid, network }, {
            vm: vm.uuid,
            label: vscode.l10n.t('Adding adapter…'),
        });
        void vscode.window.showInformationMessage(
            vscode.l10n.t('Added adapter {0} to "{1}", attached to {2}.', result.slot, result.vm, describeAttachment(result.network)),
        );
        return result;
    },
};
