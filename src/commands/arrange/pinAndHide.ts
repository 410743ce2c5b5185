import * as vscode from 'vscode';
import type { VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import type { MachinesArrangement } from '../../tree/machines/machinesArrangement';
import { VmNode } from '../../tree/machines/vmNode';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { UserCancelledError } from '../registerCommand';

interface MarkCommand {
    readonly id: string;
    readonly which: 'pinned' | 'hidden';
    readonly on: boolean;
    readonly title: () => string;
    readonly noneMessage: () => string;
}

const MARK_COMMANDS: readonly MarkCommand[] = [
    { id: 'virtualbox.vm.pin', which: 'pinned', on: true, title: () => vscode.l10n.t('Pin to Favourites'), noneMessage: () => vscode.l10n.t('Every VM is pinned already.') },
    { id: 'virtualbox.vm.unpin', which: 'pinned', on: false, title: () => vscode.l10n.t('Unpin from Favourites'), noneMessage: () => vscode.l10n.t('No VM is pinned.') },
    { id: 'virtualbox.vm.hide', which: 'hidden', on: true, title: () => vscode.l10n.t('Hide VM'), noneMessage: () => vscode.l10n.t('Every VM is hidden already.') },
    { id: 'virtualbox.vm.unhide', which: 'hidden', on: false, title: () => vscode.l10n.t('Unhide VM'), noneMessage: () => vscode.l10n.t('No VM is hidden.') },
];

/**
 * The VMs a pin/hide command acts on: the selected or clicked VM nodes, or from the palette a quick pick of the VMs
 * it would change (unpinned ones for Pin, pinned ones for Unpin, ...).
 */
async function targets(services: Services, arrangement: MachinesArrangement, spec: MarkCommand, args: readonly unknown[]): Promise<VmSummary[]> {
    const [node, nodes] = args;
    const selected = (Array.isArray(nodes) && nodes.length > 0 ? nodes : [node]).filter((n): n is VmNode => n instanceof VmNode);
    if (selected.length > 0) return selected.map((n) => n.vm);
    const marked = arrangement.value[spec.which];
    return pickVm(services, {
        canPickMany: true,
        title: spec.title(),
        noneMessage: spec.noneMessage(),
        include: (vm) => marked.has(vm.uuid) !== spec.on,
    });
}

/** Pin to Favourites, Unpin, Hide and Unhide: kept per user by VM UUID (a renamed VM stays pinned or hidden). */
export function pinAndHideCommands(arrangement: MachinesArrangement): CommandSpec[] {
    const marks = MARK_COMMANDS.map(
        (spec): CommandSpec => ({
            id: spec.id,
            create: (services) => async (...args: unknown[]) => {
                const vms = await targets(services, arrangement, spec, args);
                if (vms.length === 0) throw new UserCancelledError();
                await arrangement.mark(spec.which, vms.map((vm) => vm.uuid), spec.on);
            },
        }),
    );
    const showHidden: CommandSpec = { id: 'virtualbox.machines.showHiddenVms', create: () => () => arrangement.setShowHidden(true) };
    const stopShowingHidden: CommandSpec = { id: 'virtualbox.machines.stopShowingHiddenVms', create: () => () => arrangement.setShowHidden(false) };
    return [...marks, showHidden, stopShowingHidden];
}
