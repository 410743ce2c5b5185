import { UUID_REFERENCE } from '../../vbox/command';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import type { MachineSettings } from '../../vbox/settingsFiles/machineSettings';
import type { OperationContext } from '../operation';
import { readVmInfo } from './vmInfoQuery';
import { vmStateFromFiles } from './vmStateFromFiles';
import type { AnyVmState } from './vmStates';

/** A VM as its settings files describe it, for operations that change a powered-off VM. */
export interface VmFromFiles {
    readonly uuid: string;
    readonly name: string;
    readonly settingsFile: string;
    readonly settings: MachineSettings;
    /** Only states that need no VM process (powered off, saved, aborted): anything else is undefined. */
    readonly offlineState: AnyVmState;
}


/** The one registered VM named or numbered `vm` in the settings files, whatever its state; undefined when unsure. */
async function machineFile(ctx: OperationContext, vm: string): Promise<{ settingsFile: string; settings: MachineSettings } | undefined> {
    const files = ctx.settingsFiles;
    if (!files) return undefined;
    const registry = await files.readRegistry();
    const uuid = UUID_REFERENCE.exec(vm)?.[1]?.toLowerCase();
    // VirtualBox itself cannot read an inaccessible VM (the last `list vms` said so): it has no name to match.
    const inaccessible = new Set(files.confirmedListing(registry).filter((listed) => !listed.accessible).map((listed) => listed.uuid));
    const entries = registry.machines.filter((entry) => (uuid === undefined || entry.uuid === uuid) && !inaccessible.has(entry.uuid));
    // All at once (a stat each when unchanged); one unreadable file makes the answer unsure.
    const read = await Promise.all(entries.map(async (entry) => ({ ...entry, settings: await files.readMachine(entry.settingsFile) })));
    const candidates = read.filter((entry) => uuid !== undefined || entry.settings.name === vm);
    if (candidates.length !== 1) return undefined;
    const [{ settingsFile, settings }] = candidates;
    return settings.uuid === candidates[0].uuid ? { settingsFile, settings } : undefined;
}

/**
 * The VM named or numbered `vm`, read from VirtualBox's settings files without spawning anything, when they can
 * tell for sure that no VM process is using it (its log ended, or it never ran: a running VM writes its log). The
 * caller asks showvminfo when this is undefined: no settings files, a name VirtualBox would resolve differently
 * (two VMs with it), a file that cannot be read (unless VirtualBox cannot read it either), or a VM process that
 * may be alive.
 */
export async function vmFromFiles(ctx: OperationContext, vm: string): Promise<VmFromFiles | undefined> {
    const files = ctx.settingsFiles;
    if (!files) return undefined;
    try {
        const found = await machineFile(ctx, vm);
        if (!found) return undefined;
        const { settingsFile, settings } = found;
        const log = await files.readLog(settingsFile);
        const state = vmStateFromFiles({ settings, settingsWrittenAt: files.machineWrittenAt(settingsFile) ?? 0, log, listedRunning: false });
        if (state === undefined) return undefined;
        return { uuid: settings.uuid, name: settings.name, settingsFile, settings, offlineState: state };
    } catch {
        return undefined;
    }
}

/** A VM's network adapters as its settings file has them, and its state when the files can tell it is at rest. */
export interface NicsFromFiles extends Pick<VmInfo, 'uuid' | 'name' | 'nics'> {
    /** Undefined while a VM process may be using the VM (running, paused, on its way): only VirtualBox can say. */
    readonly offlineState: AnyVmState | undefined;
    /** The last VM state its VBox.log records, e.g. RUNNING or SUSPENDED (paused); undefined without a log. */
    readonly logState: string | undefined;
}

/**
 * The VM's network adapters from its settings file, running or not, without spawning anything: VirtualBox saves a
 * running VM's adapter changes to the file as well. Undefined when the files cannot tell (see vmFromFiles).
 */
export async function nicsFromFiles(ctx: OperationContext, vm: string): Promise<NicsFromFiles | undefined> {
    const files = ctx.settingsFiles;
    if (!files) return undefined;
    try {
        const found = await machineFile(ctx, vm);
        if (!found) return undefined;
        const { settingsFile, settings } = found;
        const log = await files.readLog(settingsFile);
        const offlineState = vmStateFromFiles({ settings, settingsWrittenAt: files.machineWrittenAt(settingsFile) ?? 0, log, listedRunning: false });
        return { uuid: settings.uuid, name: settings.name, nics: await files.readMachineNics(settingsFile), offlineState, logState: log?.vmmState };
    } catch {
        return undefined;
    }
}

/**
 * The whole configuration of a VM that no process uses, from its settings files, or undefined when the files cannot
 * tell (then showvminfo must). Unlike showvminfo it takes no session lock: a user's own VBoxManage command on the VM
 * at the same moment is never refused because of this read.
 */
export async function vmInfoFromFiles(ctx: OperationContext, vm: string): Promise<VmInfo | undefined> {
    const found = await vmFromFiles(ctx, vm);
    if (!found || !ctx.settingsFiles) return undefined;
    try {
        return await ctx.settingsFiles.readMachineDetails(found.settingsFile, found.offlineState);
    } catch {
        return undefined;
    }
}

/**
 * A VM's settings and state for a read that must stay out of a user's way (the views read often): from the settings
 * files whenever they can tell, from showvminfo only while a VM process may be using the VM. showvminfo asks for a
 * shared session lock, and VirtualBox grants it even while a user's own command holds the VM's write lock (an offline
 * `snapshot delete`, a `modifyvm`): that command's session then stays "being unlocked" until showvminfo lets go, and
 * the user's next command is refused. The files are asked again before each of showvminfo's retries after a VM
 * process ended, so no showvminfo follows once the VM's log says its process is gone.
 */
export function readVmInfoLockFree(ctx: OperationContext, vm: string): Promise<VmInfo> {
    return readVmInfo(ctx, vm, () => vmInfoFromFiles(ctx, vm));
}
