import * as vscode from 'vscode';
import { sshArguments } from '../../operations/connect/sshEndpoints';
import { locateSshClient } from '../../vbox/locate';
import type { CommandSpec } from '../commandSpec';
import { targetVm } from '../vm/vmTargets';
import { askSshUser, endpointsOrSetup, waitForSshWithProgress } from './sshTarget';

/**
 * An integrated terminal running the system `ssh` into a running VM: the endpoint found (or set up with the user's
 * consent), waited for until the guest's SSH server answers (progress, Cancel, bounded by virtualbox.sshWaitSeconds),
 * then `ssh -p <port> -l <user> -- <host>` as an argument array, ssh being `virtualbox.sshPath` or the one on PATH.
 * ssh itself asks for a password or the host key.
 */
export const openSshTerminal: CommandSpec = {
    id: 'virtualbox.vm.openSshTerminal',
    create: (services) => async (...args: unknown[]) => {
        const vm = await targetVm(services, args, 'virtualbox.vm.openSshTerminal', {
            title: vscode.l10n.t('Open SSH Terminal'),
            noneMessage: vscode.l10n.t('No VM is running: start one to open a shell in it.'),
        });
        // Before anything is asked or changed: without a client, there is nothing to open.
        const ssh = await locateSshClient(services.settings.value.sshPath);
        await endpointsOrSetup(services, vm);
        const user = await askSshUser(services, vm);
        const waited = await waitForSshWithProgress(services, vm);
        const terminal = vscode.window.createTerminal({
            name: vscode.l10n.t('SSH: {0}', vm.name),
            shellPath: ssh,
            shellArgs: sshArguments(waited.endpoint, user),
            iconPath: new vscode.ThemeIcon('terminal'),
            message: vscode.l10n.t('{0} as {1}: {2}', vm.name, user, waited.endpoint.description),
        });
        terminal.show();
        return terminal;
    },
};
