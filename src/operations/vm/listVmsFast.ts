import { command } from '../../vbox/command';
import { parseVmList, type VmListEntry } from '../../vbox/parsers/vmList';
import { UnreadableSettingsError, type GlobalSettings, type RegistryEntry } from '../../vbox/settingsFiles/globalSettings';
import type { MachineSettings } from '../../vbox/settingsFiles/machineSettings';
import { OS_TYPE_DESCRIPTIONS } from '../../vbox/settingsFiles/osTypeDescriptions';
import type { VirtualBoxSettingsFiles } from '../../vbox/settingsFiles/settingsFiles';
import type { VmLog } from '../../vbox/settingsFiles/vmLogTracker';
import type { OperationContext } from '../operation';
import { readVmInfo } from '../shared/vmInfoQuery';
import type { AnyVmState } from '../shared/vmStates';
import type { VmSummary } from './listVms';
import { inaccessibleRow, isoTime, listVmsWithShowVmInfo, rowFromVmInfo } from './listVmsSlow';
import { vmStateFromFiles } from '../shared/vmStateFromFiles';
import { listVmsCommand } from './vmQueries';

export const listRunningVmsCommand = command(['list', 'runningvms'], (o) => parseVmList(o.stdout));

/**
 * How long a registry that `list vms` confirmed is trusted without asking again. Confirming catches a VBoxSVC that
 * serves another home than the one whose files are read (started with another VBOX_USER_HOME); it costs one
 * process, and runs at once whenever VirtualBox.xml changes or the files and VBoxManage disagree.
 */
export const REGISTRY_TRUST_MS = 60_000;

/** The files cannot stand in for VBoxManage: the whole list is read the slow way. */
class FilesUnusable extends Error {}

/** The files disagree with `list vms`; its answer is handed on to the slow path. */
class ListedButUnusable extends FilesUnusable {
    constructor(
        message: string,
        readonly listed: readonly VmListEntry[],
    ) {
        super(message);
    }
}

/** A `list vms` run in this read, or undefined when the registry's confirmation is still trusted. */
type FreshListing = readonly VmListEntry[] | undefined;

/**
 * The VM list from VirtualBox's settings files: the registry in VirtualBox.xml, each VM's .vbox for its
 * configuration, `list runningvms` (one process) for what runs, and the VM's log to tell running from paused and a
 * VM process that ended from one that did not. `list vms` runs alongside when the registry is not confirmed yet.
 * A VM whose file cannot be used, or whose state only VBoxSVC knows (starting, saving, ...), is read with
 * showvminfo; when the registry itself cannot be used, every VM is.
 */
export async function listVmsFromSettingsFiles(ctx: OperationContext, files: VirtualBoxSettingsFiles): Promise<VmSummary[]> {
    let listed: readonly VmListEntry[] | undefined;
    try {
        try {
            return await readWithFiles(ctx, files, false);
        } catch (error) {
            // A VM registered or removed while `list vms` ran (it can take seconds on a busy host) makes the two
            // disagree for a moment: read both again, once, before giving up on the files.
            if (!(error instanceof ListedButUnusable)) throw error;
            return await readWithFiles(ctx, files, true);
        }
    } catch (error) {
        if (!(error instanceof FilesUnusable || error instanceof UnreadableSettingsError)) throw error;
        if (error instanceof ListedButUnusable) listed = error.listed;
        files.noteListReadWithoutFiles();
        ctx.log.info(`VM list: VirtualBox's settings files cannot be used (${error instanceof Error ? error.message : String(error)}); asking VBoxManage for each VM.`);
    }
    return listVmsWithShowVmInfo(ctx, listed);
}

async function readWithFiles(ctx: OperationContext, files: VirtualBoxSettingsFiles, forceConfirm: boolean): Promise<VmSummary[]> {
    const registry = await files.readRegistry();
    const confirm = forceConfirm || !files.isConfirmed(registry, REGISTRY_TRUST_MS);
    // The files are read while VBoxManage runs: the list takes about as long as its processes alone.
    const [running, fresh, read] = await Promise.all([
        ctx.vbox.run(listRunningVmsCommand, { signal: ctx.signal }),
        confirm ? ctx.vbox.run(listVmsCommand, { signal: ctx.signal }) : undefined,
        readMachineFiles(files, registry),
    ]);
    const registered = new Map(registry.machines.map((entry) => [entry.uuid, entry]));
    if (fresh) {
        const sameSet = fresh.length === registered.size && fresh.every((vm) => registered.has(vm.uuid));
        if (!sameSet) throw new ListedButUnusable(`VirtualBox.xml in ${files.home} lists other VMs than VBoxManage`, fresh);
        files.confirm(registry, fresh);
    }
    if (running.some((vm) => !registered.has(vm.uuid))) {
        // A VM registered since the registry was confirmed, or another home: confirm now (once).
        if (!confirm) return readWithFiles(ctx, files, true);
        throw new FilesUnusable('a running VM is not in VirtualBox.xml');
    }
    const rows = await rowsFromFiles(ctx, files, registry, read, new Set(running.map((vm) => vm.uuid)), fresh);
    return rows ?? readWithFiles(ctx, files, true);
}

interface MachineFiles {
    readonly entry: RegistryEntry;
    readonly settings: MachineSettings | undefined;
    readonly log: VmLog | undefined;
}

/** Every VM's .vbox and log, all at once (a stat each when unchanged), in the registry's order. */
function readMachineFiles(files: VirtualBoxSettingsFiles, registry: GlobalSettings): Promise<MachineFiles[]> {
    return Promise.all(
        registry.machines.map(async (entry) => {
            const [settings, log] = await Promise.all([files.readMachine(entry.settingsFile).catch(() => undefined), files.readLog(entry.settingsFile)]);
            return { entry, settings, log };
        }),
    );
}

/**
 * One row per registered VM, in the registry's order; undefined when a VM's file cannot be used and no fresh
 * `list vms` tells whether VirtualBox can read it either (the caller then confirms and reads again).
 */
async function rowsFromFiles(
    ctx: OperationContext,
    files: VirtualBoxSettingsFiles,
    registry: GlobalSettings,
    read: readonly MachineFiles[],
    runningUuids: ReadonlySet<string>,
    fresh: FreshListing,
): Promise<VmSummary[] | undefined> {
    // Between confirmations the last `list vms` still says which VMs VirtualBox cannot read: an inaccessible VM
    // costs no extra process on every refresh.
    const listedByUuid = new Map((fresh ?? files.confirmedListing(registry)).map((vm) => [vm.uuid, vm]));
    const rows: VmSummary[] = [];
    const needShowVmInfo: VmListEntry[] = [];
    for (const { entry, settings, log } of read) {
        const listedEntry = listedByUuid.get(entry.uuid);
        if (listedEntry && !listedEntry.accessible) {
            rows.push(inaccessibleRow(listedEntry));
            continue;
        }
        const osType = settings ? OS_TYPE_DESCRIPTIONS[settings.osTypeId] : undefined;
        const consistent = settings && settings.uuid === entry.uuid && (!fresh || !listedEntry || listedEntry.name === settings.name);
        if (!settings || osType === undefined || !consistent) {
            // Unreadable here (or inaccessible to VirtualBox too): only a fresh `list vms` tells which; then showvminfo.
            if (!fresh || !listedEntry) return undefined;
            needShowVmInfo.push(listedEntry);
            continue;
        }
        const state = vmStateFromFiles({
            settings,
            settingsWrittenAt: files.machineWrittenAt(entry.settingsFile) ?? 0,
            log,
            listedRunning: runningUuids.has(entry.uuid),
        });
        if (state === undefined) {
            needShowVmInfo.push({ name: settings.name, uuid: entry.uuid, accessible: true });
            continue;
        }
        rows.push(rowOf(entry, settings, osType, state));
    }
    files.retainOnly(new Set(registry.machines.map((entry) => entry.settingsFile)));
    files.noteListRead(registry);
    // One after another, and only for the few VMs the files cannot describe (read just now: not again).
    for (const vm of needShowVmInfo) {
        const row = await rowFromVmInfo(ctx, vm, readVmInfo);
        if (row) rows.push(row);
    }
    const order = new Map(registry.machines.map((entry, index) => [entry.uuid, index]));
    return rows.sort((a, b) => (order.get(a.uuid) ?? 0) - (order.get(b.uuid) ?? 0));
}

function rowOf(entry: RegistryEntry, settings: MachineSettings, osType: string, state: AnyVmState): VmSummary {
    return {
        name: settings.name,
        uuid: entry.uuid,
        state,
        osType,
        cpus: settings.cpus,
        memoryMb: settings.memoryMb,
        groups: settings.groups,
        accessible: true,
        ...(settings.lastStateChange ? { lastStateChange: isoTime(settings.lastStateChange) } : {}),
    };
}
