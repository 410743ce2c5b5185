import { VBoxError } from '../../vbox/errors';
import type { Medium } from '../../vbox/parsers/media';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { firstFreeSlot, freeControllerName, SATA_TYPE } from '../storage/controllerSlots';

type StorageController = VmInfo['storageControllers'][number];

/** VirtualBox's IDE controller types, and the one a new IDE controller gets (what VirtualBox gives new VMs). */
const IDE_TYPES = new Set(['PIIX3', 'PIIX4', 'ICH6']);
export const IDE_TYPE = 'PIIX4';
/** The floppy controller: its empty drives are floppy drives, not DVD drives. */
const FLOPPY_TYPE = 'I82078';

export interface OpticalDrive {
    readonly controller: string;
    readonly port: number;
    readonly device: number;
    /** The disc's path, or undefined for an empty drive. */
    readonly disc?: string;
    readonly discUuid?: string;
}

/**
 * The VM's DVD drives: empty drives on a controller that is not the floppy controller, and slots holding a
 * registered DVD image. (showvminfo prints an empty drive as `emptydrive` without its device type.)
 */
export function opticalDrives(info: VmInfo, dvds: readonly Medium[]): OpticalDrive[] {
    const isDvd = (uuid: string | undefined) => uuid !== undefined && dvds.some((medium) => medium.uuid.toLowerCase() === uuid.toLowerCase());
    return info.storageControllers.flatMap((controller) =>
        controller.attachments
            .filter((attachment) => (attachment.medium === 'emptydrive' && controller.type !== FLOPPY_TYPE) || isDvd(attachment.imageUuid))
            .map((attachment) => ({
                controller: controller.name,
                port: attachment.port,
                device: attachment.device,
                ...(attachment.medium === 'emptydrive' ? {} : { disc: attachment.medium, discUuid: attachment.imageUuid }),
            })),
    );
}

export interface DriveSelector {
    readonly controller?: string;
    readonly port?: number;
    readonly device?: number;
}

export function describeDrive(drive: { controller: string; port: number; device: number }): string {
    return `"${drive.controller}" port ${drive.port} device ${drive.device}`;
}

/** The drive at an exact slot; INVALID_INPUT when nothing, or not a DVD drive, is there. */
export function driveAt(info: VmInfo, drives: readonly OpticalDrive[], slot: Required<DriveSelector>): OpticalDrive {
    const drive = drives.find((candidate) => candidate.controller === slot.controller && candidate.port === slot.port && candidate.device === slot.device);
    if (drive) return drive;
    const list = drives.map(describeDrive).join(', ') || 'none';
    throw new VBoxError('INVALID_INPUT', `VM "${info.name}" has no DVD drive at ${describeDrive(slot)}. Its DVD drives: ${list}.`);
}

export interface NewDriveSlot {
    readonly controller: string;
    readonly port: number;
    readonly device: number;
    /** A controller of this kind is created first. */
    readonly create?: 'ide' | 'sata';
    /** The controller's port count is raised to this first. */
    readonly growPortCountTo?: number;
}

/**
 * Where a new DVD drive goes: a free slot of an IDE controller (where VirtualBox puts new VMs' DVD drives), else of
 * a SATA controller; a VM with neither free gets a new IDE controller, or a new SATA controller when it already has
 * a (full) IDE one (a VM may have only one IDE controller).
 */
export function chooseDriveSlot(info: VmInfo): NewDriveSlot {
    const byType = (test: (controller: StorageController) => boolean) => info.storageControllers.filter(test);
    for (const controller of [...byType((c) => IDE_TYPES.has(c.type)), ...byType((c) => c.type === SATA_TYPE)]) {
        const slot = firstFreeSlot(controller);
        if (slot) return { controller: controller.name, ...slot };
    }
    if (!info.storageControllers.some((controller) => IDE_TYPES.has(controller.type))) {
        return { controller: freeControllerName(info, 'IDE'), port: 0, device: 0, create: 'ide' };
    }
    return { controller: freeControllerName(info, 'SATA'), port: 0, device: 0, create: 'sata' };
}
