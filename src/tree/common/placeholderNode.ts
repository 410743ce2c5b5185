import * as vscode from 'vscode';
import { isVBoxError } from '../../vbox/errors';
import type { Logger } from '../../vbox/logger';
import type { TreeNode } from './treeNode';

/** A leaf that explains something instead of showing data: "No snapshots", "Could not read the disks". */
export class PlaceholderNode implements TreeNode {
    constructor(
        readonly id: string,
        private readonly label: string,
        private readonly options: { icon?: vscode.ThemeIcon; tooltip?: string; command?: vscode.Command; contextValue?: string } = {},
    ) {}

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = this.options.icon;
        item.tooltip = this.options.tooltip;
        item.command = this.options.command;
        item.contextValue = this.options.contextValue ?? 'placeholder';
        return item;
    }
}

/** "Nothing here" in the tree's own words. */
export function emptyNode(parentId: string, label: string): PlaceholderNode {
    return new PlaceholderNode(`${parentId}/empty`, label, { icon: new vscode.ThemeIcon('info') });
}

/**
 * A failure as a node: the product's message (never a stack trace) with the log one click away. The error itself
 * goes to the log.
 */
export function errorNode(parentId: string, what: string, error: unknown, logger: Logger): PlaceholderNode {
    logger.error(what, error);
    const reason = isVBoxError(error) ? error.message : vscode.l10n.t('Unexpected error; the log has the details.');
    return new PlaceholderNode(`${parentId}/error`, `${what}: ${reason}`, {
        icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
        tooltip: vscode.l10n.t('{0}\n\nClick to open the VirtualBox log.', reason),
        command: { command: 'virtualbox.showLog', title: vscode.l10n.t('Show Log') },
        contextValue: 'placeholder:error',
    });
}
