import { VBoxError } from '../../vbox/errors';
import type { VmInfo } from '../../vbox/parsers/vmInfo';

type StorageController = VmInfo['storageControllers'][number];

/** IDE controllers take a master and a slave on each port; every other bus takes one device per port. */
const TWO_DEVICES_PER_PORT = new Set(['PIIX3', 'PIIX4', 'ICH6']);
/** The floppy controller cannot hold a hard disk. */
const NO_HARD_DISKS = new Set(['I82078']);
/** VirtualBox's controller type for SATA (AHCI). */
export const SATA_TYPE = 'IntelAhci';

export interface DiskSlot {
    readonly controller: string;
    readonly port: number;
    readonly device: number;
    /** The controller does not exist yet: a SATA controller of this name is created. */
    readonly createController: boolean;
    /** Every port is taken: the controller's port count is raised to this first. */
    readonly growPortCountTo?: number;
}

/** The first free port/device of a controller, growing its port count by one when it is full and can grow. */
export function firstFreeSlot(controller: StorageController): Omit<DiskSlot, 'controller' | 'createController'> | undefined {
    const devices = TWO_DEVICES_PER_PORT.has(controller.type) ? 2 : 1;
    const taken = new Set(controller.attachments.map((attachment) => `${attachment.port}:${attachment.device}`));
    for (let port = 0; port < controller.portCount; port++) {
        for (let device = 0; device < devices; device++) {
            if (!taken.has(`${port}:${device}`)) return { port, device };
        }
    }
    if (controller.portCount < controller.maxPortCount) {
        return { port: controller.portCount, device: 0, growPortCountTo: controller.portCount + 1 };
    }
    return undefined;
}

/** A controller name not used yet: "SATA", else "SATA 2", "SATA 3", ... */
export function freeControllerName(info: VmInfo, base = 'SATA'): string {
    const names = new Set(info.storageControllers.map((controller) => controller.name));
    if (!names.has(base)) return base;
    for (let n = 2; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

/**
 * Where a new disk goes. A named controller must exist and take hard disks. Otherwise the first SATA controller
 * is used (SATA is what VirtualBox itself gives new VMs: fast, hot-pluggable, up to 30 ports); a VM without one
 * gets a new SATA controller rather than a disk squeezed onto IDE or SCSI.
 */
export function chooseDiskSlot(info: VmInfo, requested?: string): DiskSlot {
    if (requested !== undefined) {
        const controller = info.storageControllers.find((candidate) => candidate.name === requested);
        if (!controller) {
            const names = info.storageControllers.map((candidate) => `"${candidate.name}"`).join(', ');
            const hint = names ? `Its controllers: ${names}.` : 'It has no controllers; leave the controller out to create a SATA one.';
            throw new VBoxError('INVALID_INPUT', `VM "${info.name}" has no storage controller named "${requested}". ${hint}`);
        }
        if (NO_HARD_DISKS.has(controller.type)) {
            throw new VBoxError('INVALID_INPUT', `"${requested}" is a floppy controller and cannot hold a hard disk. Choose another controller.`);
        }
        return { controller: controller.name, createController: false, ...full(info, controller) };
    }
    const sata = info.storageControllers.find((candidate) => candidate.type === SATA_TYPE);
    if (sata) return { controller: sata.name, createController: false, ...full(info, sata) };
    return { controller: freeControllerName(info), port: 0, device: 0, createController: true };
}

function full(info: VmInfo, controller: StorageController): Omit<DiskSlot, 'controller' | 'createController'> {
    const slot = firstFreeSlot(controller);
    if (slot) return slot;
    throw new VBoxError(
        'NOT_SUPPORTED',
        `Every port of controller "${controller.name}" of VM "${info.name}" is in use ` +
            `(${controller.portCount} of at most ${controller.maxPortCount}). Remove a disk or name another controller.`,
    );
}
