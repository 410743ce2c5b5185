import * as vscode from 'vscode';
import { copyDisk } from '../../operations/media/copyDisk';
import { copyTargetProblem, proposedCopyPath } from '../../operations/media/diskTools';
import { DISK_FORMATS } from '../../operations/storage/diskFiles';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { CommandSpec } from '../commandSpec';
import { pickRegisteredDisk } from '../storage/diskPickers';
import { askInput, pickItem } from '../storage/pickItem';
import { runChange } from '../storage/runChange';
import { mediumNode, nodeData } from '../storage/treeArgs';

/**
 * Convert / Copy Disk… on a Media view hard disk: format, allocation, then the target path (proposed next to the
 * source, checked as typed); the copy runs with progress and Cancel, and a cancelled copy leaves nothing behind.
 */
export const copyDiskCommand: CommandSpec = {
    id: 'virtualbox.disk.copy',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Convert / Copy Disk');
        const fromNode = nodeData(mediumNode, node);
        const disk =
            fromNode?.kind === 'hdd'
                ? fromNode.medium
                : await pickRegisteredDisk(services, () => true, { title, noneMessage: vscode.l10n.t('VirtualBox has no registered hard disks.') });
        const name = fileNameOf(disk.location);
        const format = (
            await pickItem(
                DISK_FORMATS.map((candidate) => ({ label: candidate, description: candidate === disk.format ? vscode.l10n.t('same format') : undefined, format: candidate })),
                { title: vscode.l10n.t('Copy "{0}" (1/3)', name), placeHolder: vscode.l10n.t('Format of the copy'), noneMessage: '' },
            )
        ).format;
        const variant = (
            await pickItem(
                [
                    { label: vscode.l10n.t('Dynamically allocated'), detail: vscode.l10n.t('The file grows as the guest writes.'), variant: 'Standard' as const },
                    { label: vscode.l10n.t('Fixed size'), detail: vscode.l10n.t('The whole capacity is allocated now.'), variant: 'Fixed' as const },
                ],
                { title: vscode.l10n.t('Copy "{0}" (2/3)', name), placeHolder: vscode.l10n.t('Allocation of the copy'), noneMessage: '' },
            )
        ).variant;
        const proposed = proposedCopyPath(disk.location, format);
        const target = await askInput({
            title: vscode.l10n.t('Copy "{0}" (3/3)', name),
            prompt: vscode.l10n.t('Full path of the new {0} file.', format),
            value: proposed,
            valueSelection: [proposed.length - fileNameOf(proposed).length, proposed.lastIndexOf('.')],
            validateInput: (text) => copyTargetProblem(text, format),
        });
        const result = await runChange(services, vscode.l10n.t('Copying "{0}" to {1}', name, format), copyDisk, { disk: disk.uuid, target: target.trim(), format, variant });
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied "{0}" to {1}.', name, result.path));
        return result;
    },
};
