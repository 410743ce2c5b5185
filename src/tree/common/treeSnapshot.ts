import * as vscode from 'vscode';

/** A tree as plain data: what the extension tests compare with what VBoxManage reports. */
export interface TreeSnapshotNode {
    readonly id?: string;
    readonly label: string;
    readonly description?: string;
    readonly contextValue?: string;
    readonly icon?: string;
    readonly iconColor?: string;
    readonly tooltip?: string;
    readonly children?: TreeSnapshotNode[];
    /** The provider's own element, when asked for (`withElements`): tests pass it to commands as the clicked node. */
    readonly element?: unknown;
}

interface SnapshotOptions {
    readonly view?: string;
    readonly depth?: number;
    readonly withElements?: boolean;
    /** Read children only of nodes with these labels (reading a VM's children makes it poll its details). */
    readonly expandLabels?: readonly string[];
}

const providers = new Map<string, vscode.TreeDataProvider<unknown>>();

/** Makes a view's tree readable by `virtualbox.internal.getTreeSnapshot` (for tests; not in the palette). */
export function registerTreeForSnapshot<T>(viewId: string, provider: vscode.TreeDataProvider<T>): vscode.Disposable {
    providers.set(viewId, provider as vscode.TreeDataProvider<unknown>);
    return new vscode.Disposable(() => {
        if (providers.get(viewId) === provider) providers.delete(viewId);
    });
}

/**
 * `virtualbox.internal.getTreeSnapshot({ view, depth })`: the view's nodes down to `depth` levels, read through the
 * provider's own getChildren/getTreeItem, exactly what VS Code would render. Registered, never contributed, so it
 * stays out of the command palette.
 */
export function registerTreeSnapshotCommand(): vscode.Disposable {
    return vscode.commands.registerCommand('virtualbox.internal.getTreeSnapshot', async (options: SnapshotOptions = {}) => {
        const provider = providers.get(options.view ?? 'virtualbox.machines');
        if (!provider) throw new Error(`No tree registered for ${options.view}`);
        return snapshotOf(provider, undefined, options.depth ?? 1, options);
    });
}

async function snapshotOf(provider: vscode.TreeDataProvider<unknown>, parent: unknown, depth: number, options: SnapshotOptions): Promise<TreeSnapshotNode[]> {
    const children = (await provider.getChildren(parent)) ?? [];
    return Promise.all(
        children.map(async (child) => {
            const item = await provider.getTreeItem(child);
            const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
            const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
            const expandable = item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
            const expand = expandable && depth > 1 && (!options.expandLabels || options.expandLabels.includes(label));
            return {
                id: item.id,
                label,
                description: typeof item.description === 'string' ? item.description : undefined,
                contextValue: item.contextValue,
                icon: icon?.id,
                iconColor: icon?.color?.id,
                tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
                children: expand ? await snapshotOf(provider, child, depth - 1, options) : undefined,
                ...(options.withElements ? { element: child } : {}),
            };
        }),
    );
}
