import { readFile, readdir } from 'node:fs/promises';

/**
 * The processes of one VirtualBox service, found on Linux through /proc: a VBoxSVC started with
 * VBOX_IPC_SOCKETID=<id> serves only the clients that have the same variable, and every process it (or a client)
 * starts inherits it. Used by the fixture recorder and the benchmark, which run VirtualBox services of their own.
 */

/** PIDs of the processes whose program ends with `program` (e.g. VBoxSVC, VirtualBoxVM) and whose environment names `socketId`. */
export async function pidsOf(program: string, socketId: string, cmdlineIncludes?: string): Promise<number[]> {
    const pids: number[] = [];
    for (const entry of await readdir('/proc').catch(() => [] as string[])) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0');
            if (!cmdline[0]?.endsWith(program)) continue;
            if (cmdlineIncludes !== undefined && !cmdline.includes(cmdlineIncludes)) continue;
            const environ = (await readFile(`/proc/${entry}/environ`, 'utf8')).split('\0');
            if (environ.includes(`VBOX_IPC_SOCKETID=${socketId}`)) pids.push(Number(entry));
        } catch {
            // the process ended while we looked
        }
    }
    return pids;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until the service's VBoxSVC has exited (it does 5-10 s after its last client); throws after `timeoutMs`. */
export async function waitForServiceExit(socketId: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await pidsOf('VBoxSVC', socketId)).length > 0) {
        if (Date.now() > deadline) throw new Error(`the VBoxSVC of ${socketId} did not exit within ${timeoutMs / 1000} s (a VM still running?)`);
        await sleep(250);
    }
}
