import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { isVBoxError } from '../../vbox/errors';
import { errorNode } from '../common/placeholderNode';
import { treeItemOf, type TreeNode } from '../common/treeNode';
import type { ReloadableTreeProvider } from './polledTreeView';

/** What the last read gave: the data, or why there is none. */
type LastRead<D> = { readonly data: D } | { readonly error: unknown } | undefined;

/**
 * A view filled by one read of VirtualBox (an operation), rebuilt from fresh data on every reload. A read that
 * fails shows one explaining node; when VBoxManage is missing or VirtualBox does not answer the view stays empty so
 * that its welcome content explains it. A reload that finds the same data does not redraw.
 */
export abstract class ReadTreeProvider<D> implements ReloadableTreeProvider<TreeNode>, vscode.Disposable {
    private last: LastRead<D>;
    private lastJson?: string;
    private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
    readonly onDidChangeTreeData = this.changed.event;

    constructor(
        protected readonly services: Services,
        /** The id prefix of the view's nodes, e.g. `media`. */
        private readonly rootId: string,
    ) {}

    /** Reads VirtualBox (through an operation). */
    protected abstract read(): Promise<D>;
    /** The top-level nodes for the data. */
    protected abstract rootsOf(data: D): TreeNode[];
    /** The label of the node that explains a failed read, e.g. "Could not read the media". */
    protected abstract failureLabel(): string;

    /** The data as last read; undefined before the first read and after a failure. */
    get data(): D | undefined {
        return this.last && 'data' in this.last ? this.last.data : undefined;
    }

    async reload(): Promise<void> {
        let next: LastRead<D>;
        try {
            next = { data: await this.read() };
        } catch (error) {
            next = { error };
        }
        this.last = next;
        // Polling every few seconds must not redraw the view (closing hovers) when nothing changed.
        const json = 'data' in next ? JSON.stringify(next.data) : `error: ${String(next.error)}`;
        if (json === this.lastJson) return;
        this.lastJson = json;
        this.changed.fire(undefined);
    }

    getTreeItem(node: TreeNode): vscode.TreeItem {
        return treeItemOf(node);
    }

    async getChildren(node?: TreeNode): Promise<TreeNode[]> {
        if (node) return [...((await node.getChildren?.()) ?? [])];
        const { last } = this;
        if (!last) return [];
        if ('data' in last) return this.rootsOf(last.data);
        if (isVBoxError(last.error, 'VBOXMANAGE_MISSING') || isVBoxError(last.error, 'VBOXSVC_UNAVAILABLE')) return [];
        return [errorNode(this.rootId, this.failureLabel(), last.error, this.services.logger)];
    }

    dispose(): void {
        this.changed.dispose();
    }
}
