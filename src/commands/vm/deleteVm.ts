import * as vscode from 'vscode';
import { deleteVm as deleteVmOperation } from '../../operations/vm/deleteVm';
import type { CommandSpec } from '../commandSpec';
import { removeHostEntries } from '../connect/sshConfigFile';
import { commandStates } from '../commandStates';
import { namesOf } from './lifecycleCommand';
import { runOnVms } from './runOnVms';
import { targetVms } from './vmTargets';

/**
 * Deletes stopped VMs after a modal that offers the two kinds of delete: unregister only (the files stay and the VM
 * can be added back), or the VM with its folder and the disks attached only to it. Always asked, whatever the
 * confirmation setting says: the choice between the two is needed anyway.
 */
export const deleteVm: CommandSpec = {
    id: 'virtualbox.vm.delete',
    create: (services) => async (...args: unknown[]) => {
        const vms = await targetVms(services, args, {
            states: commandStates('virtualbox.vm.delete'),
            canPickMany: true,
            title: vscode.l10n.t('Delete VM'),
            noneMessage: vscode.l10n.t('No VM can be deleted: a VM must be powered off or saved first.'),
        });
        const removeOnly = vscode.l10n.t('Remove from VirtualBox only');
        const deleteAll = vscode.l10n.t('Delete VM and all its files');
        const choice = await vscode.window.showWarningMessage(
            vscode.l10n.t('Delete {0}?', namesOf(vms)),
            {
                modal: true,
                detail: vscode.l10n.t(
                    '"{0}" unregisters the VM and keeps its folder, settings and disks on disk. "{1}" also deletes its settings, logs, saved states, snapshots and the disk images attached only to it: this cannot be undone.',
                    removeOnly,
                    deleteAll,
                ),
            },
            removeOnly,
            deleteAll,
        );
        if (choice !== removeOnly && choice !== deleteAll) return;
        const deleteFiles = choice === deleteAll;
        await runOnVms(services, vms, {
            transient: vscode.l10n.t('Deleting…'),
            title: (vm) => vscode.l10n.t('Deleting "{0}"', vm.name),
            run: async (vm, handle) => {
                const result = await services.vbox.execute(deleteVmOperation, { vm: vm.uuid, deleteFiles }, handle);
                // Its SSH host entry (Open in Remote-SSH Window) would lead nowhere now.
                await removeHostEntries([vm.uuid]).catch((error: unknown) => services.logger.warn(`SSH host entry of ${vm.name} not removed: ${String(error)}`));
                return result;
            },
        });
    },
};
