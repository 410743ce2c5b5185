import * as vscode from 'vscode';
import type { VmConfig } from '../../operations/vm/config';
import type { VmSummary } from '../../operations/vm/listVms';
import { emptyNode } from '../common/placeholderNode';
import { counts } from '../common/plural';
import type { TreeNode } from '../common/treeNode';

type Nic = VmConfig['network'][number];
type Rule = Nic['forwarding'][number];

/** "Network" under a VM: its enabled adapters. contextValue `network`. */
export class NetworkFolderNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        private readonly config: VmConfig,
    ) {
        this.id = `${parentId}/network`;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(vscode.l10n.t('Network'), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('globe');
        item.description = counts.adapters(this.config.network.length);
        item.contextValue = 'network';
        return item;
    }

    getChildren(): TreeNode[] {
        if (this.config.network.length === 0) return [emptyNode(this.id, vscode.l10n.t('No network adapters'))];
        return this.config.network.map((nic) => new NicNode(this.id, this.vm, nic));
    }
}

/** The adapter's mode in words, with the network it is attached to. */
export function nicModeLabel(nic: Nic): string {
    switch (nic.attachment) {
        case 'nat':
            return vscode.l10n.t('NAT');
        case 'natnetwork':
            return vscode.l10n.t('NAT Network ({0})', nic.natNetwork ?? '?');
        case 'bridged':
            return vscode.l10n.t('Bridged ({0})', nic.bridgeAdapter ?? '?');
        case 'hostonly':
            return vscode.l10n.t('Host-only ({0})', nic.hostOnlyAdapter ?? '?');
        case 'intnet':
            return vscode.l10n.t('Internal ({0})', nic.internalNetwork ?? '?');
        case 'null':
            return vscode.l10n.t('Not attached');
        default:
            return nic.attachment;
    }
}

/**
 * A network adapter. contextValue `nic:<mode>` (nic:nat, nic:bridged, ...); the network commands read `vm` and
 * `nic` (slot, attachment, forwarding).
 */
export class NicNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        readonly nic: Nic,
    ) {
        this.id = `${parentId}/${nic.slot}`;
    }

    getTreeItem(): vscode.TreeItem {
        const { nic } = this;
        const hasRules = nic.forwarding.length > 0;
        const item = new vscode.TreeItem(
            vscode.l10n.t('Adapter {0}', nic.slot),
            hasRules ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        item.description = [nicModeLabel(nic), nic.cableConnected === false ? vscode.l10n.t('cable disconnected') : undefined].filter(Boolean).join(' · ');
        item.tooltip = [nic.nicType, nic.macAddress?.replace(/(..)(?!$)/g, '$1:')].filter(Boolean).join(' · ') || undefined;
        item.iconPath = new vscode.ThemeIcon(nic.cableConnected === false ? 'debug-disconnect' : 'plug');
        item.contextValue = `nic:${nic.attachment}`;
        return item;
    }

    getChildren(): TreeNode[] {
        return this.nic.forwarding.map((rule) => new PortForwardNode(this.id, this.vm, this.nic, rule));
    }
}

/** A NAT port-forwarding rule. contextValue `portForward`; commands read `vm`, `nic` and `rule`. */
export class PortForwardNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        readonly vm: VmSummary,
        readonly nic: Nic,
        readonly rule: Rule,
    ) {
        this.id = `${parentId}/pf/${rule.name}`;
    }

    getTreeItem(): vscode.TreeItem {
        const { rule } = this;
        const item = new vscode.TreeItem(rule.name, vscode.TreeItemCollapsibleState.None);
        const host = `${rule.hostIp || '*'}:${rule.hostPort}`;
        const guest = `${rule.guestIp || vscode.l10n.t('guest')}:${rule.guestPort}`;
        item.description = `${rule.protocol.toUpperCase()} ${host} → ${guest}`;
        item.iconPath = new vscode.ThemeIcon('arrow-swap');
        item.contextValue = 'portForward';
        return item;
    }
}
