import * as vscode from 'vscode';
import type { Medium } from '../../vbox/parsers/media';
import { formatMegabytes } from '../common/formatSize';
import { emptyNode } from '../common/placeholderNode';
import type { TreeNode } from '../common/treeNode';
import { describeUsers, mediumTooltip } from './mediumTooltip';

export type MediumKind = 'hdd' | 'dvd' | 'floppy';

/** The file name of a medium's location, whichever separator the host uses. */
export function fileNameOf(location: string): string {
    return location.slice(Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\')) + 1) || location;
}

/** A medium, or a differencing image below it, is attached somewhere (current state or a snapshot). */
function inUse(medium: Medium, all: readonly Medium[]): boolean {
    return medium.inUseBy.length > 0 || all.some((child) => child.parentUuid === medium.uuid && inUse(child, all));
}

const FOLDERS: Record<MediumKind, { label: () => string; icon: string; empty: () => string }> = {
    hdd: { label: () => vscode.l10n.t('Hard Disks'), icon: 'database', empty: () => vscode.l10n.t('No hard disks registered') },
    dvd: { label: () => vscode.l10n.t('Optical Images'), icon: 'record', empty: () => vscode.l10n.t('No optical images registered') },
    floppy: { label: () => vscode.l10n.t('Floppy Images'), icon: 'save', empty: () => vscode.l10n.t('No floppy images registered') },
};

/** "Hard Disks", "Optical Images", "Floppy Images". contextValue `mediaFolder:<kind>`. */
export class MediaFolderNode implements TreeNode {
    readonly id: string;

    constructor(
        readonly kind: MediumKind,
        private readonly media: readonly Medium[],
    ) {
        this.id = `media/${kind}`;
    }

    getTreeItem(): vscode.TreeItem {
        const folder = FOLDERS[this.kind];
        const item = new vscode.TreeItem(folder.label(), vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon(folder.icon);
        item.description = String(this.media.filter((medium) => medium.parentUuid === undefined).length);
        item.contextValue = `mediaFolder:${this.kind}`;
        return item;
    }

    getChildren(): TreeNode[] {
        const roots = this.media.filter((medium) => medium.parentUuid === undefined || !this.media.some((m) => m.uuid === medium.parentUuid));
        if (roots.length === 0) return [emptyNode(this.id, FOLDERS[this.kind].empty())];
        return roots
            .map((medium) => new MediumNode(this.id, this.kind, medium, this.media))
            .sort((a, b) => a.fileName.localeCompare(b.fileName, undefined, { numeric: true, sensitivity: 'base' }));
    }
}

/**
 * A registered disk or image; differencing images (made by snapshots) hang below the image they are based on.
 * contextValue `medium:<kind>:inuse|free` for base images and `medium:hdd:differencing` for the others; the storage
 * commands read `kind` and `medium` (uuid, location, capacityMb, inUseBy).
 */
export class MediumNode implements TreeNode {
    readonly id: string;
    readonly fileName: string;

    constructor(
        parentId: string,
        readonly kind: MediumKind,
        readonly medium: Medium,
        private readonly all: readonly Medium[],
    ) {
        this.id = `${parentId}/${medium.uuid}`;
        this.fileName = fileNameOf(medium.location);
    }

    get isDifferencing(): boolean {
        return this.medium.parentUuid !== undefined;
    }

    get inUse(): boolean {
        return inUse(this.medium, this.all);
    }

    get contextValue(): string {
        if (this.isDifferencing) return `medium:${this.kind}:differencing`;
        return `medium:${this.kind}:${this.inUse ? 'inuse' : 'free'}`;
    }

    private get children(): Medium[] {
        return this.all.filter((candidate) => candidate.parentUuid === this.medium.uuid);
    }

    getTreeItem(): vscode.TreeItem {
        const { medium } = this;
        const item = new vscode.TreeItem(
            this.fileName,
            this.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        const parts: string[] = [];
        if (medium.capacityMb !== undefined) parts.push(formatMegabytes(medium.capacityMb));
        if (medium.format) parts.push(medium.format);
        if (this.isDifferencing) parts.push(vscode.l10n.t('differencing'));
        parts.push(medium.inUseBy.length ? describeUsers(medium) : this.inUse ? vscode.l10n.t('used through snapshots') : vscode.l10n.t('not attached'));
        item.description = parts.join(' · ');
        item.tooltip = mediumTooltip(medium, this.fileName);
        const inaccessible = medium.state === 'inaccessible' || medium.accessError !== undefined;
        item.iconPath = inaccessible
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
            : new vscode.ThemeIcon(this.isDifferencing ? 'layers' : FOLDERS[this.kind].icon);
        item.contextValue = this.contextValue;
        return item;
    }

    getChildren(): TreeNode[] {
        return this.children.map((child) => new MediumNode(this.id, this.kind, child, this.all));
    }
}
