import { existsSync } from 'node:fs';
import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import type { Medium } from '../../vbox/parsers/media';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { defineOperation, type OperationContext } from '../operation';
import { findMedium, listMedia, mediumNotFound, withDescendants } from '../shared/mediaQuery';
import { runOptions } from '../shared/runOptions';
import { firstUuid, isUuid, vmRef, withoutControlCharacters } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, POWER_OFF_FIRST, requireState } from '../shared/vmStates';
import { chooseDiskSlot, SATA_TYPE, type DiskSlot } from './controllerSlots';
import { DISK_FORMATS, defaultDiskPath, inVmFolder, withExtension } from './diskFiles';

/** VirtualBox's own limit for a virtual disk (`list systemproperties`: Virtual disk limit), in MB. */
const MAX_DISK_MB = 2_097_151;
const CREATE_TIMEOUT_MS = 10 * 60_000;

const newDisk = z.object({
    kind: z.literal('new').describe('Create a new, dynamically allocated disk image in the VM\'s folder.'),
    sizeMb: z.number().int().min(1).max(MAX_DISK_MB).describe('Capacity in MB as the guest sees it; the file grows only as data is written.'),
    format: z.enum(DISK_FORMATS).default('VDI').describe('Image format: VDI (VirtualBox), VMDK (VMware) or VHD (Hyper-V).'),
    fileName: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[^/\\:*?"<>|]+$/, 'a plain file name, without folders or the characters / \\ : * ? " < > |')
        .refine(withoutControlCharacters, 'must not contain control characters')
        .refine((name) => !name.startsWith('.'), 'must not start with a dot')
        .optional()
        .describe('File name inside the VM\'s folder; the format\'s extension is added when missing. Default: <vm>-disk<n>.<ext>.'),
});

const existingDisk = z.object({
    kind: z.literal('existing').describe('Attach a disk image that already exists.'),
    path: z.string().trim().min(1).describe('Full path of the image file, or the UUID of a registered disk.'),
});

export const addDiskInput = z.object({
    vm: vmRef,
    disk: z.discriminatedUnion('kind', [newDisk, existingDisk]).describe('The disk to attach: a new image, or an existing one.'),
    controller: z
        .string()
        .trim()
        .min(1)
        .optional()
        .describe('Storage controller name (e.g. "SATA"). Default: the first SATA controller, created when the VM has none.'),
});

export interface AddDiskResult {
    readonly vm: string;
    readonly controller: string;
    readonly port: number;
    readonly device: number;
    readonly path: string;
    readonly uuid: string;
    /** A new image file was created. */
    readonly created: boolean;
    /** The VM had no SATA controller and one was added. */
    readonly controllerCreated: boolean;
}

export const addDisk = defineOperation({
    id: 'add_disk',
    title: 'Add Disk',
    description:
        'Attaches a hard disk to a powered-off VM: a new dynamically allocated image created in the VM\'s folder, or an existing image. ' +
        'It goes to the first free port of the SATA controller (or the named controller); a VM without SATA gets one.',
    input: addDiskInput,
    effect: 'change',
    states: EDITABLE_STATES,
    async run(ctx, input): Promise<AddDiskResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, EDITABLE_STATES, 'add a disk', POWER_OFF_FIRST);
        const slot = chooseDiskSlot(info, input.controller);
        const hdds = await listMedia(ctx, 'hdds');

        let medium: { uuid?: string; path: string };
        if (input.disk.kind === 'existing') {
            const ref = input.disk.path;
            const found = findMedium(hdds, ref);
            if (!found && isUuid(ref)) throw mediumNotFound(ref);
            if (found) refuseAttachedOrBased(info, hdds, found);
            // An unregistered file is opened (and registered) by storageattach itself.
            medium = found ? { uuid: found.uuid, path: found.location } : { path: ref };
        } else {
            const { format, fileName } = input.disk;
            const path = fileName ? inVmFolder(info.cfgFile, withExtension(fileName, format)) : defaultDiskPath(info.cfgFile, format, hdds);
            if (findMedium(hdds, path) || existsSync(path)) {
                throw new VBoxError(
                    'ALREADY_EXISTS',
                    `A disk image "${path}" already exists. Choose another file name, or attach it as an existing disk.`,
                );
            }
            medium = { path, uuid: await createDisk(ctx, path, input.disk.sizeMb, format) };
        }

        const created = input.disk.kind === 'new';
        try {
            await attach(ctx, info.uuid, slot, medium.uuid ?? medium.path);
        } catch (error) {
            await undo(ctx, info.uuid, slot, created ? medium.uuid : undefined);
            throw error;
        }

        const after = await readVmInfo(ctx, info.uuid);
        const attachment = after.storageControllers
            .find((controller) => controller.name === slot.controller)
            ?.attachments.find((candidate) => candidate.port === slot.port && candidate.device === slot.device);
        return {
            vm: info.name,
            controller: slot.controller,
            port: slot.port,
            device: slot.device,
            path: attachment?.medium ?? medium.path,
            uuid: attachment?.imageUuid ?? medium.uuid ?? '',
            created,
            controllerCreated: slot.createController,
        };
    },
});

/**
 * An existing image may be attached only when nothing else writes to it or builds on it: not when it (or a
 * differencing image of it) is already attached to this VM, not when differencing images (snapshots) are based on
 * it, and not when another VM uses it (unless its type is made for sharing). VirtualBox 7.2 itself lets a VM with a
 * snapshot attach its own base image a second time, and attaches a normal disk to a second VM.
 */
export function refuseAttachedOrBased(info: VmInfo, hdds: readonly Medium[], medium: Medium): void {
    const family = withDescendants(hdds, medium);
    const uuids = new Set(family.map((member) => member.uuid));
    for (const controller of info.storageControllers) {
        const attachment = controller.attachments.find((candidate) => candidate.imageUuid !== undefined && uuids.has(candidate.imageUuid));
        if (!attachment) continue;
        const through = attachment.imageUuid === medium.uuid ? '' : ' through a differencing image of a snapshot';
        throw new VBoxError(
            'MEDIUM_IN_USE',
            `"${medium.location}" is already attached to VM "${info.name}" (${controller.name}, port ${attachment.port}, device ${attachment.device})${through}. Nothing was attached.`,
        );
    }
    if (family.length > 1) {
        throw new VBoxError(
            'MEDIUM_IN_USE',
            `"${medium.location}" has ${family.length - 1} differencing image(s) based on it (snapshots); writing to it would break them. Nothing was ` +
                'attached. Attach the VM\'s current image instead, or clone the disk.',
        );
    }
    // VirtualBox 7.2 attaches a normal disk to a second VM without a word; two guests writing one disk destroy it.
    const others = medium.inUseBy.filter((user) => user.uuid !== info.uuid);
    if (others.length && !SHARABLE_TYPES.test(medium.type ?? '')) {
        throw new VBoxError(
            'MEDIUM_IN_USE',
            `"${medium.location}" is attached to VM ${others.map((user) => `"${user.name}"`).join(', ')}. Nothing was attached. Detach it there ` +
                'first, or clone the disk.',
        );
    }
}

/** Medium types VirtualBox lets several VMs use at once (the rest are written by one VM). */
const SHARABLE_TYPES = /^(shareable|immutable|readonly|multiattach)\b/;

async function createDisk(ctx: OperationContext, path: string, sizeMb: number, format: string): Promise<string> {
    const args = ['createmedium', 'disk', '--filename', path, '--size', String(sizeMb), '--format', format, '--variant', 'Standard'];
    return ctx.vbox.run(
        command(
            args,
            (o) => {
                const uuid = firstUuid(o.stdout);
                if (!uuid) throw new Error(`createmedium printed no UUID: ${o.stdout}`);
                return uuid;
            },
            { timeoutMs: CREATE_TIMEOUT_MS },
        ),
        runOptions(ctx),
    );
}

async function attach(ctx: OperationContext, vm: string, slot: DiskSlot, medium: string): Promise<void> {
    const run = (args: string[]) => ctx.vbox.run(command(args, ignoreOutput, { vm }), { signal: ctx.signal });
    if (slot.createController) {
        await run(['storagectl', vm, '--name', slot.controller, '--add', 'sata', '--controller', SATA_TYPE, '--portcount', '1', '--bootable', 'on']);
    } else if (slot.growPortCountTo !== undefined) {
        await run(['storagectl', vm, '--name', slot.controller, '--portcount', String(slot.growPortCountTo)]);
    }
    await run([
        'storageattach', vm, '--storagectl', slot.controller, '--port', String(slot.port), '--device', String(slot.device),
        '--type', 'hdd', '--medium', medium,
    ]);
}

/**
 * After a failed attach nothing of this call stays behind: the new image is closed and its file deleted, and a
 * controller created for it is removed. Runs even when the failure was a cancellation (hence no signal); its own
 * failures are logged, the original error is what the caller sees.
 */
async function undo(ctx: OperationContext, vm: string, slot: DiskSlot, createdUuid: string | undefined): Promise<void> {
    const quietly = async (args: string[], what: string) => {
        try {
            await ctx.vbox.run(command(args, ignoreOutput, { vm }));
        } catch (error) {
            ctx.log.warn(`Could not ${what} after a failed attach: ${String(error)}`);
        }
    };
    if (slot.createController) await quietly(['storagectl', vm, '--name', slot.controller, '--remove'], `remove controller "${slot.controller}"`);
    if (createdUuid) await quietly(['closemedium', 'disk', createdUuid, '--delete'], `delete the new disk ${createdUuid}`);
}
