import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { RefreshScheduler, type RefreshReason } from '../refreshScheduler';

/** A tree provider that can read VirtualBox again and redraw itself. */
export interface ReloadableTreeProvider<T> extends vscode.TreeDataProvider<T> {
    reload(reason: RefreshReason): Promise<void>;
}

/** Asks a view to reload (e.g. its Refresh command); resolves when a manual reload has finished. */
export type ReloadRequest = (reason: RefreshReason) => Promise<void>;

/**
 * Creates a view whose data reloads after every operation that changes VirtualBox, when asked, and on a timer while
 * the view is visible, so that changes made outside VS Code (the VirtualBox app, a terminal) appear on their own.
 * The scheduler never overlaps two reads and coalesces bursts of requests. Used by the Media and Networks views.
 */
export function registerPolledTreeView<T>(
    services: Services,
    viewId: string,
    provider: ReloadableTreeProvider<T>,
): { view: vscode.TreeView<T>; request: ReloadRequest; disposables: vscode.Disposable[] } {
    const view = vscode.window.createTreeView(viewId, { treeDataProvider: provider, showCollapseAll: true });
    const intervalMs = () => services.settings.value.refreshIntervalSeconds * 1000;
    const scheduler = new RefreshScheduler((reason) => provider.reload(reason), intervalMs(), 300, undefined, (error) =>
        services.logger.error(`Refreshing the ${viewId} view failed`, error),
    );
    scheduler.setVisible(view.visible);
    const disposables: vscode.Disposable[] = [
        view,
        view.onDidChangeVisibility((event) => scheduler.setVisible(event.visible)),
        services.vbox.onDidChangeState(() => void scheduler.request('operation')),
        services.settings.onDidChange(() => {
            scheduler.setInterval(intervalMs());
            void scheduler.request('config');
        }),
        { dispose: () => scheduler.dispose() },
    ];
    // The first read starts right after activation, so that the view is filled when it is first shown.
    scheduler.loadSoon();
    return { view, request: (reason) => scheduler.request(reason), disposables };
}
