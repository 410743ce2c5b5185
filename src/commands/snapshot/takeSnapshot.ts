import * as vscode from 'vscode';
import { createSnapshot } from '../../operations/snapshot/createSnapshot';
import { listSnapshots } from '../../operations/snapshot/listSnapshots';
import { snapshotName } from '../../operations/snapshot/snapshotSchemas';
import type { Services } from '../../services/services';
import type { SnapshotNode } from '../../vbox/parsers/snapshots';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { askInput } from '../storage/pickItem';
import { runChange } from '../storage/runChange';
import { nodeData, vmNode, type NodeVm } from '../storage/treeArgs';
import { commandStates } from '../commandStates';

function allNames(roots: readonly SnapshotNode[]): string[] {
    return roots.flatMap((node) => [node.name, ...allNames(node.children)]);
}

/** Name (validated as typed: the operation's rules, and unique within the VM) and description of a new snapshot. */
async function askSnapshotDetails(services: Services, vm: NodeVm): Promise<{ name: string; description: string }> {
    const existing = new Set(allNames((await services.vbox.execute(listSnapshots, { vm: vm.uuid })).roots));
    let n = existing.size + 1;
    while (existing.has(vscode.l10n.t('Snapshot {0}', n))) n++;
    const name = await askInput({
        title: vscode.l10n.t('Take Snapshot of "{0}" (1/2)', vm.name),
        prompt: vscode.l10n.t('Snapshot name'),
        value: vscode.l10n.t('Snapshot {0}', n),
        validateInput: (text) => {
            const parsed = snapshotName.safeParse(text);
            if (!parsed.success) return vscode.l10n.t('The name {0}.', parsed.error.issues[0]?.message ?? '');
            return existing.has(parsed.data) ? vscode.l10n.t('"{0}" already has a snapshot named "{1}".', vm.name, parsed.data) : undefined;
        },
    });
    const description = await askInput({
        title: vscode.l10n.t('Take Snapshot of "{0}" (2/2)', vm.name),
        prompt: vscode.l10n.t('Description (optional): what state the VM is in, why you took it'),
        placeHolder: vscode.l10n.t('e.g. before upgrading the kernel'),
    });
    return { name: name.trim(), description: description.trim() };
}

/**
 * Take Snapshot… on a VM (or its Snapshots folder): asks for a name and a description. A running VM keeps running
 * (a live snapshot) rather than being paused meanwhile.
 */
export const takeSnapshotCommand: CommandSpec = {
    id: 'virtualbox.snapshot.take',
    create: (services) => async (node?: unknown) => {
        const vm =
            nodeData(vmNode, node)?.vm ??
            (await pickVm(services, {
                states: commandStates('virtualbox.snapshot.take'),
                title: vscode.l10n.t('Take Snapshot'),
                noneMessage: vscode.l10n.t('No VM can be snapshotted now.'),
            }));
        const { name, description } = await askSnapshotDetails(services, vm);
        const result = await runChange(
            services,
            vscode.l10n.t('Taking snapshot "{0}" of "{1}"', name, vm.name),
            createSnapshot,
            { vm: vm.uuid, name, ...(description ? { description } : {}), live: true },
            { vm: vm.uuid, label: vscode.l10n.t('Taking snapshot…') },
        );
        void vscode.window.showInformationMessage(
            result.live
                ? vscode.l10n.t('Took live snapshot "{0}" of "{1}".', result.name, result.vm)
                : vscode.l10n.t('Took snapshot "{0}" of "{1}".', result.name, result.vm),
        );
        return result;
    },
};
