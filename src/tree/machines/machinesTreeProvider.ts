import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { isVBoxError, type VBoxErrorCode } from '../../vbox/errors';
import { silentLogger } from '../../vbox/logger';
import { errorNode, PlaceholderNode } from '../common/placeholderNode';
import { treeItemOf, type TreeNode } from '../common/treeNode';
import { arrangeVms } from '../fleet/arrangement';
import { layoutNodes } from './groupNode';
import type { MachinesArrangement } from './machinesArrangement';
import type { MachinesStore } from './machinesStore';
import { transientStates } from './transientStates';

/** Failures that mean VirtualBox cannot be reached at all: the welcome content explains them. */
const UNREACHABLE: readonly VBoxErrorCode[] = ['VBOXMANAGE_MISSING', 'VBOXSVC_UNAVAILABLE', 'HOST_DRIVER_MISSING'];

/**
 * The Machines view: VirtualBox groups as folders, VMs, and under each VM its snapshots, storage and network.
 * When VBoxManage is missing or failing the root is empty, so that the welcome content explains what to do.
 */
export class MachinesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
    readonly onDidChangeTreeData = this.changed.event;
    private readonly subscriptions: vscode.Disposable[];

    constructor(
        private readonly services: Services,
        private readonly store: MachinesStore,
        private readonly arrangement: MachinesArrangement,
    ) {
        this.subscriptions = [
            arrangement.onDidChange(() => this.changed.fire(undefined)),
            store.onDidChange(() => this.changed.fire(undefined)),
            transientStates.onDidChange(() => this.changed.fire(undefined)),
            services.vbox.onDidChangeStatus(() => this.changed.fire(undefined)),
        ];
    }

    getTreeItem(node: TreeNode): vscode.TreeItem {
        return treeItemOf(node);
    }

    async getChildren(node?: TreeNode): Promise<TreeNode[]> {
        if (node) {
            try {
                return (await node.getChildren?.()) ?? [];
            } catch (error) {
                return [errorNode(node.id, vscode.l10n.t('Could not read this item'), error, this.services.logger)];
            }
        }
        await this.store.whenLoaded();
        const status = this.services.vbox.status;
        if (status === 'missing' || status === 'failing') return [];
        const state = this.store.state;
        if (state.kind === 'failed') {
            // Right after the setting changed the status is still "unknown": the error says what the welcome will.
            if (UNREACHABLE.some((code) => isVBoxError(state.error, code))) return [];
            return [errorNode('machines', vscode.l10n.t('Could not list the VMs'), state.error, silentLogger)];
        }
        if (state.kind === 'loading') return [];
        const arranged = arrangeVms(state.vms, this.arrangement.value);
        if (arranged.roots.length === 0 && state.vms.length > 0) {
            // Every VM is filtered out or hidden: say so, rather than the welcome text for "no VMs at all".
            const label = arranged.hiddenCount > 0 && this.arrangement.value.filter.terms.length === 0
                ? vscode.l10n.t('Every VM is hidden')
                : vscode.l10n.t('No VM matches the filter');
            return [new PlaceholderNode('machines/no-match', label, { icon: new vscode.ThemeIcon('filter') })];
        }
        return layoutNodes(arranged.roots, { services: this.services, store: this.store });
    }

    dispose(): void {
        this.subscriptions.forEach((subscription) => subscription.dispose());
        this.changed.dispose();
    }
}
