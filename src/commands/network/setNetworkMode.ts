import * as vscode from 'vscode';
import { setNetworkMode } from '../../operations/network/setNetworkMode';
import type { CommandSpec } from '../commandSpec';
import { runChange } from '../storage/runChange';
import { askNetworkAttachment } from './attachmentPrompt';
import { describeAttachment } from './describeAttachment';
import { nicTarget } from './networkArgs';
import { commandStates } from '../commandStates';

/** Set Attachment… on an adapter: the mode, then the host interface, NAT network or internal network name. */
export const setNetworkModeCommand: CommandSpec = {
    id: 'virtualbox.nic.setMode',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Set Network Attachment');
        const { vm, nic } = await nicTarget(services, node, {
            title,
            states: commandStates('virtualbox.nic.setMode'),
            noneMessage: (target) => vscode.l10n.t('VM "{0}" has no network adapters.', target.name),
        });
        const network = await askNetworkAttachment(services, vscode.l10n.t('Adapter {0} of "{1}"', nic.slot, vm.name), nic.attachment);
        const result = await runChange(
            services,
            vscode.l10n.t('Attaching adapter {0} of "{1}"', nic.slot, vm.name),
            setNetworkMode,
            { vm: vm.uuid, slot: nic.slot, network },
            { vm: vm.uuid, label: vscode.l10n.t('Changing network…') },
        );
        void vscode.window.showInformationMessage(
            vscode.l10n.t('Adapter {0} of "{1}" is now attached to {2}.', result.slot, result.vm, describeAttachment(result.network)),
        );
        return result;
    },
};
