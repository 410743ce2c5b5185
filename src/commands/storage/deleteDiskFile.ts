import * as vscode from 'vscode';
import { formatMegabytes } from '../../tree/common/formatSize';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { CommandSpec } from '../commandSpec';
import { askDestructive } from './askDestructive';
import { deleteDisk } from '../../operations/storage/deleteDisk';
import { diskIsFree, pickRegisteredDisk } from './diskPickers';
import { runChange } from './runChange';
import { mediumNode, nodeData } from './treeArgs';

/** Delete Disk File… on a hard disk no VM uses (Media view): the file is deleted from the host after a modal. */
export const deleteDiskFileCommand: CommandSpec = {
    id: 'virtualbox.disk.deleteFile',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Delete Disk File');
        const fromNode = nodeData(mediumNode, node);
        const disk =
            fromNode?.kind === 'hdd'
                ? fromNode.medium
                : await pickRegisteredDisk(services, diskIsFree, { title, noneMessage: vscode.l10n.t('Every registered hard disk is attached to a VM.') });
        const sizes = [
            disk.capacityMb === undefined ? undefined : vscode.l10n.t('capacity {0}', formatMegabytes(disk.capacityMb)),
            disk.sizeOnDiskMb === undefined ? undefined : vscode.l10n.t('{0} on disk', formatMegabytes(disk.sizeOnDiskMb)),
        ].filter(Boolean);
        await askDestructive(
            services,
            vscode.l10n.t('Delete the disk file "{0}"?', fileNameOf(disk.location)),
            vscode.l10n.t(
                'The file {0}{1} and all the data on it are deleted from the host, and VirtualBox forgets the disk. This cannot be undone.',
                disk.location,
                sizes.length ? ` (${sizes.join(', ')})` : '',
            ),
            [vscode.l10n.t('Delete File')],
        );
        const result = await runChange(services, vscode.l10n.t('Deleting "{0}"', fileNameOf(disk.location)), deleteDisk, { disk: disk.uuid });
        void vscode.window.showInformationMessage(vscode.l10n.t('Deleted {0}.', result.path));
        return result;
    },
};
