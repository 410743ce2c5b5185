import * as path from 'node:path';
import type { VmListEntry } from '../parsers/vmList';
import { readConsistent, sameStamp, stampKey, stampOf, stampOrNothing, type FileStamp } from './fileStamps';
import { parseGlobalSettings, UnreadableSettingsError, type GlobalSettings } from './globalSettings';
import { parseMachineDetails, parseMachineNics } from './machineDetails';
import { parseMachineSettings, type MachineSettings } from './machineSettings';
import type { Nic, VmInfo } from '../parsers/vmInfo';
import { VmLogTracker, type VmLog } from './vmLogTracker';

/** How often uuidOfName reads an unreadable settings file before it gives up on naming (100 ms apart). */
const UUID_OF_NAME_ATTEMPTS = 4;

export { logFileOf } from './vmLogTracker';

interface Cached<T> {
    readonly stamp: FileStamp;
    readonly value: T;
}

/** What `list vms` said about this very registry (VirtualBox.xml unchanged since), and when. */
interface Confirmation {
    readonly registry: GlobalSettings;
    readonly at: number;
    readonly listed: readonly VmListEntry[];
}

/**
 * VirtualBox's own settings files in one home folder: the machine registry (VirtualBox.xml), each machine's .vbox,
 * and each machine's VBox.log. Each parsed file is kept with its stamp, so that a refresh when nothing changed
 * costs one stat per file. Every failure (missing, unreadable, half-written, unknown format) is thrown: the caller
 * asks VBoxManage instead. vscode-free.
 */
export class VirtualBoxSettingsFiles {
    private readonly machines = new Map<string, Cached<MachineSettings>>();
    private readonly details = new Map<string, Cached<VmInfo>>();
    /** The stamp of a .vbox that could not be used, so that it does not count as changed on every check. */
    private readonly unusable = new Map<string, FileStamp | undefined>();
    private lastRead?: string;
    private readonly logs = new VmLogTracker();
    private registry?: Cached<GlobalSettings> & { readonly home: string };
    private confirmed?: Confirmation;

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
            const now = await stampOrNothing(settingsFile);
            if (cached && now && sameStamp(cached.stamp, now)) return cached.value;
            this.machines.delete(settingsFile);
            try {
                const { text, stamp } = await readConsistent(settingsFile);
                const value = parseMachineSettings(text);
                this.machines.set(settingsFile, { stamp, value });
                this.unusable.delete(settingsFile);
                return value;
            } catch (error) {
                this.unusable.set(settingsFile, await stampOrNothing(settingsFile));
                throw error;
            }
        });
    }

    /**
     * A machine's whole configuration from its .vbox, in showvminfo's shape, for a machine no VM process uses (the
     * caller knows its `state` from the files: see vmStateFromFiles). Takes no session lock, unlike showvminfo.
     */
    readMachineDetails(settingsFile: string, state: VmInfo['state']): Promise<VmInfo> {
        return unreadableOnFailure(async () => {
            // showvminfo lists the home's global shared folders for every VM: they are in VirtualBox.xml.
            const globalFolders = (await this.readRegistry()).sharedFolders.map((folder) => ({ ...folder, transient: false, global: true }));
            const withGlobal = (value: VmInfo): VmInfo => ({ ...value, state, sharedFolders: [...value.sharedFolders, ...globalFolders] });
            const cached = this.details.get(settingsFile);
            const now = await stampOrNothing(settingsFile);
            if (cached && now && sameStamp(cached.stamp, now)) return withGlobal(cached.value);
            this.details.delete(settingsFile);
            const { text, stamp } = await readConsistent(settingsFile);
            const value = parseMachineDetails(text, settingsFile, state);
            this.details.set(settingsFile, { stamp, value });
            return withGlobal(value);
        });
    }

    /** A machine's network adapters from its .vbox, whatever its state (see parseMachineNics). Takes no lock. */
    readMachineNics(settingsFile: string): Promise<Nic[]> {
        return unreadableOnFailure(async () => parseMachineNics((await readConsistent(settingsFile)).text));
    }

    /**
     * The UUID of the one registered machine named `name`, from the files (a stat per file when unchanged, nothing
     * spawned); undefined when no machine or several have that name, or when a file that could have it is unreadable.
     * A machine whose settings file does not exist names nothing: VirtualBox cannot read it either and lists it as
     * inaccessible. A file that exists but cannot be read is read again a few times, since VirtualBox may be writing it.
     */
    async uuidOfName(name: string): Promise<string | undefined> {
        for (let attempt = 1; ; attempt++) {
            const registry = await this.readRegistry();
            const read = await Promise.all(
                registry.machines.map(async (entry) => ({ uuid: entry.uuid, settings: await this.readMachine(entry.settingsFile).catch(() => undefined), file: entry.settingsFile })),
            );
            // Worth reading again: a file that exists but could not be read (VirtualBox may be writing it).
            const again = await Promise.all(read.filter((machine) => machine.settings === undefined).map(async (machine) => (await stampOrNothing(machine.file)) !== undefined));
            if (!again.includes(true)) {
                const named = read.filter((machine) => machine.settings?.name === name);
                return named.length === 1 ? named[0].uuid : undefined;
            }
            if (attempt >= UUID_OF_NAME_ATTEMPTS) return undefined;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }

    /** When the machine's settings as last read were written (epoch ms); undefined when they were not read. */
    machineWrittenAt(settingsFile: string): number | undefined {
        return this.machines.get(settingsFile)?.stamp.mtimeMs;
    }

    /** Notes that VBoxManage (`list vms`) listed exactly this registry's VMs, as `listed`. */
    confirm(registry: GlobalSettings, listed: readonly VmListEntry[] = [], now = Date.now()): void {
        this.confirmed = { registry, at: now, listed };
    }

    /** True when this very registry (VirtualBox.xml unchanged since) was confirmed less than `maxAgeMs` ago. */
    isConfirmed(registry: GlobalSettings, maxAgeMs: number, now = Date.now()): boolean {
        return this.confirmed?.registry === registry && now - this.confirmed.at < maxAgeMs;
    }

    /** The `list vms` entries of the confirmation of this very registry (empty when it has none). */
    confirmedListing(registry: GlobalSettings): readonly VmListEntry[] {
        return this.confirmed?.registry === registry ? this.confirmed.listed : [];
    }

    /** The machine's current VBox.log: its last VMM state and stamp; undefined when it has none. */
    readLog(settingsFile: string): Promise<VmLog | undefined> {
        return this.logs.read(settingsFile);
    }

    /**
     * A text that changes whenever anything the VM list is read from changes: VirtualBox.xml, a .vbox file, or the
     * VMM state a VM's log ends in (not every line a running VM logs). It costs a stat per file and, for a log
     * that grew, a read of what was appended; nothing is spawned. Undefined when the registry cannot be read.
     */
    async changeSignature(): Promise<string | undefined> {
        const registry = await this.readRegistry().catch(() => undefined);
        if (!registry || !this.registry) return undefined;
        const registryStamp = this.registry.stamp;
        // All at once: the stats do not depend on each other.
        const machines = await Promise.all(
            registry.machines.map(async ({ settingsFile }) => {
                const [machine, log] = await Promise.all([stampOrNothing(settingsFile), this.logs.read(settingsFile)]);
                return signatureLine(machine, log);
            }),
        );
        return [stampKey(registryStamp), ...machines].join('\n');
    }

    /**
     * Notes that a VM list was just made from the files: its signature, built from the stamps of what was read (no
     * new stat), so that a file that changed during the read counts as changed at the next check.
     */
    noteListRead(registry: GlobalSettings): void {
        if (this.registry?.value !== registry) return void (this.lastRead = undefined);
        const machines = registry.machines.map(({ settingsFile }) =>
            signatureLine(this.machines.get(settingsFile)?.stamp ?? this.unusable.get(settingsFile), this.logs.known(settingsFile)),
        );
        this.lastRead = [stampKey(this.registry.stamp), ...machines].join('\n');
    }

    /** Notes that the VM list was made without the files (VBoxManage alone): there is nothing to compare with. */
    noteListReadWithoutFiles(): void {
        this.lastRead = undefined;
    }

    /** The signature of the last VM list made from the files; undefined when the last one was not. */
    get lastListSignature(): string | undefined {
        return this.lastRead;
    }

    /** Forgets machines no longer registered (their cached files). */
    retainOnly(settingsFiles: ReadonlySet<string>): void {
        for (const file of this.machines.keys()) if (!settingsFiles.has(file)) this.machines.delete(file);
        for (const file of this.unusable.keys()) if (!settingsFiles.has(file)) this.unusable.delete(file);
        for (const file of this.details.keys()) if (!settingsFiles.has(file)) this.details.delete(file);
        this.logs.retainOnly(settingsFiles);
    }
}

function signatureLine(machine: FileStamp | undefined, log: VmLog | undefined): string {
    return `${stampKey(machine)}|${log ? `${log.stamp.ino}:${log.vmmState ?? '-'}` : '-'}`;
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
