import * as vscode from 'vscode';
import type { VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import { VmNode } from '../../tree/machines/vmNode';
import { commandStates, type VmCommandId } from '../commandStates';
import { pickVm } from '../pickers/pickVm';
import { UserCancelledError } from '../registerCommand';

export interface TargetOptions {
    /** The states the command acts on: the same as its menu's `when` regex. */
    readonly states: readonly string[];
    readonly canPickMany: boolean;
    /** Quick pick title when run from the palette. */
    readonly title: string;
    /** Said when nothing selected or listed is eligible. */
    readonly noneMessage: string;
}

const stateOf = (vm: VmSummary) => (vm.accessible ? vm.state : 'inaccessible');

/**
 * The VMs a command acts on, from its `(node?, nodes?)` arguments: the tree selection (multi-select) or the clicked
 * node; from the palette (no node), a quick pick of the eligible VMs. Ineligible selected VMs are left out.
 */
export async function targetVms(services: Services, args: readonly unknown[], options: TargetOptions): Promise<VmSummary[]> {
    const [node, nodes] = args;
    const selected = (Array.isArray(nodes) && nodes.length > 0 ? nodes : [node]).filter((n): n is VmNode => n instanceof VmNode);
    if (selected.length === 0) {
        const picked = options.canPickMany
            ? await pickVm(services, { states: options.states, canPickMany: true, title: options.title, noneMessage: options.noneMessage })
            : [await pickVm(services, { states: options.states, title: options.title, noneMessage: options.noneMessage })];
        return picked;
    }
    // A VM in two groups is selected twice when both of its nodes are.
    const unique = [...new Map(selected.map((n) => [n.vm.uuid, n.vm])).values()];
    const eligible = unique.filter((vm) => options.states.includes(stateOf(vm)));
    if (eligible.length === 0) {
        void vscode.window.showInformationMessage(options.noneMessage);
        throw new UserCancelledError();
    }
    return options.canPickMany ? eligible : eligible.slice(0, 1);
}

/** The one VM a command acts on, in the states its operation accepts (see commandStates). */
export async function targetVm(services: Services, args: readonly unknown[], id: VmCommandId, texts: { title: string; noneMessage: string }): Promise<VmSummary> {
    const [vm] = await targetVms(services, args, { states: commandStates(id), canPickMany: false, ...texts });
    return vm;
}
