import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { findMedium, listMedia, mediumNotFound } from '../shared/mediaQuery';
import { runOptions } from '../shared/runOptions';
import { mediumRef } from '../shared/schemas';
import { shrinkIssue } from './resizeRules';

const RESIZE_TIMEOUT_MS = 30 * 60_000;
const BYTES_PER_MB = 1024 * 1024;

export const resizeDiskInput = z.object({
    disk: mediumRef,
    newSizeMb: z
        .number()
        .int()
        .min(1)
        .max(2_097_151)
        .describe('The new capacity in MB; must not be smaller than the current one (disks only grow).'),
});

export interface ResizeDiskResult {
    readonly uuid: string;
    readonly path: string;
    readonly previousSizeMb: number;
    readonly sizeMb: number;
    /** False when the disk already had that size (nothing was run). */
    readonly resized: boolean;
}

export const resizeDisk = defineOperation({
    id: 'resize_disk',
    title: 'Resize Disk',
    description:
        'Grows a disk image to a larger capacity. Shrinking is not possible. The guest still has to extend its partition ' +
        'and file system to use the new space.',
    input: resizeDiskInput,
    effect: 'change',
    async run(ctx, input): Promise<ResizeDiskResult> {
        const disk = findMedium(await listMedia(ctx, 'hdds'), input.disk);
        if (!disk) throw mediumNotFound(input.disk);
        const previousSizeMb = disk.capacityMb;
        if (previousSizeMb === undefined) throw new VBoxError('PARSE_ERROR', `VirtualBox did not report the capacity of "${disk.location}".`);
        const shrink = shrinkIssue(previousSizeMb, input.newSizeMb);
        if (shrink) throw new VBoxError('INVALID_INPUT', `"${disk.location}": ${shrink}`);
        if (input.newSizeMb === previousSizeMb) return { uuid: disk.uuid, path: disk.location, previousSizeMb, sizeMb: previousSizeMb, resized: false };
        // --resizebyte rather than --resize: the MB value is already checked here, and VBoxManage's own guard
        // against a --resize more than 1000 times the current size only exists for confused units on a command line.
        await ctx.vbox.run(
            command(['modifymedium', 'disk', disk.uuid, '--resizebyte', String(input.newSizeMb * BYTES_PER_MB)], ignoreOutput, {
                timeoutMs: RESIZE_TIMEOUT_MS,
                notFound: 'MEDIUM_NOT_FOUND',
            }),
            runOptions(ctx),
        );
        const after = findMedium(await listMedia(ctx, 'hdds'), disk.uuid);
        // VirtualBox exits 0 without resizing some formats (seen with VMDK images): say so instead of claiming success.
        if (after?.capacityMb === previousSizeMb) {
            throw new VBoxError(
                'NOT_SUPPORTED',
                `VirtualBox did not resize "${disk.location}" (${disk.format ?? 'this format'}); it still has ${previousSizeMb} MB. ` +
                    'Clone it to VDI (VBoxManage clonemedium) and resize the copy.',
            );
        }
        return { uuid: disk.uuid, path: disk.location, previousSizeMb, sizeMb: after?.capacityMb ?? input.newSizeMb, resized: true };
    },
});
