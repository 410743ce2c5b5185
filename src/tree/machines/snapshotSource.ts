import { listSnapshots } from '../../operations/snapshot/listSnapshots';
import type { Services } from '../../services/services';

/** One snapshot as the tree shows it. */
export interface SnapshotItem {
    readonly name: string;
    readonly uuid: string;
    readonly description: string;
    readonly current: boolean;
    readonly children: readonly SnapshotItem[];
}

/** The VM's snapshot tree, through the list_snapshots operation. */
export async function loadSnapshotTree(services: Services, vm: string): Promise<readonly SnapshotItem[]> {
    const result = await services.vbox.execute(listSnapshots, { vm });
    return result.roots;
}
