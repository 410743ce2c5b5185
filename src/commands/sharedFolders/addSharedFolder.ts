import * as vscode from 'vscode';
import { addSharedFolder } from '../../operations/sharedFolders/addSharedFolder';
import { sharedFolderKindFor } from '../../operations/sharedFolders/sharedFolderRules';
import { getVmConfig } from '../../operations/vm/config';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { UserCancelledError } from '../registerCommand';
import { runChange } from '../storage/runChange';
import { nodeData, vmNode } from '../storage/treeArgs';
import { askSharedFolder } from './sharedFolderPrompt';
import { commandStates } from '../commandStates';

/**
 * Add Shared Folder… on a VM or its Shared Folders node: permanent while the VM is powered off, transient (until it
 * stops) while it runs, as the operation's state rules say.
 */
export const addSharedFolderCommand: CommandSpec = {
    id: 'virtualbox.sharedFolder.add',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Add Shared Folder');
        const vm =
            nodeData(vmNode, node)?.vm ??
            (await pickVm(services, {
                states: commandStates('virtualbox.sharedFolder.add'),
                title,
                noneMessage: vscode.l10n.t('No VM can take a shared folder now: permanent folders need a powered-off VM, transient ones a running VM.'),
            }));
        const config = await services.vbox.execute(getVmConfig, { vm: vm.uuid });
        const kind = sharedFolderKindFor(config.state);
        if (!kind) {
            void vscode.window.showInformationMessage(
                vscode.l10n.t('VM "{0}" cannot take a shared folder now: power it off for a permanent folder, or start it for a transient one.', vm.name),
            );
            throw new UserCancelledError();
        }
        const transient = kind === 'transient';
        const answers = await askSharedFolder(
            transient ? vscode.l10n.t('{0} to running "{1}" (transient)', title, vm.name) : vscode.l10n.t('{0} to "{1}"', title, vm.name),
            config.sharedFolders.map((folder) => folder.name),
        );
        const result = await runChange(services, vscode.l10n.t('Sharing "{0}" with "{1}"', answers.hostPath, vm.name), addSharedFolder, {
            vm: vm.uuid,
            ...answers,
            transient,
        });
        void vscode.window.showInformationMessage(
            transient
                ? vscode.l10n.t('"{0}" is shared with "{1}" as "{2}" until the VM stops.', result.folder.hostPath, result.vm, result.folder.name)
                : vscode.l10n.t('"{0}" is shared with "{1}" as "{2}".', result.folder.hostPath, result.vm, result.folder.name),
        );
        return result;
    },
};
