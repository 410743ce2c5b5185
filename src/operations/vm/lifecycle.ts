import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { defineOperation, type OperationContext, type OperationEffect } from '../operation';
import { runOptions } from '../shared/runOptions';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { ACTIVE_STATES, LIVE_STATES, RESTORABLE_STATES, RUNNING, requireState, type AnyVmState } from '../shared/vmStates';
import { waitForSessionRelease } from './vmQueries';

/** What a lifecycle operation returns: the VM and the state VirtualBox reports afterwards. */
export interface VmStateResult {
    readonly name: string;
    readonly uuid: string;
    readonly state: AnyVmState;
}

export async function readState(ctx: OperationContext, vm: string): Promise<VmStateResult> {
    return stateResult(await readVmInfo(ctx, vm));
}

export const stateResult = (info: VmInfo): VmStateResult => ({ name: info.name, uuid: info.uuid, state: info.state });

export const startVm = defineOperation({
    id: 'start_vm',
    title: 'Start VM',
    description: 'Starts a powered-off or saved VM, headless (no window) by default. Returns the state afterwards.',
    input: z.object({
        vm: vmRef,
        type: z
            .enum(['headless', 'gui', 'separate'])
            .default('headless')
            .describe('headless: no window; gui: a VirtualBox window; separate: headless VM with a detachable window.'),
    }),
    effect: 'change',
    states: RESTORABLE_STATES,
    async run(ctx, input): Promise<VmStateResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, RESTORABLE_STATES, 'start', 'It is already running or busy.');
        // Starting restores a saved state, which takes longer than a cold start.
        await ctx.vbox.run(command(['startvm', input.vm, '--type', input.type], ignoreOutput, { vm: input.vm, timeoutMs: 180_000 }), runOptions(ctx));
        return readState(ctx, input.vm);
    },
});

interface ControlSpec {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly effect: OperationEffect;
    /** The `controlvm` subcommand. */
    readonly subcommand: string;
    readonly allowed: ReadonlySet<AnyVmState>;
    /** Completes "Cannot <action> while VM ...". */
    readonly action: string;
    readonly advice: string;
    /** The VM process ends: wait for its session to be released before returning. */
    readonly endsProcess?: boolean;
}

/** The controlvm actions that take nothing but the VM: a state check, the call, the state read back. */
function controlOperation(spec: ControlSpec) {
    return defineOperation({
        id: spec.id,
        title: spec.title,
        description: spec.description,
        input: z.object({ vm: vmRef }),
        effect: spec.effect,
        states: spec.allowed,
        async run(ctx, input): Promise<VmStateResult> {
            requireState(await readVmInfo(ctx, input.vm), spec.allowed, spec.action, spec.advice);
            await ctx.vbox.run(command(['controlvm', input.vm, spec.subcommand], ignoreOutput, { vm: input.vm, timeoutMs: 180_000 }), runOptions(ctx));
            return spec.endsProcess ? stateResult(await waitForSessionRelease(ctx, input.vm)) : readState(ctx, input.vm);
        },
    });
}

export const pauseVm = controlOperation({
    id: 'pause_vm',
    title: 'Pause VM',
    description: 'Pauses a running VM: its CPUs stop, memory stays allocated. Resume it with resume_vm.',
    effect: 'change',
    subcommand: 'pause',
    allowed: RUNNING,
    action: 'pause',
    advice: 'Only a running VM can be paused.',
});

export const resumeVm = controlOperation({
    id: 'resume_vm',
    title: 'Resume VM',
    description: 'Resumes a paused VM: its CPUs run again from where they stopped.',
    effect: 'change',
    subcommand: 'resume',
    allowed: new Set<AnyVmState>(['paused']),
    action: 'resume',
    advice: 'Only a paused VM can be resumed; a saved VM is started with start_vm.',
});

export const saveVmState = controlOperation({
    id: 'save_vm_state',
    title: 'Save VM State',
    description: "Saves a running or paused VM's memory to disk and stops it; start_vm later continues where it left off.",
    effect: 'change',
    subcommand: 'savestate',
    allowed: LIVE_STATES,
    action: 'save the state',
    advice: 'Only a running or paused VM has a state to save.',
    endsProcess: true,
});

export const powerOffVm = controlOperation({
    id: 'power_off_vm',
    title: 'Power Off VM',
    description: 'Turns a running VM off at once, like pulling the plug: unsaved work in the guest is lost. Prefer stop_vm.',
    effect: 'destroy',
    subcommand: 'poweroff',
    allowed: ACTIVE_STATES,
    action: 'power off',
    advice: 'It is not running.',
    endsProcess: true,
});
