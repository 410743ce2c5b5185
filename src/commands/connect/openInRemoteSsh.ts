import * as vscode from 'vscode';
import { hostAlias } from '../../operations/connect/sshConfigText';
import type { CommandSpec } from '../commandSpec';
import { UserCancelledError } from '../registerCommand';
import { targetVm } from '../vm/vmTargets';
import { ensureInclude, writeHostEntry } from './sshConfigFile';
import { askSshUser, endpointsOrSetup, waitForSshWithProgress } from './sshTarget';

export const REMOTE_SSH_EXTENSION = 'ms-vscode-remote.remote-ssh';

/**
 * A new window connected to the VM with Remote-SSH, through a `Host vbox-<name>` entry the extension keeps in its own
 * file (updated to the VM's current port each time). Without Remote-SSH it offers to install it.
 */
export const openInRemoteSsh: CommandSpec = {
    id: 'virtualbox.vm.openInRemoteSsh',
    create: (services) => async (...args: unknown[]) => {
        const vm = await targetVm(services, args, 'virtualbox.vm.openInRemoteSsh', {
            title: vscode.l10n.t('Open in Remote-SSH Window'),
            noneMessage: vscode.l10n.t('No VM is running: start one to open a window in it.'),
        });
        if (!vscode.extensions.getExtension(REMOTE_SSH_EXTENSION)) {
            const install = vscode.l10n.t('Install Remote - SSH');
            const choice = await vscode.window.showInformationMessage(
                vscode.l10n.t('Opening a VS Code window in a VM needs the Remote - SSH extension.'),
                { modal: true },
                install,
            );
            if (choice === install) await vscode.commands.executeCommand('workbench.extensions.installExtension', REMOTE_SSH_EXTENSION);
            throw new UserCancelledError();
        }
        const { endpoints } = await endpointsOrSetup(services, vm);
        const user = await askSshUser(services, vm);
        const entry = await writeHostEntry({ uuid: vm.uuid, alias: hostAlias(vm.name, vm.uuid), host: endpoints[0].host, port: endpoints[0].port, user });
        await ensureInclude();
        await waitForSshWithProgress(services, vm);
        const remoteAuthority = `ssh-remote+${entry.alias}`;
        await vscode.commands.executeCommand('vscode.newWindow', { remoteAuthority, reuseWindow: false });
        return remoteAuthority;
    },
};
