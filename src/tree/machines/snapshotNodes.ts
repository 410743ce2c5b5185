import * as vscode from 'vscode';
import type { VmConfig } from '../../operations/vm/config';
import type { VmSummary } from '../../operations/vm/listVms';
import { emptyNode, errorNode } from '../common/placeholderNode';
import type { TreeNode } from '../common/treeNode';
import { loadSnapshotTree, type SnapshotItem } from './snapshotSource';
import type { MachinesContext } from './vmNode';

/** "Snapshots" under a VM: the snapshot tree, read when expanded. contextValue `snapshots`. */
export class SnapshotsFolderNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        private readonly config: VmConfig,
        private readonly context: MachinesContext,
    ) {
        this.id = `${parentId}/snapshots`;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(vscode.l10n.t('Snapshots'), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('history');
        item.description = String(this.config.snapshots.count);
        item.contextValue = 'snapshots';
        return item;
    }

    async getChildren(): Promise<TreeNode[]> {
        if (this.config.snapshots.count === 0) return [emptyNode(this.id, vscode.l10n.t('No snapshots'))];
        try {
            const roots = await this.context.store.readShared(`${this.vm.uuid}/snapshots`, JSON.stringify(this.config.snapshots), () =>
                loadSnapshotTree(this.context.services, this.vm.uuid),
            );
            return roots.map((snapshot) => new SnapshotNode(this.id, this.vm, snapshot));
        } catch (error) {
            return [errorNode(this.id, vscode.l10n.t('Could not read the snapshots'), error, this.context.services.logger)];
        }
    }
}

/**
 * A snapshot; its children are the snapshots taken after it. contextValue `snapshot`, or `snapshot:current` for
 * the one the VM's current state is based on. The snapshot commands read `vm` and `snapshot` (name, uuid).
 */
export class SnapshotNode implements TreeNode {
    readonly id: string;

    constructor(
        /** Every snapshot's id hangs off the folder's: UUIDs are unique, and a restore does not move them. */
        private readonly folderId: string,
        readonly vm: VmSummary,
        readonly snapshot: SnapshotItem,
    ) {
        this.id = `${folderId}/${snapshot.uuid}`;
    }

    getTreeItem(): vscode.TreeItem {
        const { snapshot } = this;
        const collapsible = snapshot.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None;
        const item = new vscode.TreeItem(snapshot.name, collapsible);
        item.description = snapshot.current ? vscode.l10n.t('current') : undefined;
        item.iconPath = new vscode.ThemeIcon(snapshot.current ? 'pass-filled' : 'device-camera', snapshot.current ? new vscode.ThemeColor('charts.green') : undefined);
        const tooltip = new vscode.MarkdownString();
        tooltip.appendText(snapshot.name);
        if (snapshot.current) tooltip.appendMarkdown(`\n\n_${vscode.l10n.t('The current state is based on this snapshot.')}_`);
        if (snapshot.description) tooltip.appendText(`\n\n${snapshot.description}`);
        tooltip.appendText(`\n\nUUID: ${snapshot.uuid}`);
        item.tooltip = tooltip;
        item.contextValue = snapshot.current ? 'snapshot:current' : 'snapshot';
        return item;
    }

    getChildren(): TreeNode[] {
        return this.snapshot.children.map((child) => new SnapshotNode(this.folderId, this.vm, child));
    }
}
