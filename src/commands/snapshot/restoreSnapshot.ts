import * as vscode from 'vscode';
import { restoreSnapshot } from '../../operations/snapshot/restoreSnapshot';
import { getVmConfig } from '../../operations/vm/config';
import type { CommandSpec } from '../commandSpec';
import { UserCancelledError } from '../registerCommand';
import { askDestructive } from '../storage/askDestructive';
import { runChange } from '../storage/runChange';
import { snapshotTarget } from './snapshotArgs';

/** VirtualBox restores snapshots of VMs without a running process only. */
const RUNNING_STATES = new Set(['running', 'paused', 'gurumeditation', 'starting', 'stopping', 'saving', 'restoring', 'livesnapshotting', 'onlinesnapshotting']);

/**
 * Restore Snapshot… on a snapshot: the VM's current state is replaced by the snapshot's. While the VM runs this is
 * explained instead (power it off first); the modal says the current state is lost unless snapshotted first.
 */
export const restoreSnapshotCommand: CommandSpec = {
    id: 'virtualbox.snapshot.restore',
    create: (services) => async (node?: unknown) => {
        const { vm, snapshot } = await snapshotTarget(services, node, vscode.l10n.t('Restore Snapshot'));
        // The node's state may be a few seconds old: ask VirtualBox.
        const { state, snapshots } = await services.vbox.execute(getVmConfig, { vm: vm.uuid });
        if (RUNNING_STATES.has(state)) {
            await vscode.window.showInformationMessage(
                vscode.l10n.t('"{0}" is running.', vm.name),
                { modal: true, detail: vscode.l10n.t('A snapshot can only be restored while the VM is powered off or saved. Stop or power off "{0}", then restore "{1}".', vm.name, snapshot.name) },
            );
            throw new UserCancelledError();
        }
        const since = snapshots.currentName
            ? vscode.l10n.t('everything that changed since snapshot "{0}" was taken', snapshots.currentName)
            : vscode.l10n.t('everything that changed since then');
        await askDestructive(
            services,
            vscode.l10n.t('Restore snapshot "{0}" of "{1}"?', snapshot.name, vm.name),
            vscode.l10n.t(
                'The VM\'s current state is replaced by the snapshot\'s disks, settings and saved memory: {0}, including a saved state, is lost. Take a snapshot first to keep it. Other snapshots are kept.',
                since,
            ),
            [vscode.l10n.t('Restore')],
        );
        const result = await runChange(
            services,
            vscode.l10n.t('Restoring "{0}" of "{1}"', snapshot.name, vm.name),
            restoreSnapshot,
            { vm: vm.uuid, snapshot: snapshot.uuid },
            { vm: vm.uuid, label: vscode.l10n.t('Restoring snapshot…') },
        );
        void vscode.window.showInformationMessage(vscode.l10n.t('Restored "{0}" to snapshot "{1}".', result.vm, result.name));
        return result;
    },
};
