import * as vscode from 'vscode';
import { listNetworks, type ListNetworksResult } from '../../operations/network/listNetworks';
import type { Services } from '../../services/services';
import type { TreeNode } from '../common/treeNode';
import { ReadTreeProvider } from '../media/readTreeProvider';
import { HostInterfaceNode, InternalNetworkNode, NatNetworkNode, NetworkFolderNode } from './networkNodes';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

/** The Networks view's data, read through list_networks: one folder per kind of network. */
export class NetworksTreeProvider extends ReadTreeProvider<ListNetworksResult> {
    constructor(services: Services) {
        super(services, 'networks');
    }

    protected read(): Promise<ListNetworksResult> {
        return this.services.vbox.execute(listNetworks, {});
    }

    protected rootsOf(networks: ListNetworksResult): TreeNode[] {
        return [
            new NetworkFolderNode('natnet', networks.natNetworks.map((network) => new NatNetworkNode(network)).sort(byName)),
            new NetworkFolderNode('hostonly', networks.hostOnly.map((host) => new HostInterfaceNode('hostonly', host)).sort(byName)),
            new NetworkFolderNode('intnet', [...networks.internal].sort().map((name) => new InternalNetworkNode(name))),
            new NetworkFolderNode('bridged', networks.bridged.map((host) => new HostInterfaceNode('bridged', host)).sort(byName)),
        ];
    }

    protected failureLabel(): string {
        return vscode.l10n.t('Could not read the networks');
    }
}
