import * as vscode from 'vscode';
import { compactDisk } from '../../operations/media/compactDisk';
import { formatMegabytes } from '../../tree/common/formatSize';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { CommandSpec } from '../commandSpec';
import { pickRegisteredDisk } from '../storage/diskPickers';
import { runChange } from '../storage/runChange';
import { mediumNode, nodeData } from '../storage/treeArgs';

/** Compact Disk on a Media view hard disk: progress with Cancel; only VDI images compact (the operation says so). */
export const compactDiskCommand: CommandSpec = {
    id: 'virtualbox.disk.compact',
    create: (services) => async (node?: unknown) => {
        const fromNode = nodeData(mediumNode, node);
        const disk =
            fromNode?.kind === 'hdd'
                ? fromNode.medium
                : await pickRegisteredDisk(services, (candidate) => candidate.format === 'VDI', {
                      title: vscode.l10n.t('Compact Disk'),
                      noneMessage: vscode.l10n.t('VirtualBox has no registered VDI disks; only VDI images can be compacted.'),
                  });
        const result = await runChange(services, vscode.l10n.t('Compacting "{0}"', fileNameOf(disk.location)), compactDisk, { disk: disk.uuid });
        const { sizeOnDiskMbBefore: before, sizeOnDiskMbAfter: after } = result;
        void vscode.window.showInformationMessage(
            before !== undefined && after !== undefined
                ? vscode.l10n.t('Compacted "{0}": {1} on disk (was {2}).', fileNameOf(result.path), formatMegabytes(after), formatMegabytes(before))
                : vscode.l10n.t('Compacted "{0}".', fileNameOf(result.path)),
        );
        return result;
    },
};
