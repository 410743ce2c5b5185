import type * as vscode from 'vscode';

/**
 * One node of a VirtualBox tree. Nodes are rebuilt from fresh data on every refresh; their ids stay stable so that
 * VS Code keeps what is expanded and selected.
 */
export interface TreeNode {
    /** Unique within the view, stable across refreshes: e.g. `vm/<uuid>/storage`. */
    readonly id: string;
    getTreeItem(): vscode.TreeItem;
    getChildren?(): TreeNode[] | Promise<TreeNode[]>;
}

/** A TreeDataProvider over TreeNode: the nodes build their own items and children. */
export function treeItemOf(node: TreeNode): vscode.TreeItem {
    const item = node.getTreeItem();
    item.id = node.id;
    return item;
}
