import * as vscode from 'vscode';
import type { Arrangement, GroupBy, SortKey } from '../fleet/arrangement';
import { parseFilterQuery } from '../fleet/filterQuery';
import { arrangementFromStored, STORAGE_KEYS } from '../fleet/storedArrangement';

/**
 * How the user arranged the Machines view, kept where VS Code keeps extension state: the filter, sort, grouping and
 * "show hidden" per workspace (workspaceState), pinned and hidden VMs per user (globalState, by VM UUID, so a
 * rename keeps them). Sets the context keys the title bar and menus use. The logic lives in src/tree/fleet.
 */
export class MachinesArrangement implements vscode.Disposable {
    private current: Arrangement;
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChange = this.changed.event;

    constructor(private readonly context: Pick<vscode.ExtensionContext, 'workspaceState' | 'globalState'>) {
        this.current = MachinesArrangement.read(context);
        this.updateContextKeys();
    }

    /** What a window (re)loading would start with: read from the stores, nothing else. */
    static read(context: Pick<vscode.ExtensionContext, 'workspaceState' | 'globalState'>): Arrangement {
        const { workspaceState: workspace, globalState: user } = context;
        return arrangementFromStored({
            filter: workspace.get(STORAGE_KEYS.filter),
            sortBy: workspace.get(STORAGE_KEYS.sortBy),
            groupBy: workspace.get(STORAGE_KEYS.groupBy),
            showHidden: workspace.get(STORAGE_KEYS.showHidden),
            pinned: user.get(STORAGE_KEYS.pinned),
            hidden: user.get(STORAGE_KEYS.hidden),
        });
    }

    get value(): Arrangement {
        return this.current;
    }

    async setFilter(text: string): Promise<void> {
        const filter = parseFilterQuery(text);
        if (filter.text === this.current.filter.text) return;
        this.apply({ filter });
        await this.context.workspaceState.update(STORAGE_KEYS.filter, filter.text || undefined);
    }

    async setSortBy(sortBy: SortKey): Promise<void> {
        this.apply({ sortBy });
        await this.context.workspaceState.update(STORAGE_KEYS.sortBy, sortBy);
    }

    async setGroupBy(groupBy: GroupBy): Promise<void> {
        this.apply({ groupBy });
        await this.context.workspaceState.update(STORAGE_KEYS.groupBy, groupBy);
    }

    async setShowHidden(showHidden: boolean): Promise<void> {
        this.apply({ showHidden });
        await this.context.workspaceState.update(STORAGE_KEYS.showHidden, showHidden);
    }

    /** Adds (`on`) or removes the VMs from the pinned or hidden set. */
    async mark(which: 'pinned' | 'hidden', uuids: readonly string[], on: boolean): Promise<void> {
        const next = new Set(this.current[which]);
        for (const uuid of uuids) {
            if (on) next.add(uuid);
            else next.delete(uuid);
        }
        this.apply({ [which]: next });
        await this.context.globalState.update(which === 'pinned' ? STORAGE_KEYS.pinned : STORAGE_KEYS.hidden, [...next]);
    }

    private apply(change: Partial<Arrangement>): void {
        this.current = { ...this.current, ...change };
        this.updateContextKeys();
        this.changed.fire();
    }

    private updateContextKeys(): void {
        const { filter, sortBy, groupBy, showHidden, pinned, hidden } = this.current;
        const set = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
        set('virtualbox.machines.filtered', filter.text !== '');
        set('virtualbox.machines.sortBy', sortBy);
        set('virtualbox.machines.groupBy', groupBy);
        set('virtualbox.machines.showingHidden', showHidden);
        set('virtualbox.machines.hasPinned', pinned.size > 0);
        set('virtualbox.machines.hasHidden', hidden.size > 0);
    }

    dispose(): void {
        this.changed.dispose();
    }
}
