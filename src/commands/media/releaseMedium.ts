import * as vscode from 'vscode';
import { releaseMedium } from '../../operations/media/releaseMedium';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { CommandSpec } from '../commandSpec';
import { askDestructive } from '../storage/askDestructive';
import { runChange } from '../storage/runChange';
import { mediumOfNodeOrPick } from './pickMedium';

/**
 * Release… on an image attached to VMs (Media view): a modal names the VMs, then the image is detached from each
 * (discs are ejected, also from running VMs; disks are detached from powered-off VMs only).
 */
export const releaseMediumCommand: CommandSpec = {
    id: 'virtualbox.medium.release',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Release');
        const { kind, medium } = await mediumOfNodeOrPick(services, node, (candidate) => candidate.inUseBy.length > 0, {
            title,
            noneMessage: vscode.l10n.t('No registered image is attached to a VM.'),
        });
        const vms = [...new Set(medium.inUseBy.map((usage) => `"${usage.name}"`))].join(', ');
        const release = vscode.l10n.t('Release');
        await askDestructive(
            services,
            vscode.l10n.t('Release "{0}" from {1}?', fileNameOf(medium.location), vms),
            kind === 'hdd'
                ? vscode.l10n.t('The disk is detached from VM {0}; those VMs must be powered off. The file stays and can be attached again.', vms)
                : vscode.l10n.t('The image is ejected from VM {0} (also while they run); the drives stay, empty. The file stays registered.', vms),
            [release],
        );
        const result = await runChange(services, vscode.l10n.t('Releasing "{0}"', fileNameOf(medium.location)), releaseMedium, { medium: medium.uuid });
        const snapshots = result.stillUsedBySnapshots.map((use) => `"${use.snapshot}" (${use.vm})`).join(', ');
        void vscode.window.showInformationMessage(
            snapshots
                ? vscode.l10n.t('Released "{0}" from {1} VM(s); snapshots {2} still use it.', fileNameOf(result.path), new Set(result.released.map((r) => r.vm)).size, snapshots)
                : vscode.l10n.t('Released "{0}" from {1} VM(s).', fileNameOf(result.path), new Set(result.released.map((r) => r.vm)).size),
        );
        return result;
    },
};
