import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { listMedia } from '../shared/mediaQuery';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { requireState } from '../shared/vmStates';
import { driveSelector, refineDriveSelector, selectorOf } from './driveSelector';
import { DISC_CHANGE_STATES } from './insertDvd';
import { describeDrive, driveAt, opticalDrives } from './opticalDrives';

export const ejectDvdInput = driveSelector
    .extend({
        vm: vmRef,
        forceUnmount: z
            .boolean()
            .default(false)
            .describe('Eject a disc the guest has locked in the drive (VBoxManage --forceunmount). Only needed when a normal eject is refused.'),
    })
    .superRefine(refineDriveSelector);

export interface EjectDvdResult {
    readonly vm: string;
    readonly controller: string;
    readonly port: number;
    readonly device: number;
    /** The disc that was ejected; its image stays registered and on disk. */
    readonly ejected: string;
}

export const ejectDvd = defineOperation({
    id: 'eject_dvd',
    title: 'Eject Disc',
    description:
        "Takes the disc out of a VM's DVD drive, also while the VM runs; the drive stays, empty, and the image file is kept. Without " +
        'controller, port and device, the one drive holding a disc is used.',
    input: ejectDvdInput,
    effect: 'change',
    states: DISC_CHANGE_STATES,
    async run(ctx, input): Promise<EjectDvdResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, DISC_CHANGE_STATES, 'eject a disc', 'Start it, or discard its saved state, first.');
        const drives = opticalDrives(info, await listMedia(ctx, 'dvds'));
        const selector = selectorOf(input);
        const loaded = drives.filter((drive) => drive.disc !== undefined);
        const drive = selector ? driveAt(info, drives, selector) : loaded[0];
        if (!selector && loaded.length > 1) {
            throw new VBoxError(
                'INVALID_INPUT',
                `VM "${info.name}" has discs in ${loaded.length} drives (${loaded.map(describeDrive).join(', ')}). Name the drive with controller, port and device.`,
            );
        }
        if (!drive?.disc) {
            const what = drive ? `The DVD drive at ${describeDrive(drive)} of VM "${info.name}" is empty` : `No DVD drive of VM "${info.name}" holds a disc`;
            throw new VBoxError('INVALID_INPUT', `${what}; there is nothing to eject.`);
        }
        const args = ['storageattach', info.uuid, '--storagectl', drive.controller, '--port', String(drive.port), '--device', String(drive.device)];
        args.push('--medium', 'emptydrive', ...(input.forceUnmount ? ['--forceunmount'] : []));
        await ctx.vbox.run(command(args, ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
        const after = await readVmInfo(ctx, info.uuid);
        const now = after.storageControllers.find((c) => c.name === drive.controller)?.attachments.find((a) => a.port === drive.port && a.device === drive.device);
        if (now?.medium !== 'emptydrive') {
            throw new VBoxError('VBOX_ERROR', `VirtualBox reported success, but the drive at ${describeDrive(drive)} of VM "${info.name}" still holds "${now?.medium ?? 'nothing'}".`);
        }
        return { vm: info.name, controller: drive.controller, port: drive.port, device: drive.device, ejected: drive.disc };
    },
});
