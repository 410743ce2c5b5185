import { open, stat } from 'node:fs/promises';
import { UnreadableSettingsError } from './globalSettings';

/** Identifies one version of a file: VirtualBox replaces its settings files (new inode), logs grow. */
export interface FileStamp {
    readonly ino: number;
    readonly size: number;
    readonly mtimeMs: number;
}

export const sameStamp = (a: FileStamp, b: FileStamp) => a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

export const stampKey = (stamp: FileStamp | undefined) => (stamp ? `${stamp.ino}:${stamp.size}:${stamp.mtimeMs}` : '-');

export async function stampOf(file: string): Promise<FileStamp> {
    const info = await stat(file);
    return { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
}

/** The file's stamp, or undefined when it cannot be seen (missing, no permission). */
export const stampOrNothing = (file: string): Promise<FileStamp | undefined> => stampOf(file).catch(() => undefined);

const READ_ATTEMPTS = 3;

/**
 * Reads the file from byte `from` (negative: that many bytes before its end; the start when it is shorter) to its
 * end, and checks that it did not change meanwhile (same inode, size and time before and after): a file being
 * rewritten is read again, up to 3 times.
 */
export async function readConsistent(file: string, from = 0): Promise<{ text: string; stamp: FileStamp; start: number }> {
    for (let attempt = 1; ; attempt++) {
        const handle = await open(file, 'r');
        try {
            const before = await handle.stat();
            const start = Math.min(before.size, from < 0 ? Math.max(0, before.size + from) : from);
            const buffer = Buffer.alloc(before.size - start);
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
            const after = await stampOrNothing(file);
            const stamp = { ino: before.ino, size: before.size, mtimeMs: before.mtimeMs };
            if (after && sameStamp(stamp, after) && bytesRead === buffer.length) {
                return { text: buffer.toString('utf8'), stamp, start };
            }
        } finally {
            await handle.close();
        }
        if (attempt >= READ_ATTEMPTS) throw new UnreadableSettingsError(`${file} kept changing while it was read`);
    }
}
