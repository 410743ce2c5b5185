import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { registerTreeForSnapshot } from '../common/treeSnapshot';
import { MediaTreeProvider } from './mediaTreeProvider';
import { registerPolledTreeView, type ReloadRequest } from './polledTreeView';

let requestReload: ReloadRequest | undefined;

/**
 * The Media view (`virtualbox.media`): registered hard disks, optical and floppy images. It reloads after every
 * operation that changes VirtualBox, on Refresh, and every `refreshIntervalSeconds` while visible.
 */
export function registerMediaView(services: Services): vscode.Disposable[] {
    const provider = new MediaTreeProvider(services);
    const { request, disposables } = registerPolledTreeView(services, 'virtualbox.media', provider);
    requestReload = request;
    return [
        provider,
        ...disposables,
        // Lets the extension tests read the tree as VS Code renders it (virtualbox.internal.getTreeSnapshot).
        registerTreeForSnapshot('virtualbox.media', provider),
        new vscode.Disposable(() => {
            if (requestReload === request) requestReload = undefined;
        }),
    ];
}

/** Reloads the Media view now (its Refresh command); resolves once it has read VirtualBox again. */
export function refreshMediaView(): Promise<void> {
    return requestReload?.('manual') ?? Promise.resolve();
}
