import * as vscode from 'vscode';
import { withFlags, type SharedFolder } from '../../operations/sharedFolders/sharedFolderQuery';
import { sharedFolderKindFor } from '../../operations/sharedFolders/sharedFolderRules';
import type { VmConfig } from '../../operations/vm/config';
import type { VmSummary } from '../../operations/vm/listVms';
import type { Logger } from '../../vbox/logger';
import { emptyNode } from '../common/placeholderNode';
import { counts } from '../common/plural';
import type { TreeNode } from '../common/treeNode';

/**
 * "Shared Folders" under a VM. contextValue `sharedFolders:<kind>`: `permanent` (powered off), `transient` (running
 * or paused) or `none`, from the operations' state rules, so that Add shows only where it can work.
 */
export class SharedFoldersFolderNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        private readonly config: VmConfig,
        private readonly logger: Logger,
    ) {
        this.id = `${parentId}/sharedFolders`;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(vscode.l10n.t('Shared Folders'), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('file-symlink-directory');
        item.description = counts.folders(this.config.sharedFolders.length);
        item.contextValue = `sharedFolders:${sharedFolderKindFor(this.config.state) ?? 'none'}`;
        return item;
    }

    async getChildren(): Promise<TreeNode[]> {
        if (this.config.sharedFolders.length === 0) return [emptyNode(this.id, vscode.l10n.t('No shared folders'))];
        // The flags come from the VM's .vbox file: a file read, no VBoxManage process.
        const folders = await withFlags(this.config.sharedFolders, this.config.general.settingsFile, this.logger);
        const kind = sharedFolderKindFor(this.config.state);
        return folders.map((folder) => new SharedFolderNode(this.id, this.vm, folder, !folder.global && kind === (folder.transient ? 'transient' : 'permanent')));
    }
}

/** The flags in words: "read-only · auto-mount at /mnt/x · transient" (or "global"). */
export function sharedFolderFlags(folder: SharedFolder): string[] {
    return [
        folder.readOnly === true ? vscode.l10n.t('read-only') : undefined,
        folder.autoMount === true
            ? folder.autoMountPoint
                ? vscode.l10n.t('auto-mount at {0}', folder.autoMountPoint)
                : vscode.l10n.t('auto-mount')
            : undefined,
        folder.transient ? vscode.l10n.t('transient') : undefined,
        folder.global ? vscode.l10n.t('global') : undefined,
    ].filter((flag): flag is string => flag !== undefined);
}

/**
 * A shared folder. contextValue `sharedFolder:removable` when the VM's state lets this kind of folder be removed,
 * otherwise `sharedFolder`; commands read `vm` and `folder`.
 */
export class SharedFolderNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        readonly folder: SharedFolder,
        private readonly removable: boolean,
    ) {
        this.id = `${parentId}/${folder.global ? 'global' : folder.transient ? 'transient' : 'permanent'}/${folder.name}`;
    }

    getTreeItem(): vscode.TreeItem {
        const { folder } = this;
        const item = new vscode.TreeItem(folder.name, vscode.TreeItemCollapsibleState.None);
        item.description = [`→ ${folder.hostPath}`, ...sharedFolderFlags(folder)].join(' · ');
        const flagsUnknown = folder.readOnly === undefined;
        item.tooltip = [
            vscode.l10n.t('Host folder: {0}', folder.hostPath),
            folder.readOnly === undefined ? undefined : folder.readOnly ? vscode.l10n.t('Read-only') : vscode.l10n.t('Writable'),
            folder.global
                ? vscode.l10n.t('Global: shared with every VM (VBoxManage sharedfolder … global)')
                : folder.transient
                  ? vscode.l10n.t('Transient: removed when the VM stops')
                  : vscode.l10n.t('Permanent'),
            flagsUnknown ? vscode.l10n.t('VirtualBox does not report the read-only and auto-mount flags of this folder') : undefined,
        ]
            .filter(Boolean)
            .join('\n');
        item.iconPath = new vscode.ThemeIcon(folder.readOnly ? 'lock' : 'folder');
        item.contextValue = this.removable ? 'sharedFolder:removable' : 'sharedFolder';
        return item;
    }
}
