import * as vscode from 'vscode';
import { removeDisk } from '../../operations/storage/removeDisk';
import { formatMegabytes } from '../../tree/common/formatSize';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { askDestructive } from './askDestructive';
import { pickAttachedDisk } from './diskPickers';
import { runChange } from './runChange';
import { attachmentNode, nodeData } from './treeArgs';
import { commandStates } from '../commandStates';

/**
 * Remove Disk… on a hard disk attached to a VM: detach it and keep the file, or detach it and delete the file.
 * From the palette: asks for the VM, then the disk.
 */
export const removeDiskCommand: CommandSpec = {
    id: 'virtualbox.disk.remove',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Remove Disk');
        let target = nodeData(attachmentNode, node);
        if (!target) {
            const vm = await pickVm(services, {
                states: commandStates('virtualbox.disk.remove'),
                title,
                noneMessage: vscode.l10n.t('No VM can have a disk removed now: disks are removed from powered-off VMs.'),
            });
            target = { vm, attachment: await pickAttachedDisk(services, vm, title) };
        }
        const { vm, attachment } = target;
        const file = attachment.medium?.location ?? attachment.location;
        const size = attachment.medium?.capacityMb;
        const keep = vscode.l10n.t('Detach, Keep the File');
        const remove = vscode.l10n.t('Detach and Delete the File');
        const choice = await askDestructive(
            services,
            vscode.l10n.t('Remove disk "{0}" from VM "{1}"?', fileNameOf(file), vm.name),
            [
                vscode.l10n.t('"{0}": the VM no longer sees this disk; the file stays and can be attached again.', keep),
                vscode.l10n.t('"{0}": the file {1}{2} and all the data on it are deleted from the host. This cannot be undone.', remove, file, size === undefined ? '' : ` (${formatMegabytes(size)})`),
            ].join('\n\n'),
            [keep, remove],
        );
        const deleteFile = choice === remove;
        const result = await runChange(
            services,
            deleteFile ? vscode.l10n.t('Removing and deleting "{0}"', fileNameOf(file)) : vscode.l10n.t('Detaching "{0}"', fileNameOf(file)),
            removeDisk,
            { vm: vm.uuid, controller: attachment.controller, port: attachment.port, device: attachment.device, deleteFile },
            { vm: vm.uuid, label: vscode.l10n.t('Removing disk…') },
        );
        void vscode.window.showInformationMessage(
            result.fileDeleted
                ? vscode.l10n.t('Removed "{0}" from "{1}" and deleted {2}.', fileNameOf(result.path), result.vm, result.deletedPath ?? result.path)
                : vscode.l10n.t('Removed "{0}" from "{1}"; the file is kept.', fileNameOf(result.path), result.vm),
        );
        return result;
    },
};
