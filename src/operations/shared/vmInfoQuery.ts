import { command, type VBoxCommand } from '../../vbox/command';
import { VBoxError, isVBoxError } from '../../vbox/errors';
import { sleep } from '../../vbox/sleep';
import { parseVmInfo, type VmInfo } from '../../vbox/parsers/vmInfo';
import type { OperationContext } from '../operation';

/** `showvminfo --machinereadable`, keyed on the VM so that it waits for this VM's other calls. */
export const showVmInfoCommand = (vm: string): VBoxCommand<VmInfo> =>
    command(['showvminfo', vm, '--machinereadable'], (o) => parseVmInfo(o.stdout), { vm, notFound: 'VM_NOT_FOUND' });

// Right after a VM process ends, VirtualBox answers showvminfo for a second or two with E_ACCESSDENIED ("The
// object is not ready"), VBOX_E_VM_ERROR or E_UNEXPECTED ("The session is not locked"); those are retried for a
// moment, not reported.
const TRANSIENT_RESULT_CODES = new Set([0x80070005, 0x80bb0003, 0x8000ffff]);
const TRANSIENT_RETRY_MS = 4_000;

/**
 * A VM's settings and state. VM_NOT_FOUND names the VM the caller asked for. `lockFree`, when given, is asked first
 * and again before every retry: a read that can answer without showvminfo's session lock (the settings files), so
 * the retries after a VM process ends stop as soon as that read can tell.
 */
export async function readVmInfo(ctx: OperationContext, vm: string, lockFree?: () => Promise<VmInfo | undefined>): Promise<VmInfo> {
    const deadline = Date.now() + TRANSIENT_RETRY_MS;
    for (;;) {
        const answered = await lockFree?.();
        if (answered) return answered;
        try {
            return await ctx.vbox.run(showVmInfoCommand(vm), { signal: ctx.signal });
        } catch (error) {
            if (isVBoxError(error, 'VM_NOT_FOUND')) throw vmNotFound(vm, error);
            const transient = isVBoxError(error) && error.resultCode !== undefined && TRANSIENT_RESULT_CODES.has(error.resultCode);
            if (!transient || Date.now() > deadline) throw error;
        }
        await sleep(250, ctx.signal);
    }
}

export function vmNotFound(vm: string, cause?: VBoxError): VBoxError {
    return new VBoxError('VM_NOT_FOUND', `No VM named "${vm}" (or with that UUID) is registered in VirtualBox.`, {
        details: cause?.details,
        args: cause?.args,
        exitCode: cause?.exitCode,
        resultCode: cause?.resultCode,
        cause,
    });
}
