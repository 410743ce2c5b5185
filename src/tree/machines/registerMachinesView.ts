import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { registerTreeForSnapshot } from '../common/treeSnapshot';
import type { TreeNode } from '../common/treeNode';
import { arrangeVms, type GroupBy, type SortKey } from '../fleet/arrangement';
import type { RefreshManager } from '../refreshManager';
import { MachinesArrangement } from './machinesArrangement';
import { MachinesStore } from './machinesStore';
import { MachinesTreeProvider } from './machinesTreeProvider';
import { VmNode } from './vmNode';

export interface MachinesView {
    readonly store: MachinesStore;
    readonly provider: MachinesTreeProvider;
    readonly treeView: vscode.TreeView<TreeNode>;
    readonly arrangement: MachinesArrangement;
}

/** Creates the Machines view and hands its data to the refresh manager (polling while the view is visible). */
export function registerMachinesView(services: Services, refresh: RefreshManager, disposables: vscode.Disposable[]): MachinesView {
    const store = new MachinesStore(services);
    const arrangement = new MachinesArrangement(services.context);
    const provider = new MachinesTreeProvider(services, store, arrangement);
    const treeView = vscode.window.createTreeView('virtualbox.machines', { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true });
    const describe = () => (treeView.description = arrangementDescription(store, arrangement));
    describe();
    disposables.push(
        store,
        arrangement,
        provider,
        treeView,
        refresh.register(store, treeView),
        registerTreeForSnapshot('virtualbox.machines', provider),
        // A collapsed VM's configuration is no longer re-read on every poll.
        treeView.onDidCollapseElement(({ element }) => {
            if (element instanceof VmNode) store.forget(element.vm.uuid);
        }),
        store.onDidChange(describe),
        arrangement.onDidChange(describe),
        // For the extension tests: what the view's description says, and what a window reloading now would read.
        vscode.commands.registerCommand('virtualbox.internal.machinesArrangement', () => {
            const stored = MachinesArrangement.read(services.context);
            return {
                description: treeView.description,
                stored: { ...stored, filter: stored.filter.text, pinned: [...stored.pinned], hidden: [...stored.hidden] },
            };
        }),
    );
    return { store, provider, treeView, arrangement };
}

const SORTED: Readonly<Record<Exclude<SortKey, 'name'>, () => string>> = {
    state: () => vscode.l10n.t('Sorted by state'),
    lastStateChange: () => vscode.l10n.t('Sorted by last state change'),
    os: () => vscode.l10n.t('Sorted by OS type'),
};

const GROUPED: Readonly<Record<Exclude<GroupBy, 'groups'>, () => string>> = {
    state: () => vscode.l10n.t('Grouped by state'),
    os: () => vscode.l10n.t('Grouped by OS type'),
    none: () => vscode.l10n.t('Not grouped'),
};

/**
 * The view's description: the active filter, a sort or grouping other than the default (the ⋯ menu offers the
 * others), and how many VMs are hidden.
 */
function arrangementDescription(store: MachinesStore, arrangement: MachinesArrangement): string | undefined {
    const { filter, sortBy, groupBy } = arrangement.value;
    const hidden = store.state.kind === 'loaded' ? arrangeVms(store.state.vms, arrangement.value).hiddenCount : 0;
    const parts = [
        ...(filter.text ? [vscode.l10n.t('Filter: {0}', filter.text)] : []),
        ...(sortBy !== 'name' ? [SORTED[sortBy]()] : []),
        ...(groupBy !== 'groups' ? [GROUPED[groupBy]()] : []),
        ...(hidden > 0 ? [vscode.l10n.t('{0} hidden', hidden)] : []),
    ];
    return parts.length > 0 ? parts.join(' · ') : undefined;
}
