import { command, type CommandOutput } from '../../vbox/command';
import { errorFromOutput, parseErrorLines } from '../../vbox/errorMapping';
import { VBoxError, isVBoxError } from '../../vbox/errors';
import { parseSnapshotTree, type SnapshotNode, type SnapshotTree } from '../../vbox/parsers/snapshots';
import type { OperationContext } from '../operation';
import { isUuid } from './schemas';
import { vmNotFound } from './vmInfoQuery';

/**
 * `snapshot <vm> list` exits 1 both for "This machine does not have any snapshots" (a translatable line on stdout,
 * no error lines) and for real failures such as an unknown VM (`VBoxManage: error:` lines with Details/Context).
 * Exit 1 is therefore accepted by the runner and told apart here by the presence of error lines, never by text.
 */
export function parseSnapshotListOutput(args: readonly string[], output: CommandOutput): SnapshotTree {
    if (output.exitCode === 0) return parseSnapshotTree(output.stdout);
    const lines = parseErrorLines(output.stderr);
    if (lines.messages.length === 0 && lines.resultCode === undefined && output.stderr.trim() === '') return { roots: [] };
    throw errorFromOutput(args, output, 'VM_NOT_FOUND');
}

/** The VM's snapshot tree; a VM without snapshots has an empty one. */
export async function readSnapshotTree(ctx: OperationContext, vm: string): Promise<SnapshotTree> {
    const args = ['snapshot', vm, 'list', '--machinereadable'];
    try {
        return await ctx.vbox.run(command(args, (output) => parseSnapshotListOutput(args, output), { vm, acceptExitCodes: [1] }), {
            signal: ctx.signal,
        });
    } catch (error) {
        if (isVBoxError(error, 'VM_NOT_FOUND')) throw vmNotFound(vm, error);
        throw error;
    }
}

/** Every snapshot of the tree, depth first. */
export function flattenSnapshots(tree: SnapshotTree): SnapshotNode[] {
    const all: SnapshotNode[] = [];
    const visit = (node: SnapshotNode) => {
        all.push(node);
        node.children.forEach(visit);
    };
    tree.roots.forEach(visit);
    return all;
}

/**
 * The one snapshot a name or UUID means. VirtualBox allows several snapshots with the same name and then picks
 * one silently; here an ambiguous name is refused so that nothing is restored or deleted by mistake.
 */
export function resolveSnapshot(tree: SnapshotTree, vm: string, ref: string): SnapshotNode {
    const all = flattenSnapshots(tree);
    const byUuid = isUuid(ref) ? all.find((node) => node.uuid.toLowerCase() === ref.toLowerCase()) : undefined;
    if (byUuid) return byUuid;
    const byName = all.filter((node) => node.name === ref);
    if (byName.length === 1) return byName[0];
    if (byName.length > 1) {
        throw new VBoxError(
            'INVALID_INPUT',
            `VM "${vm}" has ${byName.length} snapshots named "${ref}"; give the UUID of the one you mean (${byName.map((node) => node.uuid).join(', ')}).`,
        );
    }
    const names = all.map((node) => `"${node.name}"`).join(', ');
    throw new VBoxError(
        'SNAPSHOT_NOT_FOUND',
        all.length ? `VM "${vm}" has no snapshot named "${ref}" (or with that UUID). Its snapshots: ${names}.` : `VM "${vm}" has no snapshots.`,
    );
}
