import * as vscode from 'vscode';
import type { HostInterface, NatNetwork } from '../../vbox/parsers/networks';
import { emptyNode } from '../common/placeholderNode';
import type { TreeNode } from '../common/treeNode';

export type NetworkKind = 'hostonly' | 'natnet' | 'intnet' | 'bridged';

const FOLDERS: Record<NetworkKind, { label: () => string; icon: string; empty: () => string }> = {
    hostonly: { label: () => vscode.l10n.t('Host-only Interfaces'), icon: 'vm-connect', empty: () => vscode.l10n.t('No host-only interfaces') },
    natnet: { label: () => vscode.l10n.t('NAT Networks'), icon: 'globe', empty: () => vscode.l10n.t('No NAT networks') },
    intnet: { label: () => vscode.l10n.t('Internal Networks'), icon: 'lock', empty: () => vscode.l10n.t('No internal networks in use') },
    bridged: { label: () => vscode.l10n.t('Bridged Host Interfaces'), icon: 'plug', empty: () => vscode.l10n.t('No host interfaces to bridge to') },
};

/** One of the four folders. contextValue `networkFolder:<kind>`: the create commands sit on it as inline `+`. */
export class NetworkFolderNode implements TreeNode {
    readonly id: string;

    constructor(
        readonly kind: NetworkKind,
        private readonly children: readonly TreeNode[],
    ) {
        this.id = `networks/${kind}`;
    }

    getTreeItem(): vscode.TreeItem {
        const folder = FOLDERS[this.kind];
        const item = new vscode.TreeItem(folder.label(), vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon(folder.icon);
        item.description = String(this.children.length);
        item.contextValue = `networkFolder:${this.kind}`;
        return item;
    }

    getChildren(): TreeNode[] {
        return this.children.length ? [...this.children] : [emptyNode(this.id, FOLDERS[this.kind].empty())];
    }
}

function addressOf(host: HostInterface): string | undefined {
    if (!host.ipAddress) return undefined;
    return host.networkMask ? `${host.ipAddress}/${host.networkMask}` : host.ipAddress;
}

/**
 * A host interface: host-only (`network:hostonly`) or one an adapter can bridge to (`network:bridged`). The network
 * commands read `kind` and `name`.
 */
export class HostInterfaceNode implements TreeNode {
    readonly id: string;
    readonly name: string;

    constructor(
        readonly kind: 'hostonly' | 'bridged',
        readonly host: HostInterface,
    ) {
        this.id = `networks/${kind}/${host.name}`;
        this.name = host.name;
    }

    getTreeItem(): vscode.TreeItem {
        const { host } = this;
        const item = new vscode.TreeItem(host.name, vscode.TreeItemCollapsibleState.None);
        item.description = [addressOf(host), host.status].filter(Boolean).join(' · ');
        const tooltip = new vscode.MarkdownString();
        const rows: [string, string | undefined][] = [
            [vscode.l10n.t('IPv4'), addressOf(host)],
            [vscode.l10n.t('IPv6'), host.ipv6Address ? `${host.ipv6Address}/${host.ipv6PrefixLength ?? ''}` : undefined],
            [vscode.l10n.t('DHCP'), host.dhcp === undefined ? undefined : host.dhcp ? vscode.l10n.t('enabled') : vscode.l10n.t('disabled')],
            [vscode.l10n.t('MAC address'), host.hardwareAddress],
            [vscode.l10n.t('Status'), host.status],
            [vscode.l10n.t('VirtualBox network'), host.vboxNetworkName],
        ];
        tooltip.appendMarkdown('**');
        tooltip.appendText(host.name);
        tooltip.appendMarkdown('**\n\n');
        for (const [label, value] of rows) if (value) tooltip.appendText(`${label}: ${value}\n`);
        item.tooltip = tooltip;
        item.iconPath = new vscode.ThemeIcon(this.kind === 'bridged' ? 'plug' : 'vm-connect', host.status === 'Down' ? new vscode.ThemeColor('disabledForeground') : undefined);
        item.contextValue = `network:${this.kind}`;
        return item;
    }
}

/** A NAT network (`network:natnet`); its port-forwarding rules are its children. */
export class NatNetworkNode implements TreeNode {
    readonly id: string;
    readonly kind = 'natnet';
    readonly name: string;

    constructor(readonly network: NatNetwork) {
        this.id = `networks/natnet/${network.name}`;
        this.name = network.name;
    }

    getTreeItem(): vscode.TreeItem {
        const { network } = this;
        const rules = [...network.portForwards4, ...(network.portForwards6 ?? [])];
        const item = new vscode.TreeItem(network.name, rules.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = [
            network.network,
            network.dhcp ? vscode.l10n.t('DHCP') : undefined,
            network.enabled === false ? vscode.l10n.t('disabled') : undefined,
        ].filter(Boolean).join(' · ');
        item.tooltip = [
            vscode.l10n.t('NAT network {0}', network.name),
            vscode.l10n.t('Network: {0}', network.network),
            network.gateway ? vscode.l10n.t('Gateway: {0}', network.gateway) : undefined,
            vscode.l10n.t('DHCP server: {0}', network.dhcp ? vscode.l10n.t('yes') : vscode.l10n.t('no')),
            vscode.l10n.t('IPv6: {0}', network.ipv6 ? network.ipv6Prefix ?? vscode.l10n.t('yes') : vscode.l10n.t('no')),
            vscode.l10n.t('Port-forwarding rules: {0}', rules.length),
        ].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon('globe', network.enabled === false ? new vscode.ThemeColor('disabledForeground') : undefined);
        item.contextValue = 'network:natnet';
        return item;
    }

    getChildren(): TreeNode[] {
        return [...this.network.portForwards4, ...(this.network.portForwards6 ?? [])].map((rule) => new NatRuleNode(this.id, rule));
    }
}

/** A rule of a NAT network as VirtualBox prints it (`ssh:tcp:[]:2222:[10.0.9.5]:22`). contextValue `natNetworkRule`. */
class NatRuleNode implements TreeNode {
    readonly id: string;

    constructor(
        parentId: string,
        private readonly rule: string,
    ) {
        this.id = `${parentId}/rule/${rule}`;
    }

    getTreeItem(): vscode.TreeItem {
        const [name, ...rest] = this.rule.split(':');
        const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
        item.description = rest.join(':');
        item.iconPath = new vscode.ThemeIcon('arrow-swap');
        item.contextValue = 'natNetworkRule';
        return item;
    }
}

/** An internal network: only a name that VMs' adapters share. contextValue `network:intnet`. */
export class InternalNetworkNode implements TreeNode {
    readonly id: string;
    readonly kind = 'intnet';

    constructor(readonly name: string) {
        this.id = `networks/intnet/${name}`;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.None);
        item.tooltip = vscode.l10n.t('Internal network "{0}": VMs whose adapters use this name see each other; the host does not.', this.name);
        item.iconPath = new vscode.ThemeIcon('lock');
        item.contextValue = 'network:intnet';
        return item;
    }
}
