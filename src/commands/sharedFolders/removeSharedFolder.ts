import * as vscode from 'vscode';
import { listSharedFolders } from '../../operations/sharedFolders/listSharedFolders';
import { removeSharedFolder } from '../../operations/sharedFolders/removeSharedFolder';
import type { Services } from '../../services/services';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { askDestructive } from '../storage/askDestructive';
import { pickItem } from '../storage/pickItem';
import { runChange } from '../storage/runChange';
import { nodeData } from '../storage/treeArgs';
import { sharedFolderNode, type SharedFolderTarget } from './sharedFolderArgs';
import { commandStates } from '../commandStates';

/** From the palette: a VM, then one of its folders that its state lets go (permanent when off, transient when running). */
async function pickFolder(services: Services, title: string): Promise<SharedFolderTarget> {
    const vm = await pickVm(services, { states: commandStates('virtualbox.sharedFolder.remove'), title, noneMessage: vscode.l10n.t('No VM is in a state to remove a shared folder.') });
    const listed = await services.vbox.execute(listSharedFolders, { vm: vm.uuid });
    const items = listed.folders
        .filter((folder) => !folder.global && listed.changeable === (folder.transient ? 'transient' : 'permanent'))
        .map((folder) => ({ label: folder.name, description: folder.hostPath, detail: folder.transient ? vscode.l10n.t('transient') : undefined, folder }));
    const picked = await pickItem(items, {
        title,
        placeHolder: vscode.l10n.t('Choose a shared folder of "{0}"', vm.name),
        noneMessage:
            listed.changeable === 'transient'
                ? vscode.l10n.t('VM "{0}" has no transient shared folders; permanent ones can be removed while it is powered off.', vm.name)
                : vscode.l10n.t('VM "{0}" has no shared folders to remove.', vm.name),
    });
    return { vm, folder: picked.folder };
}

/** Remove Shared Folder on a folder node, after a modal: the guest loses the folder, the host's files stay. */
export const removeSharedFolderCommand: CommandSpec = {
    id: 'virtualbox.sharedFolder.remove',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Remove Shared Folder');
        const { vm, folder } = nodeData(sharedFolderNode, node) ?? (await pickFolder(services, title));
        await askDestructive(
            services,
            vscode.l10n.t('Stop sharing "{0}" with "{1}"?', folder.name, vm.name),
            vscode.l10n.t('The guest loses access to {0}. The host folder and its files stay as they are.', folder.hostPath),
            [vscode.l10n.t('Remove Shared Folder')],
        );
        const result = await runChange(services, vscode.l10n.t('Removing shared folder "{0}" from "{1}"', folder.name, vm.name), removeSharedFolder, {
            vm: vm.uuid,
            name: folder.name,
            transient: folder.transient,
        });
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is no longer shared with "{1}".', result.removed.name, result.vm));
        return result;
    },
};
