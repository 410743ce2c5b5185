import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import type { DiskFormat } from '../storage/diskFiles';

/** The file extensions VirtualBox's backends take for each format a copy can be made in. */
const EXTENSIONS: Record<DiskFormat, readonly string[]> = { VDI: ['.vdi'], VMDK: ['.vmdk'], VHD: ['.vhd'] };

/**
 * What is wrong with a copy's target path, or undefined: checked by the operation and, as the user types, by the
 * command's input box (one rule). Must be a full path to a file that does not exist yet, in an existing folder,
 * with the format's extension.
 */
export function copyTargetProblem(path: string, format: DiskFormat): string | undefined {
    const trimmed = path.trim();
    if (!trimmed) return 'Give the full path of the new file.';
    if (!isAbsolute(trimmed)) return `"${trimmed}" is not a full path.`;
    const extensions = EXTENSIONS[format];
    if (!extensions.some((extension) => trimmed.toLowerCase().endsWith(extension))) return `A ${format} image ends in ${extensions.join(' or ')}.`;
    if (existsSync(trimmed)) return `"${trimmed}" already exists; choose another name.`;
    const folder = dirname(trimmed);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return `The folder "${folder}" does not exist.`;
    return undefined;
}

/** `…/disk.vdi` → `…/disk-copy.vmdk` (then -copy2, -copy3 … while taken): the proposal next to the source. */
export function proposedCopyPath(source: string, format: DiskFormat, taken: (path: string) => boolean = existsSync): string {
    const cut = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
    const dot = source.lastIndexOf('.');
    const stem = dot > cut ? source.slice(0, dot) : source;
    const extension = EXTENSIONS[format][0];
    for (let n = 1; ; n++) {
        const path = `${stem}-copy${n === 1 ? '' : n}${extension}`;
        if (!taken(path)) return path;
    }
}
