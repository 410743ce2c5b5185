import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import * as path from 'node:path';
import { parseMachineReadable } from '../../src/vbox/parsers/machineReadable';
import { parseVmList } from '../../src/vbox/parsers/vmList';
import type { VirtualBoxLab } from './lab';

/**
 * The benchmark's set of VMs, also used by the equality test: every state the Machines tree can show from files
 * (powered off, running, paused, saved, aborted, inaccessible), snapshots, groups, several OS types, CPU counts and
 * memory sizes. Running and paused VMs are started only while measured (`startLiveVms`): the testbed emulates
 * every instruction, so a running VM costs CPU.
 */
export type VmKind = 'poweroff' | 'snapshots' | 'running' | 'paused' | 'saved' | 'aborted' | 'inaccessible';

export interface PlannedVm {
    readonly name: string;
    readonly kind: VmKind;
    readonly osType: string;
    readonly cpus: number;
    readonly memoryMb: number;
    readonly group: string;
}

const OS_TYPES = ['Ubuntu_64', 'Debian_64', 'Windows11_64', 'Fedora_64', 'Other', 'ArchLinux_64', 'FreeBSD_64', 'Windows10_64'];
/** The first VMs of a set with live states, in this order; the rest are powered off, every 7th with snapshots. */
const LIVE_KINDS: readonly VmKind[] = ['running', 'paused', 'saved', 'saved', 'aborted', 'inaccessible'];

/** `live` false: only states that need no VM process ever (for the large sets of the scale figure). */
export function planVmSet(prefix: string, count: number, live: boolean): PlannedVm[] {
    return Array.from({ length: count }, (_, index) => {
        const kind = live && index < LIVE_KINDS.length ? LIVE_KINDS[index] : index % 7 === 6 ? 'snapshots' : 'poweroff';
        return {
            name: `${prefix}-${String(index).padStart(3, '0')}`,
            kind,
            osType: OS_TYPES[index % OS_TYPES.length],
            cpus: 1 + (index % 4),
            memoryMb: 32 + 16 * (index % 9),
            group: index % 3 === 0 ? `/${prefix}/sub` : `/${prefix}`,
        };
    });
}

interface Registered {
    readonly uuid: string;
    readonly accessible: boolean;
}

async function registeredVms(lab: VirtualBoxLab): Promise<Map<string, Registered>> {
    const byName = new Map<string, Registered>();
    for (const vm of parseVmList(await lab.vbox('list', 'vms'))) byName.set(vm.name, vm);
    return byName;
}

async function stateOf(lab: VirtualBoxLab, vm: string): Promise<string | undefined> {
    return parseMachineReadable(await lab.vbox('showvminfo', vm, '--machinereadable')).get('VMState');
}

/** VirtualBox puts a VM created with `--groups /a/b` into `<machine folder>/a/b/<name>/`. */
const folderOf = (lab: VirtualBoxLab, vm: PlannedVm) => path.join(lab.machineFolder, ...vm.group.split('/').filter(Boolean), vm.name);

/**
 * Registers the planned VMs that are missing and brings each into its lasting state (snapshots, saved, aborted,
 * inaccessible); VMs already there are left as they are, so a second run costs a `list vms` and a few showvminfo.
 * `onProgress` hears what is being done (creating 200 VMs takes a while).
 */
export async function prepareVmSet(lab: VirtualBoxLab, plan: readonly PlannedVm[], onProgress: (message: string) => void = () => undefined): Promise<void> {
    let registered = await registeredVms(lab);
    const missing = plan.filter((vm) => !registered.has(vm.name) && !(vm.kind === 'inaccessible' && existsSync(`${folderOf(lab, vm)}.away`)));
    if (missing.length > 0) onProgress(`creating ${missing.length} VMs`);
    for (const vm of missing) {
        await lab.vbox('createvm', '--name', vm.name, '--ostype', vm.osType, '--groups', vm.group, '--basefolder', lab.machineFolder, '--register');
        await lab.vbox('modifyvm', vm.name, '--cpus', String(vm.cpus), '--memory', String(vm.memoryMb));
        if (vm.kind === 'snapshots') {
            await lab.vbox('snapshot', vm.name, 'take', 'first');
            await lab.vbox('modifyvm', vm.name, '--memory', String(vm.memoryMb + 8));
            await lab.vbox('snapshot', vm.name, 'take', 'second');
            await lab.vbox('modifyvm', vm.name, '--memory', String(vm.memoryMb));
        }
    }
    for (const vm of plan.filter((planned) => planned.kind === 'saved' || planned.kind === 'aborted')) {
        // A VM process that ends badly after saving (seen rarely in the testbed) leaves the VM "aborted-saved"
        // instead: the state is read once the process is gone, and the VM made again if it is not the planned one.
        for (let attempt = 1; ; attempt++) {
            const state = await stateOf(lab, vm.name);
            if (state === vm.kind) break;
            if (attempt > 3) throw new Error(`${vm.name} is ${state} after 3 attempts to make it ${vm.kind}:\n${await vmLogTail(lab, vm)}`);
            onProgress(`making ${vm.name} ${vm.kind}${attempt > 1 ? ` again (it was ${state})` : ''}`);
            if (state !== 'poweroff') await lab.vbox('discardstate', vm.name).catch(() => undefined);
            await lab.vbox('startvm', vm.name, '--type', 'headless');
            if (vm.kind === 'saved') await lab.vbox('controlvm', vm.name, 'savestate');
            else await killVmProcess(lab, vm.name);
            await waitForVmProcessExit(lab, vm.name);
        }
    }
    registered = await registeredVms(lab);
    for (const vm of plan.filter((planned) => planned.kind === 'inaccessible')) {
        const entry = registered.get(vm.name) ?? [...registered.values()].find((r) => !r.accessible);
        if (entry && !entry.accessible) continue;
        // VBoxSVC reads a VM's settings when it starts: the file must be gone before the next one starts.
        onProgress(`making ${vm.name} inaccessible (waiting for VBoxSVC to exit)`);
        await lab.waitForServiceExit();
        if (existsSync(folderOf(lab, vm))) await rename(folderOf(lab, vm), `${folderOf(lab, vm)}.away`);
    }
}

/**
 * The last lines of a planned VM's VBox.log, to explain a state it should not have (a VM process that ended
 * unexpectedly says why there).
 */
export async function vmLogTail(lab: VirtualBoxLab, vm: PlannedVm, lines = 12): Promise<string> {
    const log = path.join(folderOf(lab, vm), 'Logs', 'VBox.log');
    const text = await readFile(log, 'utf8').catch((error: unknown) => `(no log: ${String(error)})`);
    return text.split('\n').slice(-lines).join('\n');
}

/** Waits up to 30 s for the VM's process to end, then until VirtualBox reports a state without one. */
async function waitForVmProcessExit(lab: VirtualBoxLab, vm: string): Promise<void> {
    const uuid = parseMachineReadable(await lab.vbox('showvminfo', vm, '--machinereadable')).get('UUID') ?? vm;
    for (let i = 0; i < 120 && (await lab.vmProcesses(uuid)).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 250));
    for (let i = 0; i < 40 && !SETTLED_STATES.has((await stateOf(lab, vm)) ?? ''); i++) await new Promise((resolve) => setTimeout(resolve, 250));
}

const SETTLED_STATES = new Set(['poweroff', 'saved', 'aborted', 'aborted-saved']);

/** Ends the VM's process the way a crash does (SIGKILL, by PID): VBoxSVC then records the VM as aborted. */
async function killVmProcess(lab: VirtualBoxLab, vm: string): Promise<void> {
    const uuid = parseMachineReadable(await lab.vbox('showvminfo', vm, '--machinereadable')).get('UUID') ?? vm;
    const pids = await lab.vmProcesses(uuid);
    if (pids.length === 0) throw new Error(`no VM process of ${vm} to end (aborted VMs need Linux and the testbed's VM processes)`);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 40 && (await stateOf(lab, vm)) !== 'aborted'; i++) await new Promise((resolve) => setTimeout(resolve, 250));
}

/** Starts the set's running and paused VMs; the returned function powers them off again. */
export async function startLiveVms(lab: VirtualBoxLab, plan: readonly PlannedVm[]): Promise<() => Promise<void>> {
    const live = plan.filter((vm) => vm.kind === 'running' || vm.kind === 'paused');
    const stop = async () => {
        for (const vm of live) await lab.quietly('controlvm', vm.name, 'poweroff');
    };
    try {
        for (const vm of live) {
            const state = await stateOf(lab, vm.name);
            if (state !== 'running' && state !== 'paused') await lab.vbox('startvm', vm.name, '--type', 'headless');
            if (vm.kind === 'paused' && state !== 'paused') await lab.vbox('controlvm', vm.name, 'pause');
            if (vm.kind === 'running' && state === 'paused') await lab.vbox('controlvm', vm.name, 'resume');
        }
    } catch (error) {
        await stop();
        throw error;
    }
    return stop;
}

/** Unregisters and deletes every VM of the set (the inaccessible one by UUID, its moved folder by hand). */
export async function removeVmSet(lab: VirtualBoxLab): Promise<void> {
    for (const vm of parseVmList(await lab.vbox('list', 'runningvms'))) await lab.quietly('controlvm', vm.uuid, 'poweroff');
    for (const vm of parseVmList(await lab.vbox('list', 'vms'))) {
        await lab.quietly('unregistervm', vm.uuid, '--delete');
        await lab.quietly('unregistervm', vm.uuid);
    }
}
