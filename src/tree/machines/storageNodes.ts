import * as path from 'node:path';
import * as vscode from 'vscode';
import type { VmConfig } from '../../operations/vm/config';
import type { VmSummary } from '../../operations/vm/listVms';
import { listDisks, type DiskAttachment } from '../../operations/storage/listDisks';
import { formatMegabytes } from '../common/formatSize';
import { emptyNode, errorNode } from '../common/placeholderNode';
import { counts } from '../common/plural';
import type { TreeNode } from '../common/treeNode';
import type { MachinesContext } from './vmNode';

type Controller = VmConfig['storage'][number];

/** "Storage" under a VM: its controllers, each with what is attached to it. contextValue `storage`. */
export class StorageFolderNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        private readonly config: VmConfig,
        private readonly context: MachinesContext,
    ) {
        this.id = `${parentId}/storage`;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(vscode.l10n.t('Storage'), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('database');
        const attached = this.config.storage.reduce((sum, controller) => sum + controller.attachments.length, 0);
        item.description = vscode.l10n.t('{0} · {1} attached', counts.controllers(this.config.storage.length), attached);
        item.contextValue = 'storage';
        return item;
    }

    async getChildren(): Promise<TreeNode[]> {
        if (this.config.storage.length === 0) return [emptyNode(this.id, vscode.l10n.t('No storage controllers'))];
        try {
            // Read when expanded: list_disks adds what the VM's settings do not say (kind, size, format).
            // Read on every redraw (not shared like the snapshots): a disk's capacity can change without anything in the
            // VM's details saying so.
            const result = await this.context.services.vbox.execute(listDisks, { vm: this.vm.uuid });
            const attachments = 'attachments' in result ? result.attachments : [];
            const bases = await this.baseLocations(attachments);
            return this.config.storage.map((controller) => new ControllerNode(this.id, this.vm, controller, attachments, bases));
        } catch (error) {
            return [errorNode(this.id, vscode.l10n.t('Could not read the disks'), error, this.context.services.logger)];
        }
    }

    /**
     * With snapshots, a VM writes to a differencing image named after its UUID: the tree names the base disk it
     * started from instead, which takes the list of all disks (read only when there is such an image).
     */
    private async baseLocations(attachments: readonly DiskAttachment[]): Promise<ReadonlyMap<string, string>> {
        if (!attachments.some((attachment) => attachment.baseUuid)) return new Map();
        const all = await this.context.services.vbox.execute(listDisks, {});
        return new Map('hdds' in all ? all.hdds.map((medium) => [medium.uuid, medium.location]) : []);
    }
}

/** A storage controller (SATA, IDE, NVMe, ...). contextValue `storageController`. */
export class ControllerNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        readonly controller: Controller,
        private readonly attachments: readonly DiskAttachment[],
        private readonly bases: ReadonlyMap<string, string>,
    ) {
        this.id = `${parentId}/${controller.name}`;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.controller.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = this.controller.type;
        item.iconPath = new vscode.ThemeIcon('circuit-board');
        item.contextValue = 'storageController';
        return item;
    }

    getChildren(): TreeNode[] {
        const mine = this.attachments.filter((attachment) => attachment.controller === this.controller.name);
        if (mine.length === 0) return [emptyNode(this.id, vscode.l10n.t('Nothing attached'))];
        return mine.map((attachment) => new AttachmentNode(this.id, this.vm, attachment, attachment.baseUuid ? this.bases.get(attachment.baseUuid) : undefined));
    }
}

const KIND_ICONS: Record<DiskAttachment['kind'], string> = { hdd: 'database', dvd: 'record', floppy: 'save', emptydrive: 'circle-large-outline', unknown: 'question' };

/**
 * A medium attached at a controller port. contextValue `attachment:<kind>` (hdd, dvd, floppy, emptydrive, unknown):
 * the storage commands read `vm` and `attachment` (controller, port, device, location, medium).
 */
export class AttachmentNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        readonly attachment: DiskAttachment,
        /** For a differencing image: the base disk's file, shown as the name. */
        private readonly baseLocation?: string,
    ) {
        this.id = `${parentId}/${attachment.port}-${attachment.device}`;
    }

    getTreeItem(): vscode.TreeItem {
        const { attachment } = this;
        const empty = attachment.kind === 'emptydrive' || attachment.location === 'emptydrive';
        const label = empty ? vscode.l10n.t('Empty drive') : path.basename(this.baseLocation ?? attachment.location);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        const capacity = attachment.medium?.capacityMb;
        const parts = [vscode.l10n.t('Port {0}:{1}', attachment.port, attachment.device)];
        if (capacity !== undefined && attachment.kind === 'hdd') parts.push(formatMegabytes(capacity));
        else if (attachment.medium?.sizeOnDiskMb !== undefined) parts.push(formatMegabytes(attachment.medium.sizeOnDiskMb));
        if (attachment.medium?.format) parts.push(attachment.medium.format);
        item.description = parts.join(' · ');
        item.tooltip = empty
            ? label
            : this.baseLocation
              ? vscode.l10n.t('{0}\nThe VM writes to a differencing image since its last snapshot: {1}', this.baseLocation, attachment.location)
              : attachment.location;
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[attachment.kind]);
        item.contextValue = `attachment:${attachment.kind}`;
        return item;
    }
}
