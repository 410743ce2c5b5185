import * as vscode from 'vscode';
import { listDisks, type DiskAttachment } from '../../operations/storage/listDisks';
import type { Services } from '../../services/services';
import { formatMegabytes } from '../../tree/common/formatSize';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { Medium } from '../../vbox/parsers/media';
import { pickItem } from './pickItem';
import type { NodeVm } from './treeArgs';

/** The hard disks attached to a VM, to choose one (palette path of Remove Disk). */
export async function pickAttachedDisk(services: Services, vm: NodeVm, title: string): Promise<DiskAttachment> {
    const result = await services.vbox.execute(listDisks, { vm: vm.uuid });
    const disks = 'attachments' in result ? result.attachments.filter((attachment) => attachment.kind === 'hdd') : [];
    const picked = await pickItem(
        disks.map((attachment) => ({
            label: fileNameOf(attachment.location),
            description: [
                vscode.l10n.t('{0}, port {1}:{2}', attachment.controller, attachment.port, attachment.device),
                attachment.medium?.capacityMb === undefined ? undefined : formatMegabytes(attachment.medium.capacityMb),
            ]
                .filter(Boolean)
                .join(' · '),
            detail: attachment.location,
            attachment,
        })),
        { title, placeHolder: vscode.l10n.t('Choose a disk of "{0}"', vm.name), noneMessage: vscode.l10n.t('VM "{0}" has no hard disk attached.', vm.name) },
    );
    return picked.attachment;
}

/** Every registered hard disk, for the Media view's commands and for Add Disk's "registered disk" choice. */
export async function registeredDisks(services: Services): Promise<Medium[]> {
    const result = await services.vbox.execute(listDisks, {});
    return 'hdds' in result ? result.hdds : [];
}

/** Whether a disk or an image based on it is attached anywhere (current state or snapshot), or it has children. */
export function diskIsFree(disk: Medium, all: readonly Medium[]): boolean {
    return disk.inUseBy.length === 0 && !all.some((other) => other.parentUuid === disk.uuid);
}

export function diskItem(disk: Medium): vscode.QuickPickItem & { disk: Medium } {
    const users = disk.inUseBy.map((usage) => usage.name).join(', ');
    return {
        label: fileNameOf(disk.location),
        description: [disk.capacityMb === undefined ? undefined : formatMegabytes(disk.capacityMb), disk.format, users || undefined]
            .filter(Boolean)
            .join(' · '),
        detail: disk.location,
        disk,
    };
}

/** A registered base disk (not a snapshot's differencing image) that passes `filter`. */
export async function pickRegisteredDisk(
    services: Services,
    filter: (disk: Medium, all: readonly Medium[]) => boolean,
    options: { title: string; noneMessage: string },
): Promise<Medium> {
    const all = await registeredDisks(services);
    const disks = all.filter((disk) => disk.parentUuid === undefined && filter(disk, all));
    const picked = await pickItem(disks.map(diskItem), { ...options, placeHolder: vscode.l10n.t('Choose a disk') });
    return picked.disk;
}
