import * as vscode from 'vscode';
import type { CommandSpec } from '../commandSpec';
import { targetVms } from '../vm/vmTargets';
import { webviewManagers } from './webviewManagers';
import { commandStates } from '../commandStates';

/** "Edit Settings…": the VM's settings editor, one tab per VM (opening it again focuses it). */
export const editSettings: CommandSpec = {
    id: 'virtualbox.vm.editSettings',
    create: (services) => async (...args: unknown[]) => {
        const [vm] = await targetVms(services, args, {
            // Every state but inaccessible: a running VM's editor opens too, with what needs the VM off disabled.
            states: commandStates('virtualbox.vm.editSettings'),
            canPickMany: false,
            title: vscode.l10n.t('Edit VM Settings'),
            noneMessage: vscode.l10n.t('No VM has settings that can be read.'),
        });
        webviewManagers(services).settings.open({ uuid: vm.uuid, name: vm.name });
    },
};
