import * as vscode from 'vscode';
import type { CommandSpec } from '../commandSpec';
import { targetVms } from '../vm/vmTargets';
import { webviewManagers } from './webviewManagers';
import { commandStates } from '../commandStates';

/** "Monitor Resources": live CPU, memory, disk and network charts and a screen preview of a running VM. */
export const monitorResources: CommandSpec = {
    id: 'virtualbox.vm.monitor',
    create: (services) => async (...args: unknown[]) => {
        const [vm] = await targetVms(services, args, {
            states: commandStates('virtualbox.vm.monitor'),
            canPickMany: false,
            title: vscode.l10n.t('Monitor VM Resources'),
            noneMessage: vscode.l10n.t('No VM is running: only a running VM can be monitored.'),
        });
        webviewManagers(services).monitor.open({ uuid: vm.uuid, name: vm.name });
    },
};
