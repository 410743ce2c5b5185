import * as vscode from 'vscode';
import { z } from 'zod';
import { listSnapshots } from '../../operations/snapshot/listSnapshots';
import type { Services } from '../../services/services';
import type { SnapshotNode } from '../../vbox/parsers/snapshots';
import { pickVm } from '../pickers/pickVm';
import { pickItem } from '../storage/pickItem';
import { nodeData, nodeVm, type NodeVm } from '../storage/treeArgs';

/** A snapshot node of the Machines tree (`snapshot`, `snapshot:current`): its VM and the snapshot. */
const snapshotNode = z.object({
    vm: nodeVm,
    snapshot: z.object({ name: z.string(), uuid: z.string(), current: z.boolean(), description: z.string().optional(), children: z.array(z.unknown()) }),
});
export type SnapshotTarget = z.infer<typeof snapshotNode>;

function flatten(roots: readonly SnapshotNode[], depth = 0): { node: SnapshotNode; depth: number }[] {
    return roots.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

/** The snapshot the command acts on: the clicked node, or from the palette the VM and then one of its snapshots. */
export async function snapshotTarget(services: Services, node: unknown, title: string): Promise<SnapshotTarget> {
    const fromNode = nodeData(snapshotNode, node);
    if (fromNode) return fromNode;
    const vm: NodeVm = await pickVm(services, { title, noneMessage: vscode.l10n.t('VirtualBox has no VMs.') });
    const tree = await services.vbox.execute(listSnapshots, { vm: vm.uuid });
    const picked = await pickItem(
        flatten(tree.roots).map(({ node: snapshot, depth }) => ({
            label: `${'\u2003'.repeat(depth)}${snapshot.name}`,
            description: snapshot.current ? vscode.l10n.t('current') : undefined,
            detail: snapshot.description || undefined,
            snapshot,
        })),
        { title, placeHolder: vscode.l10n.t('Choose a snapshot of "{0}"', vm.name), noneMessage: vscode.l10n.t('VM "{0}" has no snapshots.', vm.name) },
    );
    return { vm, snapshot: picked.snapshot };
}

/** How many snapshots hang below this one (they are kept when it is deleted or restored). */
export function descendantCount(snapshot: { children: readonly unknown[] }): number {
    return snapshot.children.reduce<number>((sum, child) => sum + 1 + descendantCount(child as { children: readonly unknown[] }), 0);
}
