import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { testEnv } from '../../integration/support/testEnv';

/**
 * The testbed's own processes, found like `testbed.sh` finds them: those whose root (/proc/PID/root) is the
 * testbed's chroot. Other people's testbeds and the host's own VirtualBox are never touched.
 */
export interface ChrootProcess {
    readonly pid: number;
    readonly argv: string[];
}

/** The chroot of the testbed VirtualBox runs in; undefined for any other VirtualBox (faults that kill VBoxSVC skip). */
export function testbedRoot(): string | undefined {
    if (testEnv.vbox.source !== 'testbed') return undefined;
    return realpathSync(join(dirname(testEnv.vbox.dataDir), 'root'));
}

export function chrootProcesses(root: string): ChrootProcess[] {
    const found: ChrootProcess[] = [];
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            if (readlinkSync(`/proc/${entry}/root`) !== root) continue;
            const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
            if (argv.length) found.push({ pid: Number(entry), argv });
        } catch {
            // The process ended while we looked.
        }
    }
    return found;
}

export const isVBoxSvc = (process: ChrootProcess) => process.argv[0]?.endsWith('/VBoxSVC') ?? false;

export function vboxSvcPids(root: string): number[] {
    return chrootProcesses(root).filter(isVBoxSvc).map((process) => process.pid);
}

export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/**
 * Waits until a testbed process matching `trigger` runs (a VBoxManage in the middle of the operation under test),
 * then kills the testbed's VBoxSVC with SIGKILL, by PID. Resolves with what it saw and killed.
 */
export async function killVBoxSvcDuring(root: string, trigger: (argv: string[]) => boolean, timeoutMs = 60_000): Promise<{ during: string[]; killed: number[] }> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        const processes = chrootProcesses(root);
        const busy = processes.find((candidate) => !isVBoxSvc(candidate) && trigger(candidate.argv));
        const services = processes.filter(isVBoxSvc).map((candidate) => candidate.pid);
        if (busy && services.length) {
            for (const pid of services) process.kill(pid, 'SIGKILL');
            return { during: busy.argv, killed: services };
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error('the operation never reached the call during which VBoxSVC was to be killed');
}
