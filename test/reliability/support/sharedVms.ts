import { join } from 'node:path';
import { quietly, vbox } from '../../integration/support/independentReads';
import { testEnv } from '../../integration/support/testEnv';
import { chrootProcesses, testbedRoot } from './vboxsvc';

/**
 * The VMs several reliability specs share, made once with plain VBoxManage calls (not the operations under test):
 * a powered-off VM with a disk, a NAT rule and a snapshot, and a running VM (the only one the suite starts; a
 * running VM takes 10-20 s to start on an emulating testbed). Removed by the root `after` hook.
 */
export interface StoppedVm {
    readonly name: string;
    readonly diskPath: string;
    readonly diskUuid: string;
    readonly snapshot: string;
    readonly rule: { readonly name: string; readonly hostPort: number };
}

export interface RunningVm {
    readonly name: string;
    readonly uuid: string;
    readonly snapshot: string;
}

const shared = globalThis as { __vscodeVirtualBoxReliabilityVms?: { stopped?: Promise<StoppedVm>; running?: Promise<RunningVm>; cleanups: (() => Promise<void>)[] } };
const state = (shared.__vscodeVirtualBoxReliabilityVms ??= { cleanups: [] });

/** Registers a cleanup for the root after hook (runs in reverse order, failures ignored). */
export function atEnd(cleanup: () => Promise<unknown>): void {
    state.cleanups.push(async () => {
        await cleanup();
    });
}

export async function runCleanups(): Promise<void> {
    for (const cleanup of state.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}

export const uuidIn = (text: string) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(text)?.[0] ?? '';

export function stoppedVm(): Promise<StoppedVm> {
    state.stopped ??= (async () => {
        const name = testEnv.uniqueName('rel-stopped');
        atEnd(() => quietly('unregistervm', name, '--delete'));
        await vbox('createvm', '--name', name, '--ostype', 'Other', '--register');
        await vbox('modifyvm', name, '--memory', '64', '--nic1', 'nat', '--natpf1', 'ssh,tcp,,42022,,22');
        await vbox('storagectl', name, '--name', 'SATA', '--add', 'sata', '--portcount', '2');
        const folder = join(testEnv.vbox.dataDir, 'machines', name);
        const diskPath = join(folder, 'data disk.vdi');
        const diskUuid = uuidIn(await vbox('createmedium', 'disk', '--filename', diskPath, '--size', '64'));
        await vbox('storageattach', name, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', diskPath);
        await vbox('snapshot', name, 'take', 'base');
        return { name, diskPath, diskUuid, snapshot: 'base', rule: { name: 'ssh', hostPort: 42022 } };
    })();
    return state.stopped;
}

export function runningVm(): Promise<RunningVm> {
    state.running ??= (async () => {
        const name = testEnv.uniqueName('rel-running');
        const uuid = uuidIn(await vbox('createvm', '--name', name, '--ostype', 'Other', '--register'));
        atEnd(async () => {
            await powerOffAndWait(uuid);
            await quietly('unregistervm', uuid, '--delete');
        });
        await vbox('modifyvm', uuid, '--memory', '32', '--nic1', 'nat');
        await vbox('snapshot', uuid, 'take', 'before start');
        await vbox('startvm', uuid, '--type', 'headless');
        return { name, uuid, snapshot: 'before start' };
    })();
    return state.running;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Powers the VM off (if it runs) and waits until VirtualBox has released its session and, on the testbed, its
 * VirtualBoxVM process has ended: a VM process that outlives a VBoxSVC crash would hold the VM's lock forever. A
 * process of this suite's VM still there after 30 s is stopped by PID.
 */
export async function powerOffAndWait(uuid: string): Promise<void> {
    await quietly('controlvm', uuid, 'poweroff');
    const root = testbedRoot();
    const vmProcesses = () => (root ? chrootProcesses(root).filter((process) => process.argv.includes(uuid)).map((process) => process.pid) : []);
    const sessionOpen = () => vbox('showvminfo', uuid, '--machinereadable').then((out) => /^SessionName=/m.test(out), () => false);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (vmProcesses().length > 0 || (await sessionOpen()))) await sleep(250);
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        for (const pid of vmProcesses()) process.kill(pid, signal);
        if (vmProcesses().length) await sleep(3_000);
    }
}
