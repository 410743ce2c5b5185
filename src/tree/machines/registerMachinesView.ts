import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { registerTreeForSnapshot } from '../common/treeSnapshot';
import type { TreeNode } from '../common/treeNode';
import type { RefreshManager } from '../refreshManager';
import { MachinesStore } from './machinesStore';
import { MachinesTreeProvider } from './machinesTreeProvider';
import { VmNode } from './vmNode';

export interface MachinesView {
    readonly store: MachinesStore;
    readonly provider: MachinesTreeProvider;
    readonly treeView: vscode.TreeView<TreeNode>;
}

/** Creates the Machines view and hands its data to the refresh manager (polling while the view is visible). */
export function registerMachinesView(services: Services, refresh: RefreshManager, disposables: vscode.Disposable[]): MachinesView {
    const store = new MachinesStore(services);
    const provider = new MachinesTreeProvider(services, store);
    const treeView = vscode.window.createTreeView('virtualbox.machines', { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true });
    disposables.push(
        store,
        provider,
        treeView,
        refresh.register(store, treeView),
        registerTreeForSnapshot('virtualbox.machines', provider),
        // A collapsed VM's configuration is no longer re-read on every poll.
        treeView.onDidCollapseElement(({ element }) => {
            if (element instanceof VmNode) store.forget(element.vm.uuid);
        }),
    );
    return { store, provider, treeView };
}
