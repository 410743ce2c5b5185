import * as vscode from 'vscode';
import { formatMegabytes } from '../../tree/common/formatSize';

/** VirtualBox's limit for a virtual disk (2 TB - 1 MB), as add_disk and resize_disk check it. */
export const MAX_DISK_MB = 2_097_151;

const UNITS: Record<string, number> = { m: 1, mb: 1, g: 1024, gb: 1024, t: 1024 * 1024, tb: 1024 * 1024 };

/** `20`, `20 GB`, `512 MB`, `1.5T` → megabytes; a bare number means GB. Undefined when it is not a size. */
export function parseSizeMb(text: string): number | undefined {
    const match = /^\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*$/i.exec(text);
    if (!match) return undefined;
    const factor = UNITS[(match[2] || 'gb').toLowerCase()];
    if (factor === undefined) return undefined;
    const megabytes = Math.round(Number(match[1].replace(',', '.')) * factor);
    return megabytes > 0 ? megabytes : undefined;
}

/** The input box's complaint about a size, or undefined when it is acceptable (larger than `atLeastMb` if given). */
export function sizeProblem(text: string, greaterThanMb?: number): string | undefined {
    const megabytes = parseSizeMb(text);
    if (megabytes === undefined) return vscode.l10n.t('Enter a size such as 20 GB, 512 MB or 1.5 TB (a plain number means GB).');
    if (megabytes > MAX_DISK_MB) return vscode.l10n.t('VirtualBox disks can have at most {0}.', formatMegabytes(MAX_DISK_MB));
    if (greaterThanMb !== undefined && megabytes <= greaterThanMb) {
        return vscode.l10n.t('Disks can only grow: enter more than the current {0}.', formatMegabytes(greaterThanMb));
    }
    return undefined;
}
