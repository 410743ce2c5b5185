import { existsSync } from 'node:fs';
import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { defineOperation, type OperationContext } from '../operation';
import { findMedium, listMedia } from '../shared/mediaQuery';
import { isUuid, vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, LIVE_STATES, requireState, type AnyVmState } from '../shared/vmStates';
import { SATA_TYPE } from '../storage/controllerSlots';
import { chooseDriveSlot, driveAt, IDE_TYPE, opticalDrives, type NewDriveSlot, type OpticalDrive } from './opticalDrives';
import { driveSelector, refineDriveSelector, selectorOf } from './driveSelector';

/** A disc can be changed in these states: powered off (settings), or running/paused (hot, like a real drive). */
export const DISC_CHANGE_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>([...EDITABLE_STATES, ...LIVE_STATES]);
const DISC_STATE_ADVICE = 'Start it, or discard its saved state, first.';

export const insertDvdInput = driveSelector
    .extend({
        vm: vmRef,
        iso: z
            .string()
            .trim()
            .min(1)
            .refine((ref) => !ref.startsWith('-'), 'must not start with "-"; give the full path')
            .describe('The disc image: the full path of an .iso file on the host, or the UUID of a registered optical image.'),
        forceUnmount: z
            .boolean()
            .default(false)
            .describe('Replace a disc the guest has locked in the drive (VBoxManage --forceunmount). Only needed when a normal insert is refused.'),
    })
    .superRefine(refineDriveSelector);

export interface InsertDvdResult {
    readonly vm: string;
    readonly controller: string;
    readonly port: number;
    readonly device: number;
    /** The disc now in the drive, as VirtualBox reports it. */
    readonly path: string;
    readonly uuid?: string;
    /** The disc that was in the drive before, if any. */
    readonly replaced?: string;
    /** The VM had no DVD drive and one was added. */
    readonly driveAdded: boolean;
    /** A storage controller was created for the new drive. */
    readonly controllerCreated: boolean;
}

export const insertDvd = defineOperation({
    id: 'insert_dvd',
    title: 'Insert ISO',
    description:
        "Puts a disc image (.iso) into a VM's DVD drive, also while the VM runs. A powered-off VM without a DVD drive gets one " +
        '(on a free IDE or SATA port, or a new controller). The first DVD drive is used unless controller, port and device name one.',
    input: insertDvdInput,
    effect: 'change',
    states: DISC_CHANGE_STATES,
    async run(ctx, input): Promise<InsertDvdResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, DISC_CHANGE_STATES, 'change the disc', DISC_STATE_ADVICE);
        const dvds = await listMedia(ctx, 'dvds');
        const registered = findMedium(dvds, input.iso);
        if (!registered && isUuid(input.iso)) {
            throw new VBoxError('MEDIUM_NOT_FOUND', `No registered optical image has the UUID "${input.iso}". list_disks shows the registered images.`);
        }
        if (!registered && !existsSync(input.iso)) {
            throw new VBoxError('FILE_ERROR', `There is no file "${input.iso}". Give the full path of an existing .iso file.`);
        }
        const medium = registered?.uuid ?? input.iso;
        const drives = opticalDrives(info, dvds);
        const selector = selectorOf(input);
        const drive = selector ? driveAt(info, drives, selector) : (drives.find((candidate) => !candidate.disc) ?? drives[0]);

        if (drive) {
            await changeDisc(ctx, info, drive, medium, input.forceUnmount);
            return readBack(ctx, info, drive, { driveAdded: false, controllerCreated: false, replaced: drive.disc });
        }
        requireState(info, EDITABLE_STATES, 'add a DVD drive', `VM "${info.name}" has no DVD drive; power it off to add one.`);
        const slot = chooseDriveSlot(info);
        await addDrive(ctx, info.uuid, slot, medium);
        return readBack(ctx, info, slot, { driveAdded: true, controllerCreated: slot.create !== undefined });
    },
});

/** Hot-swaps the disc of an existing drive: the same call works on a running VM and on a powered-off one. */
async function changeDisc(ctx: OperationContext, info: VmInfo, drive: OpticalDrive, medium: string, force: boolean): Promise<void> {
    const args = ['storageattach', info.uuid, '--storagectl', drive.controller, '--port', String(drive.port), '--device', String(drive.device)];
    args.push('--medium', medium, ...(force ? ['--forceunmount'] : []));
    await ctx.vbox.run(command(args, ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
}

async function addDrive(ctx: OperationContext, vm: string, slot: NewDriveSlot, medium: string): Promise<void> {
    const run = (args: string[]) => ctx.vbox.run(command(args, ignoreOutput, { vm }), { signal: ctx.signal });
    if (slot.create === 'ide') await run(['storagectl', vm, '--name', slot.controller, '--add', 'ide', '--controller', IDE_TYPE]);
    else if (slot.create === 'sata') await run(['storagectl', vm, '--name', slot.controller, '--add', 'sata', '--controller', SATA_TYPE, '--portcount', '1']);
    else if (slot.growPortCountTo !== undefined) await run(['storagectl', vm, '--name', slot.controller, '--portcount', String(slot.growPortCountTo)]);
    try {
        await run(['storageattach', vm, '--storagectl', slot.controller, '--port', String(slot.port), '--device', String(slot.device),
            '--type', 'dvddrive', '--medium', medium]);
    } catch (error) {
        // A controller made for this drive does not stay behind empty. No signal: this runs after a cancellation too.
        if (slot.create) {
            await ctx.vbox.run(command(['storagectl', vm, '--name', slot.controller, '--remove'], ignoreOutput, { vm })).catch((undoError: unknown) => {
                ctx.log.warn(`Could not remove controller "${slot.controller}" after a failed insert: ${String(undoError)}`);
            });
        }
        throw error;
    }
}

async function readBack(
    ctx: OperationContext,
    before: VmInfo,
    slot: { controller: string; port: number; device: number },
    extra: { driveAdded: boolean; controllerCreated: boolean; replaced?: string },
): Promise<InsertDvdResult> {
    const after = await readVmInfo(ctx, before.uuid);
    const attachment = after.storageControllers
        .find((controller) => controller.name === slot.controller)
        ?.attachments.find((candidate) => candidate.port === slot.port && candidate.device === slot.device);
    if (!attachment || attachment.medium === 'emptydrive') {
        throw new VBoxError('VBOX_ERROR', `VirtualBox reported success, but ${slot.controller} port ${slot.port} of VM "${before.name}" holds no disc.`);
    }
    return {
        vm: before.name,
        controller: slot.controller,
        port: slot.port,
        device: slot.device,
        path: attachment.medium,
        ...(attachment.imageUuid ? { uuid: attachment.imageUuid } : {}),
        ...(extra.replaced && extra.replaced !== attachment.medium ? { replaced: extra.replaced } : {}),
        driveAdded: extra.driveAdded,
        controllerCreated: extra.controllerCreated,
    };
}
