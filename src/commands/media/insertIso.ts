import * as vscode from 'vscode';
import { insertDvd } from '../../operations/media/insertDvd';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { UserCancelledError } from '../registerCommand';
import { runChange } from '../storage/runChange';
import { attachmentNode, nodeData, vmNode, type NodeVm } from '../storage/treeArgs';
import { commandStates } from '../commandStates';

/** The VM and, when run on a drive in the Machines tree, that drive. */
function targetOf(node: unknown): { vm: NodeVm; drive?: { controller: string; port: number; device: number } } | undefined {
    const attached = nodeData(attachmentNode, node);
    if (attached) {
        const { controller, port, device } = attached.attachment;
        return { vm: attached.vm, drive: { controller, port, device } };
    }
    const vm = nodeData(vmNode, node)?.vm;
    return vm ? { vm } : undefined;
}

async function askIso(vmName: string): Promise<string> {
    const files = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Insert ISO into "{0}"', vmName),
        openLabel: vscode.l10n.t('Insert'),
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        filters: { [vscode.l10n.t('Disc images')]: ['iso'], [vscode.l10n.t('All files')]: ['*'] },
    });
    const file = files?.[0];
    if (!file) throw new UserCancelledError();
    return file.fsPath;
}

/**
 * Insert ISO… on a VM or on its DVD drive: picks an .iso and puts it in the drive, also while the VM runs. A
 * powered-off VM without a DVD drive gets one.
 */
export const insertIsoCommand: CommandSpec = {
    id: 'virtualbox.dvd.insert',
    create: (services) => async (node?: unknown) => {
        const target: { vm: NodeVm; drive?: { controller: string; port: number; device: number } } =
            targetOf(node) ??
            {
                vm: await pickVm(services, {
                    states: commandStates('virtualbox.dvd.insert'),
                    title: vscode.l10n.t('Insert ISO'),
                    noneMessage: vscode.l10n.t('No VM can take a disc now: discs go into powered-off, running or paused VMs.'),
                }),
            };
        const iso = await askIso(target.vm.name);
        const result = await runChange(
            services,
            vscode.l10n.t('Inserting "{0}"', fileNameOf(iso)),
            insertDvd,
            { vm: target.vm.uuid, iso, ...(target.drive ?? {}) },
            { vm: target.vm.uuid, label: vscode.l10n.t('Inserting disc…') },
        );
        void vscode.window.showInformationMessage(
            result.driveAdded
                ? vscode.l10n.t('Added a DVD drive to "{0}" ({1}, port {2}:{3}) holding "{4}".', result.vm, result.controller, result.port, result.device, fileNameOf(result.path))
                : vscode.l10n.t('"{0}" is now in the DVD drive of "{1}".', fileNameOf(result.path), result.vm),
        );
        return result;
    },
};
