import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { registerTreeForSnapshot } from '../common/treeSnapshot';
import { registerPolledTreeView, type ReloadRequest } from '../media/polledTreeView';
import { NetworksTreeProvider } from './networksTreeProvider';

let requestReload: ReloadRequest | undefined;

/**
 * The Networks view (`virtualbox.networks`): host-only interfaces, NAT networks, internal networks and the host's
 * interfaces for bridging. It reloads after every operation that changes VirtualBox, on Refresh, and every
 * `refreshIntervalSeconds` while visible.
 */
export function registerNetworksView(services: Services): vscode.Disposable[] {
    const provider = new NetworksTreeProvider(services);
    const { request, disposables } = registerPolledTreeView(services, 'virtualbox.networks', provider);
    requestReload = request;
    return [
        provider,
        ...disposables,
        // Lets the extension tests read the tree as VS Code renders it (virtualbox.internal.getTreeSnapshot).
        registerTreeForSnapshot('virtualbox.networks', provider),
        new vscode.Disposable(() => {
            if (requestReload === request) requestReload = undefined;
        }),
    ];
}

/** Reloads the Networks view now (its Refresh command); resolves once it has read VirtualBox again. */
export function refreshNetworksView(): Promise<void> {
    return requestReload?.('manual') ?? Promise.resolve();
}
