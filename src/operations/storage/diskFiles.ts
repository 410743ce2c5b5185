import { existsSync } from 'node:fs';
import type { Medium } from '../../vbox/parsers/media';

export const DISK_FORMATS = ['VDI', 'VMDK', 'VHD'] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];

/** Path arithmetic in VirtualBox's own path style: the settings file of a Windows host uses `\`. */
function splitDir(path: string): { dir: string; base: string; separator: string } {
    const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    const separator = path.includes('\\') && !path.includes('/') ? '\\' : '/';
    return { dir: path.slice(0, cut), base: path.slice(cut + 1), separator };
}

/** A file next to the VM's settings file, i.e. in the VM's folder. */
export function inVmFolder(cfgFile: string, fileName: string): string {
    const { dir, separator } = splitDir(cfgFile);
    return `${dir}${separator}${fileName}`;
}

/** `disk` → `disk.vdi`; a name that already ends in the format's extension is kept. */
export function withExtension(fileName: string, format: DiskFormat): string {
    const extension = `.${format.toLowerCase()}`;
    return fileName.toLowerCase().endsWith(extension) ? fileName : `${fileName}${extension}`;
}

/**
 * `<vm folder name>-disk<n>.<ext>` with the first n that neither a registered medium nor a file already uses. The
 * folder's name is VirtualBox's file-safe version of the VM name, so it is used rather than the name itself.
 */
export function defaultDiskPath(cfgFile: string, format: DiskFormat, registered: readonly Medium[]): string {
    const stem = splitDir(cfgFile).base.replace(/\.vbox$/i, '');
    const taken = new Set(registered.map((medium) => medium.location));
    for (let n = 1; ; n++) {
        const path = inVmFolder(cfgFile, withExtension(`${stem}-disk${n}`, format));
        if (!taken.has(path) && !existsSync(path)) return path;
    }
}
