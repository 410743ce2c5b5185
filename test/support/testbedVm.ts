import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The testbed's VM window process (VirtualBoxVM, started by its VBoxManage shim) now and then stays alive after its
 * VM saved or powered off, holding the VM's session: a testbed artefact, not the product's. This ends it by the PID
 * the shim recorded for that VM, as the shim itself does before the VM's next start; VirtualBox then records the VM as
 * aborted (or aborted-saved). The PID is signalled only while its command line is that VM's VirtualBoxVM, so nothing
 * outside the testbed is touched. Returns whether there was such a process.
 */
export function endLingeringTestbedVm(vboxManage: string, uuid: string): boolean {
    const pidFile = path.join(path.dirname(path.dirname(vboxManage)), 'run', `vm-${uuid}.pid`);
    if (!existsSync(pidFile)) return false;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    const commandLine = pid > 0 && existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (!commandLine.includes('VirtualBoxVM') || !commandLine.includes(uuid)) return false;
    process.kill(pid, 'SIGKILL');
    return true;
}
