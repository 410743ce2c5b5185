import * as vscode from 'vscode';
import { portForwarding } from '../../operations/network/portForwarding';
import type { CommandSpec } from '../commandSpec';
import { runChange } from '../storage/runChange';
import { nicTarget } from './networkArgs';
import { askPortForwardRule } from './portForwardPrompt';
import { commandStates } from '../commandStates';

/** Add Port Forwarding Rule… on a NAT adapter; a running VM takes the rule at once. */
export const addPortForwardCommand: CommandSpec = {
    id: 'virtualbox.portForward.add',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Add Port Forwarding Rule');
        const { vm, nic } = await nicTarget(services, node, {
            title,
            states: commandStates('virtualbox.portForward.add'),
            filter: (candidate) => candidate.attachment === 'nat',
            noneMessage: (target) => vscode.l10n.t('VM "{0}" has no NAT adapter; port forwarding exists only on NAT adapters.', target.name),
        });
        const rule = await askPortForwardRule(
            vscode.l10n.t('{0} (adapter {1} of "{2}")', title, nic.slot, vm.name),
            nic.forwarding.map((existing) => existing.name),
        );
        const result = await runChange(services, vscode.l10n.t('Adding rule "{0}" to "{1}"', rule.name, vm.name), portForwarding, {
            vm: vm.uuid,
            slot: nic.slot,
            action: 'add',
            rule,
        });
        void vscode.window.showInformationMessage(
            vscode.l10n.t(
                'Host port {0}/{1} now forwards to port {2} of "{3}"{4}.',
                rule.hostPort,
                rule.protocol,
                rule.guestPort,
                result.vm,
                result.live ? vscode.l10n.t(' (in effect now)') : '',
            ),
        );
        return result;
    },
};
