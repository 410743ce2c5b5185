import { join } from 'node:path';
import { quietly, vbox } from '../../integration/support/independentReads';
import { testEnv } from '../../integration/support/testEnv';

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
        atEnd(async () => {
            await quietly('controlvm', name, 'poweroff');
            // The session of a VM that just stopped stays locked for a moment.
            for (let attempt = 0; attempt < 20; attempt++) {
                if (!(await vbox('showvminfo', name, '--machinereadable').then((out) => /^SessionName=/m.test(out), () => false))) break;
                await new Promise((resolve) => setTimeout(resolve, 250));
            }
            await quietly('unregistervm', name, '--delete');
        });
        await vbox('createvm', '--name', name, '--ostype', 'Other', '--register');
        await vbox('modifyvm', name, '--memory', '32', '--nic1', 'nat');
        await vbox('snapshot', name, 'take', 'before start');
        await vbox('startvm', name, '--type', 'headless');
        return { name, snapshot: 'before start' };
    })();
    return state.running;
}
