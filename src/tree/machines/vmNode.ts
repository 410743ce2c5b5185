import * as vscode from 'vscode';
import type { VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import { errorNode } from '../common/placeholderNode';
import { counts } from '../common/plural';
import type { TreeNode } from '../common/treeNode';
import type { MachinesStore } from './machinesStore';
import { NetworkFolderNode } from './networkNodes';
import { SharedFoldersFolderNode } from './sharedFolderNodes';
import { SnapshotsFolderNode } from './snapshotNodes';
import { StorageFolderNode } from './storageNodes';
import { transientStates } from './transientStates';
import { stateIcon, stateLabel } from './vmStatePresentation';
import { vmTooltip } from './vmTooltip';

/** What every Machines node may need. */
export interface MachinesContext {
    readonly services: Services;
    readonly store: MachinesStore;
}

/**
 * A VM. contextValue `vm:<state>` (e.g. `vm:running`, `vm:inaccessible`): the menus' `when` clauses match it.
 * Commands receive this node and read `vm` (name, uuid, state).
 */
export class VmNode implements TreeNode {
    readonly id: string;

    constructor(
        readonly vm: VmSummary,
        private readonly context: MachinesContext,
        /** Unique in the view (a VM in two groups appears twice), from the arrangement: ends with the UUID. */
        id: string,
        private readonly marks: { readonly pinned: boolean; readonly hidden: boolean } = { pinned: false, hidden: false },
    ) {
        this.id = id;
    }


    get contextValue(): string {
        return this.vm.accessible ? `vm:${this.vm.state}` : 'vm:inaccessible';
    }

    getTreeItem(): vscode.TreeItem {
        const { vm } = this;
        const transient = transientStates.get([vm.uuid, vm.name]);
        const item = new vscode.TreeItem(vm.name, vm.accessible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        const description = transient
            ? transient
            : vm.accessible
              ? vscode.l10n.t('{0} · {1} · {2} MB', stateLabel(vm.state), counts.cpus(vm.cpus), vm.memoryMb)
              : vscode.l10n.t('Inaccessible');
        // Shown only while "Show Hidden VMs" is on: said, so that the user knows why it is usually not there.
        item.description = this.marks.hidden ? vscode.l10n.t('{0} · hidden', description) : description;
        item.iconPath = transient ? new vscode.ThemeIcon('loading~spin') : stateIcon(vm.state, vm.accessible);
        item.tooltip = vmTooltip(vm, this.context.store.cachedConfigOf(vm.uuid), transient);
        item.contextValue = this.contextValue;
        return item;
    }

    async getChildren(): Promise<TreeNode[]> {
        try {
            const config = await this.context.store.configOf(this.vm.uuid);
            return [
                new SnapshotsFolderNode(this.id, this.vm, config, this.context),
                new StorageFolderNode(this.id, this.vm, config, this.context),
                new NetworkFolderNode(this.id, this.vm, config),
                new SharedFoldersFolderNode(this.id, this.vm, config, this.context.services.logger),
            ];
        } catch (error) {
            return [errorNode(this.id, vscode.l10n.t('Could not read the VM'), error, this.context.services.logger)];
        }
    }
}
