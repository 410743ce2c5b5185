import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import { defineOperation, type OperationContext } from '../operation';
import { stateResult, type VmStateResult } from './lifecycle';
import { runOptions } from '../shared/runOptions';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { ACTIVE_STATES, RUNNING, requireState } from '../shared/vmStates';
import { waitForSessionRelease, waitForState } from './vmQueries';

export interface StopVmResult extends VmStateResult {
    /** How it stopped: the guest shut down after the ACPI power button, or it was powered off (`force`). */
    readonly method: 'acpi' | 'poweroff';
    readonly waitedSeconds: number;
}

async function powerOff(ctx: OperationContext, vm: string): Promise<VmStateResult> {
    await ctx.vbox.run(command(['controlvm', vm, 'poweroff'], ignoreOutput, { vm, timeoutMs: 120_000 }), runOptions(ctx));
    return stateResult(await waitForSessionRelease(ctx, vm));
}

export const stopVm = defineOperation({
    id: 'stop_vm',
    title: 'Stop VM (ACPI Shutdown)',
    description:
        'Asks the guest to shut down by pressing the ACPI power button, then waits until the VM is off. If the guest does ' +
        'not stop in time, `force` powers it off; without `force` the VM is left running and a TIMEOUT error says so.',
    input: z.object({
        vm: vmRef,
        timeoutSeconds: z.number().int().min(1).max(3600).default(60).describe('How long to wait for the guest to shut down.'),
        force: z.boolean().default(false).describe('Power the VM off if it is still running when the time is up (unsaved guest data is lost).'),
    }),
    effect: (input) => (input.force ? 'destroy' : 'change'),
    // A paused or stuck guest cannot react to the power button; only `force` can stop it.
    states: (input) => (input.force ? ACTIVE_STATES : RUNNING),
    async run(ctx, input): Promise<StopVmResult> {
        const info = await readVmInfo(ctx, input.vm);
        if (info.state !== 'running') {
            requireState(info, input.force ? ACTIVE_STATES : RUNNING, 'shut down', input.force ? 'It is not running.' : 'Resume it first, or use force.');
            return { ...(await powerOff(ctx, input.vm)), method: 'poweroff', waitedSeconds: 0 };
        }
        const started = Date.now();
        await ctx.vbox.run(command(['controlvm', input.vm, 'acpipowerbutton'], ignoreOutput, { vm: input.vm }), { signal: ctx.signal });
        ctx.progress({ message: `Waiting up to ${input.timeoutSeconds} s for the guest to shut down` });
        const after = await waitForState(ctx, input.vm, (state) => !ACTIVE_STATES.has(state), input.timeoutSeconds * 1000);
        const waitedSeconds = Math.round((Date.now() - started) / 100) / 10;
        if (!ACTIVE_STATES.has(after.state)) return { ...stateResult(await waitForSessionRelease(ctx, input.vm)), method: 'acpi', waitedSeconds };
        if (!input.force) {
            throw new VBoxError(
                'TIMEOUT',
                `VM "${after.name}" is still running ${input.timeoutSeconds} s after the ACPI power button was pressed: the guest ` +
                    'ignored it (no OS yet, or one that does not handle ACPI). Try again with force to power it off.',
            );
        }
        ctx.progress({ message: 'The guest did not shut down; powering off' });
        return { ...(await powerOff(ctx, input.vm)), method: 'poweroff', waitedSeconds };
    },
});
