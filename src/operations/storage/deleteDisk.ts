import { z } from 'zod';
import { defineOperation } from '../operation';
import { findMedium, listMedia, mediumNotFound, withDescendants } from '../shared/mediaQuery';
import { runOptions } from '../shared/runOptions';
import { mediumRef } from '../shared/schemas';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';

export const deleteDiskInput = z.object({ disk: mediumRef });

export interface DeleteDiskResult {
    readonly uuid: string;
    readonly path: string;
    readonly sizeOnDiskMb?: number;
}

export const deleteDisk = defineOperation({
    id: 'delete_disk',
    title: 'Delete Disk File',
    description:
        'Deletes a registered hard disk image that no VM and no snapshot uses: VirtualBox forgets it and its file is removed from the ' +
        'host. Refused, naming the users, while it is attached anywhere or has differencing images.',
    input: deleteDiskInput,
    effect: 'destroy',
    async run(ctx, input): Promise<DeleteDiskResult> {
        const hdds = await listMedia(ctx, 'hdds');
        const disk = findMedium(hdds, input.disk);
        if (!disk) throw mediumNotFound(input.disk);
        const family = withDescendants(hdds, disk);
        const users = [...new Set(family.flatMap((medium) => medium.inUseBy.map((usage) => `"${usage.name}"`)))];
        if (users.length) {
            throw new VBoxError(
                'MEDIUM_IN_USE',
                `"${disk.location}" is attached to VM ${users.join(', ')} (or one of its snapshots). Nothing was deleted. Remove it from the VM first ` +
                    '(Remove Disk can delete the file too).',
            );
        }
        if (family.length > 1) {
            throw new VBoxError(
                'MEDIUM_IN_USE',
                `"${disk.location}" has ${family.length - 1} differencing image(s) based on it. Nothing was deleted. Delete those first.`,
            );
        }
        await ctx.vbox.run(command(['closemedium', 'disk', disk.uuid, '--delete'], ignoreOutput, { notFound: 'MEDIUM_NOT_FOUND' }), runOptions(ctx));
        return { uuid: disk.uuid, path: disk.location, ...(disk.sizeOnDiskMb === undefined ? {} : { sizeOnDiskMb: disk.sizeOnDiskMb }) };
    },
});
