import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { runOptions } from '../shared/runOptions';
import { mediumRef } from '../shared/schemas';
import { withDescendants } from '../shared/mediaQuery';
import { findAnyMedium, usersOf, type MediumKindWord } from './findAnyMedium';

export const unregisterMediumInput = z.object({
    medium: mediumRef.describe('The hard disk, optical or floppy image: its UUID, or the full path of its file as VirtualBox lists it.'),
});

export interface UnregisterMediumResult {
    readonly kind: MediumKindWord;
    readonly uuid: string;
    readonly path: string;
    /** Always true: the file stays on the host. */
    readonly fileKept: true;
}

export const unregisterMedium = defineOperation({
    id: 'unregister_medium',
    title: 'Remove from Registry',
    description:
        'Makes VirtualBox forget a hard disk, optical or floppy image that no VM uses; the file itself stays on the host. Refused, ' +
        'naming the users, while a VM or snapshot uses it (release_medium detaches it first).',
    input: unregisterMediumInput,
    effect: 'change',
    async run(ctx, input): Promise<UnregisterMediumResult> {
        const found = await findAnyMedium(ctx, input.medium);
        const { medium } = found;
        const users = usersOf(found);
        if (users.length) {
            throw new VBoxError(
                'MEDIUM_IN_USE',
                `"${medium.location}" is used by VM ${users.map((user) => `"${user.vm}"`).join(', ')}. Nothing was changed. Release it from ` +
                    'those VMs first (release_medium).',
            );
        }
        const family = withDescendants(found.all, medium);
        if (family.length > 1) {
            throw new VBoxError('MEDIUM_IN_USE', `"${medium.location}" has ${family.length - 1} differencing image(s) based on it. Nothing was changed.`);
        }
        // Without --delete: VirtualBox only forgets the medium.
        await ctx.vbox.run(command(['closemedium', found.kind, medium.uuid], ignoreOutput, { notFound: 'MEDIUM_NOT_FOUND' }), runOptions(ctx));
        return { kind: found.kind, uuid: medium.uuid, path: medium.location, fileKept: true };
    },
});
