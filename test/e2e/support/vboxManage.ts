import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { harnessVBoxManage, type HarnessCall } from '../../support/harnessVBoxManage';
import { type RunningGuest, startGuestClone } from '../../support/realGuest';
import { endLingeringTestbedVm } from '../../support/testbedVm';

/**
 * VirtualBox's own answers, read by the journeys to check what a click did: the testbed's VBoxManage run with
 * execFile and its --machinereadable output parsed here, never through the extension's code. Also the set-up and
 * clean-up calls around the journeys (a VM to act on, removing what a journey made, even after a failure).
 */
export class VBoxManageCli {
    private readonly call: HarnessCall;

    constructor(readonly executable: string) {
        this.call = harnessVBoxManage(executable);
    }

    /** Runs VBoxManage (a transient session lock is retried, as the product does); rejects with its stderr. */
    run(...args: string[]): Promise<string> {
        return this.call(...args);
    }

    /** Runs a call whose failure does not matter (clean-up). */
    quietly(...args: string[]): Promise<string | undefined> {
        return this.run(...args).catch(() => undefined);
    }

    /** `showvminfo --machinereadable` as key/values; retried while a VM process that just ended releases it. */
    async vmInfo(vm: string): Promise<Map<string, string>> {
        for (let attempt = 0; ; attempt++) {
            try {
                return parseMachineReadable(await this.run('showvminfo', vm, '--machinereadable'));
            } catch (error) {
                // "The object is not ready" / VBOX_E_VM_ERROR for a second or two after a power-off.
                if (attempt >= 10 || !/not ready|E_ACCESSDENIED|VBOX_E_VM_ERROR|E_UNEXPECTED/.test(String(error))) throw error;
                await sleep(300);
            }
        }
    }

    async vmState(vm: string): Promise<string> {
        return (await this.vmInfo(vm)).get('VMState') ?? 'unknown';
    }

    /** Waits until VirtualBox reports the VM in `state` (a VMState value such as "running"); throws with the last one. */
    async waitForVmState(vm: string, state: string, timeoutMs = 120_000): Promise<void> {
        await eventually(
            async () => {
                const now = await this.vmState(vm);
                if (now !== state) throw new Error(`VirtualBox reports "${vm}" ${now}, not ${state}`);
            },
            { timeoutMs, intervalMs: 500 },
        );
    }

    /** Registered VMs as `list vms` prints them. */
    async vms(): Promise<{ name: string; uuid: string }[]> {
        const out = await this.run('list', 'vms');
        return [...out.matchAll(/^"(.*)" \{([0-9a-f-]+)\}$/gm)].map((match) => ({ name: match[1], uuid: match[2] }));
    }

    async vmExists(name: string): Promise<boolean> {
        return (await this.vms()).some((vm) => vm.name === name);
    }

    /** `list hdds`: one record per registered hard disk (keys as printed: UUID, Location, Capacity, In use by VMs...). */
    async hdds(): Promise<Map<string, string>[]> {
        return parseRecords(await this.run('list', 'hdds', '--long'));
    }

    /** `list natnets`: one record per NAT network (NetworkName, Network, ...). */
    async natNetworks(): Promise<Map<string, string>[]> {
        return parseRecords(await this.run('list', 'natnets'));
    }

    /** Where the Machines view shows a VM: under its (first) VirtualBox group's nodes, as the testbed's golden guest in /testbed. */
    async treePath(vm: string): Promise<string[]> {
        const info = await this.vmInfo(vm);
        const group = (info.get('groups') ?? '/').split(',')[0].split('/').filter(Boolean);
        return [...group, info.get('name') ?? vm];
    }

    /**
     * A running clone of the testbed's real Linux guest (test/support/realGuest.ts), ready when it answers SSH; removed
     * like any VM with `removeVm`.
     */
    startRealGuest(name: string): Promise<RunningGuest> {
        return startGuestClone((...args) => this.run(...args), path.join(path.dirname(path.dirname(this.executable)), 'data'), name);
    }

    /** A small VM to act on: no disk, 64 MB, CPU capped (the testbed emulates every instruction). */
    async createVm(name: string, options: { memoryMb?: number; cpus?: number; ostype?: string } = {}): Promise<void> {
        await this.run('createvm', '--name', name, '--ostype', options.ostype ?? 'Linux_64', '--register');
        await this.run('modifyvm', name, '--memory', String(options.memoryMb ?? 64), '--cpus', String(options.cpus ?? 1), '--vram', '16', '--cpu-execution-cap', '25');
    }

    /**
     * Removes a VM whatever its state and everything in its folder (disks too). Powers it off first; retries while
     * its session is still closing. Never throws: a clean-up failure must not hide the journey's own result.
     */
    async removeVm(name: string): Promise<void> {
        if (!(await this.vmExists(name).catch(() => false))) return;
        const state = await this.vmState(name).catch(() => 'unknown');
        if (['running', 'paused', 'stuck', 'gurumeditation'].includes(state)) await this.quietly('controlvm', name, 'poweroff');
        if (state === 'saved') await this.quietly('discardstate', name);
        for (let attempt = 0; attempt < 60; attempt++) {
            if ((await this.quietly('unregistervm', name, '--delete')) !== undefined) return;
            if (!(await this.vmExists(name).catch(() => true))) return;
            if (attempt === 20) await this.endLingeringTestbedVm(name);
            await sleep(500);
        }
        console.log(`      clean-up: could not delete VM "${name}"`);
    }

    /**
     * The testbed's VM window process (VirtualBoxVM, started by its VBoxManage shim) now and then stays alive after
     * its VM powered off, and keeps the VM locked. Ends it by the PID the shim recorded for that VM, as the shim
     * itself does before it starts the VM again. Nothing happens outside the testbed.
     */
    private async endLingeringTestbedVm(name: string): Promise<void> {
        const uuid = (await this.vms().catch(() => [])).find((vm) => vm.name === name)?.uuid;
        if (uuid && endLingeringTestbedVm(this.executable, uuid)) console.log(`      clean-up: ended the testbed's lingering VM process of "${name}"`);
    }

    async removeNatNetwork(name: string): Promise<void> {
        await this.quietly('natnetwork', 'remove', '--netname', name);
    }

    /** Forgets a disk image and deletes its file, whether VirtualBox still knows it or not. */
    async removeDiskFile(path: string): Promise<void> {
        await this.quietly('closemedium', 'disk', path, '--delete');
        if (existsSync(path)) rmSync(path, { force: true });
    }
}

/** `key="value"` lines (keys may be quoted too; values unquoted for numbers). */
export function parseMachineReadable(text: string): Map<string, string> {
    const values = new Map<string, string>();
    for (const line of text.split('\n')) {
        const match = /^("(?:[^"\\]|\\.)*"|[^=]+)=(.*)$/.exec(line.trim());
        if (!match) continue;
        values.set(unquote(match[1]), unquote(match[2]));
    }
    return values;
}

function unquote(value: string): string {
    return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/** `Key:   value` blocks separated by blank lines (the `list` commands' format). */
export function parseRecords(text: string): Map<string, string>[] {
    return text
        .split(/\n\s*\n/)
        .map((block) => {
            const record = new Map<string, string>();
            for (const line of block.split('\n')) {
                const match = /^([^:]+):\s*(.*)$/.exec(line);
                if (match && !record.has(match[1].trim())) record.set(match[1].trim(), match[2].trim());
            }
            return record;
        })
        .filter((record) => record.size > 0);
}

/** A name no other run and no other journey uses: `e2e-<label>-<random>`. */
export function uniqueName(label: string): string {
    return `e2e-${label}-${randomBytes(3).toString('hex')}`;
}

/**
 * Retries `check` until it stops throwing (or `timeoutMs` passes; then its last error is thrown): for what VirtualBox
 * or the workbench only shows after a moment.
 */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 30_000, intervalMs = 300 } = {}): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            return await check();
        } catch (error) {
            if (Date.now() > deadline) throw error;
            await sleep(intervalMs);
        }
    }
}
