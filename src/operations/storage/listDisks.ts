import { z } from 'zod';
import type { Medium } from '../../vbox/parsers/media';
import { defineOperation } from '../operation';
import { ancestry, findMedium, listMedia } from '../shared/mediaQuery';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';

export const listDisksInput = z.object({
    vm: vmRef.optional().describe("A VM's name or UUID: list what is attached to it. Leave out to list every registered disk, DVD and floppy image."),
});

export interface DiskAttachment {
    readonly controller: string;
    /** VirtualBox's controller type: IntelAhci (SATA), PIIX4 (IDE), LsiLogic, NVMe, ... */
    readonly controllerType: string;
    readonly port: number;
    readonly device: number;
    readonly kind: 'hdd' | 'dvd' | 'floppy' | 'emptydrive' | 'unknown';
    /** The attached image's path, a host drive, or `emptydrive`. */
    readonly location: string;
    readonly uuid?: string;
    /** Details of the registered image: format, capacity, size on disk, users, ... */
    readonly medium?: Medium;
    /** For a differencing image (the VM has snapshots): the base image the guest's disk started from. */
    readonly baseUuid?: string;
}

export type ListDisksResult =
    | { readonly vm: string; readonly attachments: DiskAttachment[] }
    | { readonly hdds: Medium[]; readonly dvds: Medium[]; readonly floppies: Medium[] };

export const listDisks = defineOperation({
    id: 'list_disks',
    title: 'List Disks',
    description:
        "Lists a VM's storage attachments (controller, port, device, image and its size/format), or, without a VM, every " +
        'registered hard disk, DVD and floppy image with its size, format and the VMs and snapshots that use it.',
    input: listDisksInput,
    effect: 'read',
    async run(ctx, input): Promise<ListDisksResult> {
        // The VM first: an unknown VM fails before three media lists are read.
        const info = input.vm === undefined ? undefined : await readVmInfo(ctx, input.vm);
        const [hdds, dvds, floppies] = [await listMedia(ctx, 'hdds'), await listMedia(ctx, 'dvds'), await listMedia(ctx, 'floppies')];
        if (!info) return { hdds, dvds, floppies };
        const attachments = info.storageControllers.flatMap((controller) =>
            controller.attachments.map((attachment): DiskAttachment => {
                const uuid = attachment.imageUuid;
                const hdd = uuid ? findMedium(hdds, uuid) : undefined;
                const dvd = uuid && !hdd ? findMedium(dvds, uuid) : undefined;
                const floppy = uuid && !hdd && !dvd ? findMedium(floppies, uuid) : undefined;
                const kind = hdd ? 'hdd' : dvd ? 'dvd' : floppy ? 'floppy' : attachment.medium === 'emptydrive' ? 'emptydrive' : 'unknown';
                const base = hdd?.parentUuid ? ancestry(hdds, hdd).at(-1)?.uuid : undefined;
                return {
                    controller: controller.name,
                    controllerType: controller.type,
                    port: attachment.port,
                    device: attachment.device,
                    kind,
                    location: attachment.medium,
                    ...(uuid ? { uuid } : {}),
                    ...(hdd ?? dvd ?? floppy ? { medium: hdd ?? dvd ?? floppy } : {}),
                    ...(base ? { baseUuid: base } : {}),
                };
            }),
        );
        return { vm: info.name, attachments };
    },
});

