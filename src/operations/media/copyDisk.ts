import { existsSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { parseMediaList } from '../../vbox/parsers/media';
import { defineOperation, type OperationContext } from '../operation';
import { findMedium, listMedia, mediumNotFound } from '../shared/mediaQuery';
import { runOptions } from '../shared/runOptions';
import { firstUuid, mediumRef } from '../shared/schemas';
import { DISK_FORMATS } from '../storage/diskFiles';
import { copyTargetProblem } from './diskTools';

const COPY_TIMEOUT_MS = 2 * 60 * 60_000;
/** After a cancel, VirtualBox may need a moment to drop a half-made copy: how long to keep checking. */
const CLEANUP_DEADLINE_MS = 15_000;

export const copyDiskInput = z.object({
    disk: mediumRef,
    target: z
        .string()
        .trim()
        .min(1)
        .refine((path) => !path.startsWith('-'), 'must not start with "-"')
        .describe('Full path of the new image file; it must not exist, and its extension must match the format (.vdi, .vmdk, .vhd).'),
    format: z.enum(DISK_FORMATS).default('VDI').describe('Format of the copy: VDI (VirtualBox), VMDK (VMware) or VHD (Hyper-V).'),
    variant: z.enum(['Standard', 'Fixed']).default('Standard').describe('Standard: dynamically allocated (the file grows); Fixed: the whole capacity up front.'),
});

export interface CopyDiskResult {
    readonly sourceUuid: string;
    readonly uuid: string;
    readonly path: string;
    readonly format: string;
    readonly capacityMb?: number;
}

export const copyDisk = defineOperation({
    id: 'copy_disk',
    title: 'Convert / Copy Disk',
    description:
        'Copies a hard disk image into a new file, converting it to VDI, VMDK or VHD (fixed or dynamic); the copy is registered with a new ' +
        'UUID and attached nowhere. Reports progress; a cancelled copy leaves no file and no registered image behind.',
    input: copyDiskInput,
    effect: 'change',
    async run(ctx, input): Promise<CopyDiskResult> {
        const hdds = await listMedia(ctx, 'hdds');
        const disk = findMedium(hdds, input.disk);
        if (!disk) throw mediumNotFound(input.disk);
        const problem = copyTargetProblem(input.target, input.format);
        if (problem) throw new VBoxError(existsSync(input.target) ? 'ALREADY_EXISTS' : 'INVALID_INPUT', problem);
        if (findMedium(hdds, input.target)) throw new VBoxError('ALREADY_EXISTS', `VirtualBox already has an image registered at "${input.target}".`);

        let uuid: string;
        try {
            uuid = await ctx.vbox.run(
                command(
                    ['clonemedium', 'disk', disk.uuid, input.target, '--format', input.format, '--variant', input.variant],
                    (o) => firstUuid(o.stdout) ?? '',
                    { timeoutMs: COPY_TIMEOUT_MS, notFound: 'MEDIUM_NOT_FOUND' },
                ),
                runOptions(ctx),
            );
        } catch (error) {
            await removeHalfCopy(ctx, input.target, disk.state === 'created' ? disk.uuid : undefined);
            throw error;
        }
        const copy = findMedium(await listMedia(ctx, 'hdds'), uuid || input.target);
        if (!copy) throw new VBoxError('VBOX_ERROR', `VirtualBox reported a copy, but no image is registered at "${input.target}".`);
        return {
            sourceUuid: disk.uuid,
            uuid: copy.uuid,
            path: copy.location,
            format: copy.format ?? input.format,
            ...(copy.capacityMb === undefined ? {} : { capacityMb: copy.capacityMb }),
        };
    },
});

/**
 * A failed or cancelled copy leaves nothing behind: the target was checked not to exist, so whatever is there now
 * is this copy's. A VBoxManage stopped in its first moments (before it handles Ctrl-C) leaves VirtualBox copying on
 * its own, with the source locked for reading until the copy is done (measured: it then registers the copy), so
 * the cleanup first waits for a source that was unlocked to be unlocked again, then removes the registration and the
 * file until two reads in a row find neither. Runs without the (aborted) signal; its own failures are logged.
 */
async function removeHalfCopy(ctx: OperationContext, target: string, sourceWasUnlocked: string | undefined): Promise<void> {
    const list = () => ctx.vbox.run(command(['list', 'hdds'], (o) => parseMediaList(o.stdout)));
    const pause = () => new Promise((resolve) => setTimeout(resolve, 500));
    try {
        const copyingUntil = Date.now() + COPY_TIMEOUT_MS;
        while (sourceWasUnlocked && Date.now() < copyingUntil && findMedium(await list(), sourceWasUnlocked)?.state === 'locked read') await pause();
    } catch (error) {
        ctx.log.warn(`Could not watch the source of the unfinished copy "${target}": ${String(error)}`);
    }
    const deadline = Date.now() + CLEANUP_DEADLINE_MS;
    // Two clean reads in a row: one could come just before VirtualBox registers the copy it was finishing.
    for (let clean = 0; clean < 2 && Date.now() < deadline; ) {
        try {
            const registered = findMedium(await list(), target);
            if (registered) await ctx.vbox.run(command(['closemedium', 'disk', registered.uuid, '--delete'], ignoreOutput));
            else if (existsSync(target)) rmSync(target, { force: true });
            clean = registered || existsSync(target) ? 0 : clean + 1;
        } catch (error) {
            ctx.log.warn(`Could not remove the unfinished copy "${target}": ${String(error)}`);
        }
        await pause();
    }
}
