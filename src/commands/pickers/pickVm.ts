import * as vscode from 'vscode';
import { listVms, type VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import { counts } from '../../tree/common/plural';
import { stateIcon, stateLabel } from '../../tree/machines/vmStatePresentation';
import { UserCancelledError } from '../registerCommand';

export interface PickVmOptions {
    /** Only VMs in these states are offered (VirtualBox's short names: `poweroff`, `running`, ...); all if omitted. */
    readonly states?: Iterable<string>;
    readonly canPickMany?: boolean;
    /** The quick pick's title, e.g. "Start VM". */
    readonly title?: string;
    readonly placeHolder?: string;
    /** Said when no VM is eligible, e.g. "No VM can be started: none is powered off or saved." */
    readonly noneMessage?: string;
    /** Only VMs for which this is true are offered (e.g. the pinned ones, to unpin). */
    readonly include?: (vm: VmSummary) => boolean;
}

interface VmItem extends vscode.QuickPickItem {
    readonly vm: VmSummary;
}

/**
 * Asks for a VM (or several) when a command runs from the palette: only the eligible ones are offered. Dismissing
 * the pick, or having no eligible VM (said in a message), ends the command silently with UserCancelledError.
 */
export async function pickVm(services: Services, options: PickVmOptions & { canPickMany: true }): Promise<VmSummary[]>;
export async function pickVm(services: Services, options?: PickVmOptions & { canPickMany?: false }): Promise<VmSummary>;
export async function pickVm(services: Services, options: PickVmOptions = {}): Promise<VmSummary | VmSummary[]> {
    const states = options.states ? new Set(options.states) : undefined;
    const vms = (await services.vbox.execute(listVms, {})).filter((vm) => vm.accessible || states?.has('inaccessible'));
    const eligible = vms.filter((vm) => (!states || states.has(vm.accessible ? vm.state : 'inaccessible')) && (options.include?.(vm) ?? true));
    if (eligible.length === 0) {
        void vscode.window.showInformationMessage(options.noneMessage ?? vscode.l10n.t('No VM is in a state for this command.'));
        throw new UserCancelledError();
    }
    const items: VmItem[] = eligible
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }))
        .map((vm) => ({
            label: vm.name,
            description: vscode.l10n.t('{0} · {1} · {2} MB', stateLabel(vm.state), counts.cpus(vm.cpus), vm.memoryMb),
            detail: vm.osType,
            iconPath: stateIcon(vm.state, vm.accessible),
            vm,
        }));
    const common = { title: options.title, placeHolder: options.placeHolder ?? vscode.l10n.t('Choose a VM'), matchOnDescription: true, matchOnDetail: true };
    if (options.canPickMany) {
        const picked = await vscode.window.showQuickPick(items, { ...common, canPickMany: true });
        if (!picked || picked.length === 0) throw new UserCancelledError();
        return picked.map((item) => item.vm);
    }
    const picked = await vscode.window.showQuickPick(items, common);
    if (!picked) throw new UserCancelledError();
    return picked.vm;
}
