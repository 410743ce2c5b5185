import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import type { Medium } from '../../vbox/parsers/media';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { defineOperation } from '../operation';
import { ancestry, findMedium, listMedia, mediumNotFound, withDescendants } from '../shared/mediaQuery';
import { runOptions } from '../shared/runOptions';
import { mediumRef, vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, POWER_OFF_FIRST, requireState } from '../shared/vmStates';

export const removeDiskInput = z
    .object({
        vm: vmRef,
        controller: z.string().trim().min(1).optional().describe('Storage controller of the disk (with port and device).'),
        port: z.number().int().min(0).max(254).optional().describe('Port of the disk on the controller, 0-based.'),
        device: z.number().int().min(0).max(1).optional().describe('Device on the port, 0-based (only IDE has a device 1).'),
        disk: mediumRef.optional().describe('Instead of controller/port/device: the UUID or file path of the attached disk.'),
        deleteFile: z
            .boolean()
            .default(false)
            .describe('Also delete the image file. Refused while another VM or a snapshot still uses the disk. Default: keep the file.'),
    })
    .superRefine((input, issues) => {
        const bySlot = [input.controller, input.port, input.device].filter((value) => value !== undefined).length;
        if (input.disk !== undefined && bySlot > 0) {
            issues.addIssue({ code: 'custom', message: 'give either disk, or controller with port and device, not both' });
        } else if (input.disk === undefined && bySlot < 3) {
            issues.addIssue({ code: 'custom', message: 'give the disk (UUID or path), or controller, port and device together' });
        }
    });

type Located = { controller: string; port: number; device: number; medium: Medium };

export interface RemoveDiskResult {
    readonly vm: string;
    readonly controller: string;
    readonly port: number;
    readonly device: number;
    /** The image that was attached at that slot (a differencing image when the VM has snapshots). */
    readonly path: string;
    readonly uuid: string;
    readonly fileDeleted: boolean;
    /** The file deleted with deleteFile. */
    readonly deletedPath?: string;
}

export const removeDisk = defineOperation({
    id: 'remove_disk',
    title: 'Remove Disk',
    description:
        'Detaches a hard disk from a powered-off VM. The image file is kept (and stays registered) unless deleteFile is set; ' +
        'deleting is refused while another VM or a snapshot uses the disk.',
    input: removeDiskInput,
    effect: (input) => (input.deleteFile ? 'destroy' : 'change'),
    states: EDITABLE_STATES,
    async run(ctx, input): Promise<RemoveDiskResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, EDITABLE_STATES, 'remove a disk', POWER_OFF_FIRST);
        const hdds = await listMedia(ctx, 'hdds');
        // The schema guarantees either the disk or all three of controller, port and device.
        const located =
            input.disk !== undefined ? locateByDisk(info, hdds, input.disk) : locateBySlot(info, hdds, input.controller ?? '', input.port ?? 0, input.device ?? 0);
        // The file a person means by "the disk" is the base image; differencing images belong to snapshots.
        const base = ancestry(hdds, located.medium).at(-1)!;
        if (input.deleteFile) refuseIfShared(info, hdds, base);

        await ctx.vbox.run(
            command(
                ['storageattach', info.uuid, '--storagectl', located.controller, '--port', String(located.port), '--device', String(located.device),
                    '--medium', 'none'],
                ignoreOutput,
                { vm: info.uuid },
            ),
            { signal: ctx.signal },
        );
        if (input.deleteFile) {
            await ctx.vbox.run(command(['closemedium', 'disk', base.uuid, '--delete'], ignoreOutput, { notFound: 'MEDIUM_NOT_FOUND' }), runOptions(ctx));
        }
        return {
            vm: info.name,
            controller: located.controller,
            port: located.port,
            device: located.device,
            path: located.medium.location,
            uuid: located.medium.uuid,
            fileDeleted: input.deleteFile,
            ...(input.deleteFile ? { deletedPath: base.location } : {}),
        };
    },
});

function locateBySlot(info: VmInfo, hdds: readonly Medium[], controllerName: string, port: number, device: number): Located {
    const controller = info.storageControllers.find((candidate) => candidate.name === controllerName);
    if (!controller) {
        const names = info.storageControllers.map((candidate) => `"${candidate.name}"`).join(', ') || 'none';
        throw new VBoxError('INVALID_INPUT', `VM "${info.name}" has no storage controller named "${controllerName}" (its controllers: ${names}).`);
    }
    const attachment = controller.attachments.find((candidate) => candidate.port === port && candidate.device === device);
    const where = `"${controllerName}" port ${port} device ${device} of VM "${info.name}"`;
    if (!attachment) throw new VBoxError('INVALID_INPUT', `Nothing is attached to ${where}.`);
    const medium = attachment.imageUuid ? findMedium(hdds, attachment.imageUuid) : undefined;
    if (!medium) {
        const holds = attachment.medium === 'emptydrive' ? 'an empty drive' : `"${attachment.medium}"`;
        throw new VBoxError('INVALID_INPUT', `${where} holds ${holds}, not a hard disk.`);
    }
    return { controller: controllerName, port, device, medium };
}

/** The attachment whose image is the disk or one of its differencing images (after snapshots the VM uses those). */
function locateByDisk(info: VmInfo, hdds: readonly Medium[], ref: string): Located {
    const target = findMedium(hdds, ref);
    if (!target) throw mediumNotFound(ref);
    for (const controller of info.storageControllers) {
        for (const attachment of controller.attachments) {
            const medium = attachment.imageUuid ? findMedium(hdds, attachment.imageUuid) : undefined;
            if (medium && ancestry(hdds, medium).some((link) => link.uuid === target.uuid)) {
                return { controller: controller.name, port: attachment.port, device: attachment.device, medium };
            }
        }
    }
    throw new VBoxError('INVALID_INPUT', `The disk "${target.location}" is not attached to VM "${info.name}".`);
}

/** MEDIUM_IN_USE naming every other VM and every snapshot that uses the disk or an image based on it. */
function refuseIfShared(info: VmInfo, hdds: readonly Medium[], base: Medium): void {
    const users = new Set<string>();
    for (const medium of withDescendants(hdds, base)) {
        for (const usage of medium.inUseBy) {
            if (usage.uuid !== info.uuid) users.add(`VM "${usage.name}"`);
            for (const snapshot of usage.snapshots ?? []) users.add(`snapshot "${snapshot.name}" of VM "${usage.name}"`);
        }
    }
    if (users.size === 0) return;
    throw new VBoxError(
        'MEDIUM_IN_USE',
        `The disk "${base.location}" cannot be deleted: it is also used by ${[...users].join(', ')}. Nothing was changed. ` +
            'Detach it there (or delete those snapshots) first, or remove it without deleting the file.',
    );
}
