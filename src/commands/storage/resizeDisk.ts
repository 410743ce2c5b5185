import * as vscode from 'vscode';
import { resizeDisk } from '../../operations/storage/resizeDisk';
import { formatMegabytes } from '../../tree/common/formatSize';
import { fileNameOf } from '../../tree/media/mediaNodes';
import { VBoxError } from '../../vbox/errors';
import type { CommandSpec } from '../commandSpec';
import { pickRegisteredDisk } from './diskPickers';
import { parseSizeMb, sizeProblem } from './diskSize';
import { askInput } from './pickItem';
import { runChange } from './runChange';
import { attachmentNode, mediumNode, nodeData } from './treeArgs';

/** The disk a node means: a Media view hard disk, or a hard disk attached to a VM in the Machines tree. */
function diskOfNode(node: unknown): { uuid: string; location: string; capacityMb?: number } | undefined {
    const medium = nodeData(mediumNode, node);
    if (medium?.kind === 'hdd') return medium.medium;
    const attached = nodeData(attachmentNode, node)?.attachment;
    if (attached?.kind === 'hdd' && attached.uuid) return { uuid: attached.uuid, location: attached.location, capacityMb: attached.medium?.capacityMb };
    return undefined;
}

/** Resize Disk…: asks for the new capacity, showing the current one; disks only grow. */
export const resizeDiskCommand: CommandSpec = {
    id: 'virtualbox.disk.resize',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Resize Disk');
        const disk =
            diskOfNode(node) ??
            (await pickRegisteredDisk(services, () => true, { title, noneMessage: vscode.l10n.t('VirtualBox has no registered hard disks.') }));
        const current = disk.capacityMb;
        const answer = await askInput({
            title: vscode.l10n.t('Resize "{0}"', fileNameOf(disk.location)),
            prompt:
                current === undefined
                    ? vscode.l10n.t('New capacity (disks only grow).')
                    : vscode.l10n.t('Current capacity: {0}. New capacity (disks only grow); the guest must then extend its partition.', formatMegabytes(current)),
            value: current === undefined ? '' : formatMegabytes(current * 2),
            validateInput: (text) => sizeProblem(text, current),
        });
        const newSizeMb = parseSizeMb(answer) ?? 0;
        const result = await runChange(services, vscode.l10n.t('Resizing "{0}"', fileNameOf(disk.location)), resizeDisk, { disk: disk.uuid, newSizeMb });
        if (result.sizeMb < newSizeMb) {
            // VirtualBox reports success but leaves some images (e.g. VMDK) at their size.
            throw new VBoxError(
                'NOT_SUPPORTED',
                vscode.l10n.t(
                    'VirtualBox did not resize "{0}": it still has {1}. Its image format may not support resizing (VDI and VHD do); clone it to VDI to resize it.',
                    fileNameOf(result.path),
                    formatMegabytes(result.sizeMb),
                ),
            );
        }
        void vscode.window.showInformationMessage(
            vscode.l10n.t('"{0}" now has {1} (was {2}).', fileNameOf(result.path), formatMegabytes(result.sizeMb), formatMegabytes(result.previousSizeMb)),
        );
        return result;
    },
};
