import { open, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseGlobalSettings, UnreadableSettingsError, type GlobalSettings } from './globalSettings';
import { parseMachineSettings, type MachineSettings } from './machineSettings';
import { runStateFromLog, type LoggedRunState } from './vmLogState';

/** Identifies one version of a file: VirtualBox replaces its settings files (new inode), logs grow. */
interface FileStamp {
    readonly ino: number;
    readonly size: number;
    readonly mtimeMs: number;
}

const sameStamp = (a: FileStamp, b: FileStamp) => a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

async function stampOf(file: string): Promise<FileStamp> {
    const info = await stat(file);
    return { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
}

const READ_ATTEMPTS = 3;
/** Enough for the last state changes of a VM that logs a lot in between. */
const LOG_TAIL_BYTES = 256 * 1024;

/**
 * Reads the whole file (or its last `tailBytes`) and checks that it did not change meanwhile (same inode, size and
 * time before and after): a file being rewritten is read again, up to 3 times.
 */
async function readConsistent(file: string, tailBytes?: number): Promise<{ text: string; stamp: FileStamp; fromStart: boolean }> {
    for (let attempt = 1; ; attempt++) {
        const handle = await open(file, 'r');
        try {
            const before = await handle.stat();
            const start = tailBytes === undefined ? 0 : Math.max(0, before.size - tailBytes);
            const buffer = Buffer.alloc(before.size - start);
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
            const after = await stampOf(file).catch(() => undefined);
            const stamp = { ino: before.ino, size: before.size, mtimeMs: before.mtimeMs };
            if (after && sameStamp(stamp, after) && bytesRead === buffer.length) {
                return { text: buffer.toString('utf8'), stamp, fromStart: start === 0 };
            }
        } finally {
            await handle.close();
        }
        if (attempt >= READ_ATTEMPTS) throw new UnreadableSettingsError(`${file} kept changing while it was read`);
    }
}

interface Cached<T> {
    readonly stamp: FileStamp;
    readonly value: T;
}

/**
 * VirtualBox's own settings files in one home folder: the machine registry (VirtualBox.xml), each machine's .vbox,
 * and a running machine's VBox.log. Each parsed file is kept with its stamp, so that a refresh when nothing changed
 * costs one stat per file. Every failure (missing, unreadable, half-written, unknown format) is thrown: the caller
 * asks VBoxManage instead. vscode-free.
 */
export class VirtualBoxSettingsFiles {
    private readonly machines = new Map<string, Cached<MachineSettings>>();
    private readonly logs = new Map<string, Cached<LoggedRunState | undefined>>();
    private registry?: Cached<GlobalSettings> & { readonly home: string };
    private confirmed?: { readonly registry: GlobalSettings; readonly at: number };

    /** `home`: VirtualBox's home folder, or a function that finds it (see userHome.ts). */
    constructor(private readonly homeOf: string | (() => string)) {}

    get home(): string {
        return typeof this.homeOf === 'string' ? this.homeOf : this.homeOf();
    }

    get registryFile(): string {
        return path.join(this.home, 'VirtualBox.xml');
    }

    /** The registry; the same object as long as VirtualBox.xml is unchanged. */
    readRegistry(): Promise<GlobalSettings> {
        return unreadableOnFailure(async () => {
            const home = this.home;
            const file = path.join(home, 'VirtualBox.xml');
            const cached = this.registry;
            if (cached && cached.home === home && sameStamp(cached.stamp, await stampOf(file))) return cached.value;
            const { text, stamp } = await readConsistent(file);
            const value = parseGlobalSettings(text, home);
            this.registry = { stamp, value, home };
            return value;
        });
    }

    readMachine(settingsFile: string): Promise<MachineSettings> {
        return unreadableOnFailure(async () => {
            const cached = this.machines.get(settingsFile);
            if (cached && sameStamp(cached.stamp, await stampOf(settingsFile))) return cached.value;
            const { text, stamp } = await readConsistent(settingsFile);
            const value = parseMachineSettings(text);
            this.machines.set(settingsFile, { stamp, value });
            return value;
        });
    }

    /** Notes that VBoxManage (`list vms`) listed exactly this registry's VMs. */
    confirm(registry: GlobalSettings, now = Date.now()): void {
        this.confirmed = { registry, at: now };
    }

    /** True when this very registry (VirtualBox.xml unchanged since) was confirmed less than `maxAgeMs` ago. */
    isConfirmed(registry: GlobalSettings, maxAgeMs: number, now = Date.now()): boolean {
        return this.confirmed?.registry === registry && now - this.confirmed.at < maxAgeMs;
    }

    /** Running or paused as the machine's current VBox.log tells it; undefined when the log does not say. */
    async readRunState(settingsFile: string): Promise<LoggedRunState | undefined> {
        const file = logFileOf(settingsFile);
        const cached = this.logs.get(file);
        try {
            if (cached && sameStamp(cached.stamp, await stampOf(file))) return cached.value;
            const { text, stamp, fromStart } = await readConsistent(file, LOG_TAIL_BYTES);
            const value = runStateFromLog(text, fromStart);
            this.logs.set(file, { stamp, value });
            return value;
        } catch {
            this.logs.delete(file);
            return undefined;
        }
    }

    /** Forgets machines no longer registered (their cached files). */
    retainOnly(settingsFiles: ReadonlySet<string>): void {
        const logFiles = new Set([...settingsFiles].map(logFileOf));
        for (const file of this.machines.keys()) if (!settingsFiles.has(file)) this.machines.delete(file);
        for (const file of this.logs.keys()) if (!logFiles.has(file)) this.logs.delete(file);
    }
}

/** Every failure to read or understand a file becomes UnreadableSettingsError (the cause kept). */
async function unreadableOnFailure<T>(read: () => Promise<T>): Promise<T> {
    try {
        return await read();
    } catch (error) {
        if (error instanceof UnreadableSettingsError) throw error;
        throw new UnreadableSettingsError(error instanceof Error ? error.message : String(error), { cause: error });
    }
}

/** VirtualBox keeps a machine's logs in `Logs` next to its settings file (IMachine::logFolder). */
export function logFileOf(settingsFile: string): string {
    return path.join(path.dirname(settingsFile), 'Logs', 'VBox.log');
}
