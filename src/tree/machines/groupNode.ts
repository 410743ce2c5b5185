import * as vscode from 'vscode';
import type { LayoutFolder, LayoutNode } from '../fleet/arrangement';
import { counts } from '../common/plural';
import type { TreeNode } from '../common/treeNode';
import { stateIcon, stateLabel } from './vmStatePresentation';
import { VmNode, type MachinesContext } from './vmNode';
import type { VmState } from '../../vbox/parsers/vmInfo';

/**
 * A folder of the Machines view: a VirtualBox group (`/Team/Web`, contextValue `vmGroup`), Favourites, or a state or
 * OS type when the view is grouped by those. Its rows were arranged already (src/tree/fleet/arrangement.ts).
 */
export class GroupNode implements TreeNode {
    readonly id: string;

    constructor(
        private readonly folder: LayoutFolder,
        private readonly context: MachinesContext,
    ) {
        this.id = folder.id;
    }

    getTreeItem(): vscode.TreeItem {
        const { folder } = this;
        const item = new vscode.TreeItem(folderLabel(folder), vscode.TreeItemCollapsibleState.Expanded);
        item.description = counts.vms(folder.vmCount);
        switch (folder.folder) {
            case 'group':
                item.iconPath = new vscode.ThemeIcon('folder');
                item.tooltip = folder.key;
                item.contextValue = 'vmGroup';
                break;
            case 'favourites':
                item.iconPath = new vscode.ThemeIcon('star-full');
                item.tooltip = vscode.l10n.t('Pinned VMs');
                item.contextValue = 'vmFolder:favourites';
                break;
            case 'state':
                item.iconPath = folder.key === 'inaccessible' ? stateIcon('unknown', false) : stateIcon(folder.key as VmState);
                item.contextValue = 'vmFolder:state';
                break;
            case 'os':
                item.iconPath = new vscode.ThemeIcon('symbol-class');
                item.contextValue = 'vmFolder:os';
                break;
        }
        return item;
    }

    getChildren(): TreeNode[] {
        return layoutNodes(this.folder.children, this.context);
    }
}

function folderLabel(folder: LayoutFolder): string {
    switch (folder.folder) {
        case 'group':
            return folder.key.slice(folder.key.lastIndexOf('/') + 1);
        case 'favourites':
            return vscode.l10n.t('Favourites');
        case 'state':
            return folder.key === 'inaccessible' ? vscode.l10n.t('Inaccessible') : stateLabel(folder.key as VmState);
        case 'os':
            return folder.key || vscode.l10n.t('Unknown OS');
    }
}

/** Tree nodes for arranged rows. */
export function layoutNodes(nodes: readonly LayoutNode[], context: MachinesContext): TreeNode[] {
    return nodes.map((node) => (node.kind === 'folder' ? new GroupNode(node, context) : new VmNode(node.vm, context, node.id, node)));
}
