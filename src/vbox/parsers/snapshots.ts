import { z } from 'zod';
import { entriesToMap, parseMachineReadableEntries } from './machineReadable';

/**
 * `snapshot <vm> list --machinereadable` (the same keys close `showvminfo --machinereadable`). The tree is
 * depth-first with path suffixes: `SnapshotName` is the root, `SnapshotName-1` its first child,
 * `SnapshotName-1-2` that child's second child. Names and descriptions are printed raw and may span lines.
 * A VM without snapshots makes VBoxManage print a sentence and exit 1; that text has no keys and gives no roots.
 */

export interface SnapshotNode {
    name: string;
    uuid: string;
    description: string;
    current: boolean;
    children: SnapshotNode[];
}

export interface SnapshotTree {
    roots: SnapshotNode[];
    currentUuid?: string;
}

export const SnapshotNodeSchema: z.ZodType<SnapshotNode> = z.lazy(() =>
    z.object({ name: z.string(), uuid: z.string().min(1), description: z.string(), current: z.boolean(), children: z.array(SnapshotNodeSchema) }),
);
export const SnapshotTreeSchema = z.object({ roots: z.array(SnapshotNodeSchema), currentUuid: z.string().optional() });

const NAME_KEY = /^SnapshotName((?:-\d+)*)$/;

export function parseSnapshotTree(text: string): SnapshotTree {
    const entries = parseMachineReadableEntries(text);
    const map = entriesToMap(entries);
    const currentUuid = map.get('CurrentSnapshotUUID');
    const bySuffix = new Map<string, SnapshotNode>();
    const roots: SnapshotNode[] = [];
    for (const { key } of entries) {
        const suffix = NAME_KEY.exec(key)?.[1];
        if (suffix === undefined || bySuffix.has(suffix)) continue;
        const uuid = map.get(`SnapshotUUID${suffix}`);
        if (uuid === undefined) throw new Error(`snapshot ${key} has no UUID`);
        const node: SnapshotNode = {
            name: map.get(key) ?? '',
            uuid,
            description: map.get(`SnapshotDescription${suffix}`) ?? '',
            current: uuid === currentUuid,
            children: [],
        };
        bySuffix.set(suffix, node);
        if (suffix === '') {
            roots.push(node);
            continue;
        }
        // Depth-first output: the parent (the suffix without its last `-n`) was printed before its children.
        const parent = bySuffix.get(suffix.replace(/-\d+$/, ''));
        if (!parent) throw new Error(`snapshot ${key} comes before its parent`);
        parent.children.push(node);
    }
    return SnapshotTreeSchema.parse({ roots, currentUuid });
}
