import { VBoxError } from '../../vbox/errors';
import type { Medium } from '../../vbox/parsers/media';
import type { OperationContext } from '../operation';
import { findMedium, listMedia, withDescendants, type MediaKind } from '../shared/mediaQuery';

/** The three kinds of registered media, with the word `closemedium` takes for each. */
export const MEDIUM_KINDS = [
    { list: 'hdds', kind: 'disk', label: 'hard disk' },
    { list: 'dvds', kind: 'dvd', label: 'optical image' },
    { list: 'floppies', kind: 'floppy', label: 'floppy image' },
] as const satisfies readonly { list: MediaKind; kind: string; label: string }[];

export type MediumKindWord = (typeof MEDIUM_KINDS)[number]['kind'];

export interface FoundMedium {
    readonly kind: MediumKindWord;
    readonly label: string;
    readonly medium: Medium;
    /** Every registered medium of that kind (differencing images of a disk are among them). */
    readonly all: readonly Medium[];
}

/** A registered hard disk, optical or floppy image by UUID or path; MEDIUM_NOT_FOUND otherwise. */
export async function findAnyMedium(ctx: OperationContext, ref: string): Promise<FoundMedium> {
    for (const { list, kind, label } of MEDIUM_KINDS) {
        const all = await listMedia(ctx, list);
        const medium = findMedium(all, ref);
        if (medium) return { kind, label, medium, all };
    }
    throw new VBoxError(
        'MEDIUM_NOT_FOUND',
        `No registered disk, optical or floppy image has the UUID or path "${ref}". list_disks shows the registered media and their paths.`,
    );
}

/** Every VM (and snapshot) that uses the medium or, for a disk, a differencing image based on it. */
export function usersOf(found: FoundMedium): { vm: string; uuid: string; snapshots: string[]; current: boolean }[] {
    const users = new Map<string, { vm: string; uuid: string; snapshots: string[]; current: boolean }>();
    for (const medium of withDescendants(found.all, found.medium)) {
        for (const usage of medium.inUseBy) {
            const user = users.get(usage.uuid) ?? { vm: usage.name, uuid: usage.uuid, snapshots: [], current: false };
            const snapshots = usage.snapshots?.map((snapshot) => snapshot.name) ?? [];
            user.snapshots.push(...snapshots);
            // "In use by VMs" lists a VM with its snapshots in brackets; without any, it is the current state that uses it.
            if (snapshots.length === 0) user.current = true;
            users.set(usage.uuid, user);
        }
    }
    return [...users.values()];
}
