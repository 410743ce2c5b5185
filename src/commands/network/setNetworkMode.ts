import * as vscode from 'vscode';
import { setNetworkMode } from '../../operations/network/setNetworkMode';
import type { CommandSpec } from '../commandSpec';
import { runChange } from '../storage/runChange';
import { askNetworkAttachment } from './attachmentPrompt';
import { describeAttachment } from './describeAttachment';
import { NIC_EDITABLE_STATES, nicTarget } from './networkArgs';

/** Set Attachment… on an adapter: the mode, then the host interface, NAT network or internal network name. */
export const setNetworkModeCommand: CommandSpec = {
    id: 'virtualbox.nic.setMode',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Set Network Attachment');
        const { vm, nic } = await nicTarget(services, node, {
            title,
            states: NIC_EDITABLE_STATES,
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
