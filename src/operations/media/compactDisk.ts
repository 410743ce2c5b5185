import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { findMedium, listMedia, mediumNotFound } from '../shared/mediaQuery';
import { runOptions } from '../shared/runOptions';
import { mediumRef } from '../shared/schemas';

const COMPACT_TIMEOUT_MS = 60 * 60_000;

export const compactDiskInput = z.object({ disk: mediumRef });

export interface CompactDiskResult {
    readonly uuid: string;
    readonly path: string;
    readonly sizeOnDiskMbBefore?: number;
    readonly sizeOnDiskMbAfter?: number;
}

/** Only VirtualBox's VDI backend compacts: for VMDK and VHD, VBoxManage answers "not implemented yet". */
export const COMPACTABLE_FORMATS: readonly string[] = ['VDI'];

export const compactDisk = defineOperation({
    id: 'compact_disk',
    title: 'Compact Disk',
    description:
        'Shrinks a dynamically allocated VDI image file by giving back blocks the guest zeroed; the capacity stays. Only VDI images can be ' +
        'compacted (NOT_SUPPORTED otherwise), and not while a running VM writes to them. Reports progress and can be cancelled.',
    input: compactDiskInput,
    effect: 'change',
    async run(ctx, input): Promise<CompactDiskResult> {
        const disk = findMedium(await listMedia(ctx, 'hdds'), input.disk);
        if (!disk) throw mediumNotFound(input.disk);
        if (!COMPACTABLE_FORMATS.includes(disk.format ?? '')) {
            throw new VBoxError(
                'NOT_SUPPORTED',
                `"${disk.location}" is a ${disk.format ?? 'non-VDI'} image; VirtualBox compacts only VDI images. Copy it to VDI (copy_disk) and compact the copy.`,
            );
        }
        if (disk.state === 'locked write') {
            throw new VBoxError('MEDIUM_IN_USE', `"${disk.location}" is in use by a running VM (${disk.inUseBy.map((u) => `"${u.name}"`).join(', ')}). Power it off first.`);
        }
        await ctx.vbox.run(
            command(['modifymedium', 'disk', disk.uuid, '--compact'], ignoreOutput, { timeoutMs: COMPACT_TIMEOUT_MS, notFound: 'MEDIUM_NOT_FOUND' }),
            runOptions(ctx),
        );
        const after = findMedium(await listMedia(ctx, 'hdds'), disk.uuid);
        return {
            uuid: disk.uuid,
            path: disk.location,
            ...(disk.sizeOnDiskMb === undefined ? {} : { sizeOnDiskMbBefore: disk.sizeOnDiskMb }),
            ...(after?.sizeOnDiskMb === undefined ? {} : { sizeOnDiskMbAfter: after.sizeOnDiskMb }),
        };
    },
});
