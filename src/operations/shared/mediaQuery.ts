import { command } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { parseMediaList, type Medium } from '../../vbox/parsers/media';
import type { OperationContext } from '../operation';
import { isUuid } from './schemas';

export type MediaKind = 'hdds' | 'dvds' | 'floppies';

/** Every registered medium of a kind, with its users (`-l` adds "In use by VMs" with the snapshots). */
export function listMedia(ctx: OperationContext, kind: MediaKind): Promise<Medium[]> {
    return ctx.vbox.run(command(['list', kind, '--long'], (o) => parseMediaList(o.stdout)), { signal: ctx.signal });
}

/** Paths compare as VirtualBox stores them; only the separator style is forgiven (Windows accepts both). */
function samePath(a: string, b: string): boolean {
    const normal = (path: string) => (path.includes('\\') ? path.replace(/\//g, '\\').toLowerCase() : path);
    return normal(a) === normal(b);
}

/** The registered medium with this UUID or file path, or undefined. */
export function findMedium(media: readonly Medium[], ref: string): Medium | undefined {
    if (isUuid(ref)) return media.find((medium) => medium.uuid.toLowerCase() === ref.toLowerCase());
    return media.find((medium) => samePath(medium.location, ref));
}

export function mediumNotFound(ref: string): VBoxError {
    return new VBoxError(
        'MEDIUM_NOT_FOUND',
        `No registered disk image has the UUID or path "${ref}". list_disks shows the registered disks and their paths.`,
    );
}

/** The chain from a medium up to its base (differencing images sit on their parent); the medium first. */
export function ancestry(media: readonly Medium[], medium: Medium): Medium[] {
    const chain = [medium];
    for (let parent = medium.parentUuid; parent !== undefined; ) {
        const next = media.find((candidate) => candidate.uuid === parent);
        if (!next || chain.includes(next)) break;
        chain.push(next);
        parent = next.parentUuid;
    }
    return chain;
}

/** A medium and every differencing image below it. */
export function withDescendants(media: readonly Medium[], medium: Medium): Medium[] {
    const found = [medium];
    for (let i = 0; i < found.length; i++) {
        for (const child of media.filter((candidate) => candidate.parentUuid === found[i].uuid)) {
            if (!found.includes(child)) found.push(child);
        }
    }
    return found;
}
