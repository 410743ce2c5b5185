import * as vscode from 'vscode';
import { unregisterMedium } from '../../operations/media/unregisterMedium';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { CommandSpec } from '../commandSpec';
import { runChange } from '../storage/runChange';
import { mediumOfNodeOrPick } from './pickMedium';

/** Remove from Registry on an image no VM uses (Media view): VirtualBox forgets it; the file stays, so no modal. */
export const unregisterMediumCommand: CommandSpec = {
    id: 'virtualbox.medium.unregister',
    create: (services) => async (node?: unknown) => {
        const { medium } = await mediumOfNodeOrPick(services, node, (candidate) => candidate.inUseBy.length === 0, {
            title: vscode.l10n.t('Remove from Registry'),
            noneMessage: vscode.l10n.t('Every registered image is attached to a VM.'),
        });
        const result = await runChange(services, vscode.l10n.t('Removing "{0}" from the registry', fileNameOf(medium.location)), unregisterMedium, {
            medium: medium.uuid,
        });
        void vscode.window.showInformationMessage(vscode.l10n.t('VirtualBox no longer lists "{0}"; the file {1} is kept.', fileNameOf(result.path), result.path));
        return result;
    },
};
