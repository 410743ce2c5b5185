import * as vscode from 'vscode';
import { sshCommandLine } from '../../operations/connect/sshEndpoints';
import type { CommandSpec } from '../commandSpec';
import { targetVm } from '../vm/vmTargets';
import { askSshUser, endpointsOrSetup } from './sshTarget';

/** Puts `ssh -p <port> <user>@<host>` for the VM's preferred endpoint on the clipboard. */
export const copySshCommand: CommandSpec = {
    id: 'virtualbox.vm.copySshCommand',
    create: (services) => async (...args: unknown[]) => {
        const vm = await targetVm(services, args, 'virtualbox.vm.copySshCommand', {
            title: vscode.l10n.t('Copy SSH Command'),
            noneMessage: vscode.l10n.t('No VM can be reached over SSH in its current state.'),
        });
        const { endpoints } = await endpointsOrSetup(services, vm);
        const line = sshCommandLine(endpoints[0], await askSshUser(services, vm));
        await vscode.env.clipboard.writeText(line);
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied: {0}', line));
        return line;
    },
};
