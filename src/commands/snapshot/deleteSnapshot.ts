import * as vscode from 'vscode';
import { deleteSnapshot } from '../../operations/snapshot/deleteSnapshot';
import type { CommandSpec } from '../commandSpec';
import { askDestructive } from '../storage/askDestructive';
import { runChange } from '../storage/runChange';
import { descendantCount, snapshotTarget } from './snapshotArgs';

/** Delete Snapshot… on a snapshot: after a modal saying that the VM can no longer return to it. */
export const deleteSnapshotCommand: CommandSpec = {
    id: 'virtualbox.snapshot.delete',
    create: (services) => async (node?: unknown) => {
        const { vm, snapshot } = await snapshotTarget(services, node, vscode.l10n.t('Delete Snapshot'));
        const later = descendantCount(snapshot);
        await askDestructive(
            services,
            vscode.l10n.t('Delete snapshot "{0}" of "{1}"?', snapshot.name, vm.name),
            [
                vscode.l10n.t(
                    'The VM can no longer return to the state of "{0}": its saved memory is discarded and its disk changes are merged into the neighbouring images. The VM\'s current state is not changed.',
                    snapshot.name,
                ),
                later ? vscode.l10n.t('The {0} snapshot(s) taken after it are kept.', later) : '',
            ]
                .filter(Boolean)
                .join('\n\n'),
            [vscode.l10n.t('Delete Snapshot')],
        );
        const result = await runChange(
            services,
            vscode.l10n.t('Deleting snapshot "{0}" of "{1}"', snapshot.name, vm.name),
            deleteSnapshot,
            { vm: vm.uuid, snapshot: snapshot.uuid },
            { vm: vm.uuid, label: vscode.l10n.t('Deleting snapshot…') },
        );
        void vscode.window.showInformationMessage(vscode.l10n.t('Deleted snapshot "{0}" of "{1}".', result.name, result.vm));
        return result;
    },
};
