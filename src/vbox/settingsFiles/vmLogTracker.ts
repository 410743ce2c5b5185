import * as path from 'node:path';
import { readConsistent, stampOrNothing, type FileStamp } from './fileStamps';
import { lastVmmState } from './vmLogState';

/** What a VM's current log says: its last VMM state, and when it was last written. */
export interface VmLog {
    readonly vmmState: string | undefined;
    readonly stamp: FileStamp;
}

/** Enough for the last state changes of a VM that logs a lot in between. */
const FIRST_READ_BYTES = 256 * 1024;
/** Read again before the old end, so that a state line written half at the last read is read whole now. */
const OVERLAP_BYTES = 512;

/** VirtualBox keeps a machine's logs in `Logs` next to its settings file (IMachine::logFolder). */
export function logFileOf(settingsFile: string): string {
    return path.join(path.dirname(settingsFile), 'Logs', 'VBox.log');
}

/**
 * Follows the VBox.log of each machine. A log only grows while its VM runs (a new VM process starts a new file),
 * so after the first read only the bytes appended since are read: watching a chatty running VM every second costs a
 * stat and a few KB. vscode-free.
 */
export class VmLogTracker {
    private readonly logs = new Map<string, VmLog>();

    /** The machine's log as it is now; undefined when it has none (never started) or it cannot be read. */
    async read(settingsFile: string): Promise<VmLog | undefined> {
        const file = logFileOf(settingsFile);
        const known = this.logs.get(file);
        try {
            const now = await stampOrNothing(file);
            if (!now) throw new Error('no log');
            if (known && known.stamp.ino === now.ino && known.stamp.size === now.size && known.stamp.mtimeMs === now.mtimeMs) return known;
            const grown = known && known.stamp.ino === now.ino && now.size >= known.stamp.size ? known : undefined;
            let read = await readConsistent(file, grown ? Math.max(0, grown.stamp.size - OVERLAP_BYTES) : -FIRST_READ_BYTES);
            // A new VM process started a new log between the stat and the read: read that one's tail instead.
            if (grown && read.stamp.ino !== grown.stamp.ino) read = await readConsistent(file, -FIRST_READ_BYTES);
            const continued = grown && read.stamp.ino === grown.stamp.ino;
            const { text, stamp, start } = read;
            const vmmState = lastVmmState(text, start === 0) ?? (continued ? grown.vmmState : undefined);
            const log = { vmmState, stamp };
            this.logs.set(file, log);
            return log;
        } catch {
            this.logs.delete(file);
            return undefined;
        }
    }

    /** The machine's log as last read, without looking at the file. */
    known(settingsFile: string): VmLog | undefined {
        return this.logs.get(logFileOf(settingsFile));
    }

    /** Forgets the logs of machines no longer registered. */
    retainOnly(settingsFiles: ReadonlySet<string>): void {
        const keep = new Set([...settingsFiles].map(logFileOf));
        for (const file of this.logs.keys()) if (!keep.has(file)) this.logs.delete(file);
    }
}
