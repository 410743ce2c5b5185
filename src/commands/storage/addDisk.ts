import * as vscode from 'vscode';
import { addDisk } from '../../operations/storage/addDisk';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { askDiskSource } from './diskSourcePrompt';
import { runChange } from './runChange';
import { controllerNode, nodeData, vmNode } from './treeArgs';
import { commandStates } from '../commandStates';

/** VM states in which disks can be attached: no VM process and no saved state. */

/**
 * Add Disk… on a VM, its Storage folder or one of its controllers (the disk goes there), or on the Media view's
 * Hard Disks folder (asks for the VM): a new disk, an image file, or a registered disk no VM uses.
 */
export const addDiskCommand: CommandSpec = {
    id: 'virtualbox.disk.add',
    create: (services) => async (node?: unknown) => {
        const vm =
            nodeData(vmNode, node)?.vm ??
            (await pickVm(services, {
                states: commandStates('virtualbox.disk.add'),
                title: vscode.l10n.t('Add Disk'),
                noneMessage: vscode.l10n.t('No VM can take a disk now: disks are added to powered-off VMs.'),
            }));
        const controller = nodeData(controllerNode, node)?.controller.name;
        const disk = await askDiskSource(services, vm.name);
        const result = await runChange(
            services,
            vscode.l10n.t('Adding a disk to "{0}"', vm.name),
            addDisk,
            { vm: vm.uuid, disk, ...(controller ? { controller } : {}) },
            { vm: vm.uuid, label: vscode.l10n.t('Adding disk…') },
        );
        void vscode.window.showInformationMessage(
            vscode.l10n.t('Attached "{0}" to "{1}" ({2}, port {3}).', result.path, result.vm, result.controller, result.port),
        );
        return result;
    },
};
