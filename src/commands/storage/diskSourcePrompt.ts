import * as vscode from 'vscode';
import type { z } from 'zod';
import type { addDiskInput } from '../../operations/storage/addDisk';
import { DISK_FORMATS, type DiskFormat } from '../../operations/storage/diskFiles';
import type { Services } from '../../services/services';
import { UserCancelledError } from '../registerCommand';
import { diskIsFree, diskItem, registeredDisks } from './diskPickers';
import { parseSizeMb, sizeProblem } from './diskSize';
import { askInput } from './pickItem';

export type DiskSource = z.input<typeof addDiskInput>['disk'];

const FORMAT_DETAILS: Record<DiskFormat, () => string> = {
    VDI: () => vscode.l10n.t("VirtualBox's own format (recommended)"),
    VMDK: () => vscode.l10n.t('VMware format, also read by other tools'),
    VHD: () => vscode.l10n.t('Hyper-V / Virtual PC format'),
};

/**
 * Add Disk's questions: a new disk (size, then format), an image file chosen with the file picker, or one of the
 * registered disks no VM uses.
 */
export async function askDiskSource(services: Services, vmName: string): Promise<DiskSource> {
    const all = await registeredDisks(services);
    const free = all.filter((disk) => disk.parentUuid === undefined && diskIsFree(disk, all)).map(diskItem);
    type Choice = vscode.QuickPickItem & { choice?: 'new' | 'file'; disk?: (typeof free)[number]['disk'] };
    const items: Choice[] = [
        { label: `$(new-file) ${vscode.l10n.t('Create a New Disk…')}`, detail: vscode.l10n.t('A dynamically allocated image in the VM\'s folder'), choice: 'new' },
        { label: `$(file) ${vscode.l10n.t('Choose a Disk Image File…')}`, detail: vscode.l10n.t('An existing .vdi, .vmdk or .vhd file'), choice: 'file' },
    ];
    if (free.length) items.push({ label: vscode.l10n.t('Registered disks not attached to any VM'), kind: vscode.QuickPickItemKind.Separator }, ...free);
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Add Disk to "{0}"', vmName), placeHolder: vscode.l10n.t('Which disk?') });
    if (!picked) throw new UserCancelledError();
    if (picked.disk) return { kind: 'existing', path: picked.disk.uuid };
    if (picked.choice === 'file') return { kind: 'existing', path: await askImageFile() };
    return askNewDisk(vmName);
}

async function askNewDisk(vmName: string): Promise<DiskSource> {
    const size = await askInput({
        title: vscode.l10n.t('New Disk for "{0}" (1/2)', vmName),
        prompt: vscode.l10n.t('Capacity the guest sees; the file grows only as data is written.'),
        value: '20 GB',
        valueSelection: [0, 2],
        validateInput: (text) => sizeProblem(text),
    });
    const formats = DISK_FORMATS.map((format) => ({ label: format, detail: FORMAT_DETAILS[format](), format }));
    const format = await vscode.window.showQuickPick(formats, { title: vscode.l10n.t('New Disk for "{0}" (2/2)', vmName), placeHolder: vscode.l10n.t('Image format') });
    if (!format) throw new UserCancelledError();
    return { kind: 'new', sizeMb: parseSizeMb(size) ?? 0, format: format.format };
}

async function askImageFile(): Promise<string> {
    const files = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Choose a Disk Image'),
        openLabel: vscode.l10n.t('Attach'),
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        filters: { [vscode.l10n.t('Disk images')]: ['vdi', 'vmdk', 'vhd', 'vhdx'], [vscode.l10n.t('All files')]: ['*'] },
    });
    const file = files?.[0];
    if (!file) throw new UserCancelledError();
    return file.fsPath;
}
