import * as vscode from 'vscode';
import type { z } from 'zod';
import type { VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import type { CommandSpec } from '../commandSpec';
import { UserCancelledError } from '../registerCommand';
import type { ProgressHandle } from '../runWithProgress';
import { loadHostLimits, validateCount, type HostLimits } from './hostLimits';
import { runOnVms } from './runOnVms';
import { targetVms } from './vmTargets';

export interface SetResourceSpec {
    readonly id: string;
    readonly states: readonly string[];
    readonly title: () => string;
    readonly noneMessage: () => string;
    /** The operation's own schema for the value: the input box validates with it as the user types. */
    readonly schema: z.ZodType<number>;
    readonly current: (vm: VmSummary) => number;
    readonly bounds: (limits: HostLimits) => { min: number; max: number; unit: string };
    readonly prompt: (vm: VmSummary, limits: HostLimits) => string;
    readonly transient: () => string;
    readonly run: (services: Services, vm: VmSummary, value: number, handle: ProgressHandle) => Promise<unknown>;
}

/** Set CPUs / Set Memory: one VM, an input box that shows the limits, then the operation. */
export function setResourceCommand(spec: SetResourceSpec): CommandSpec {
    return {
        id: spec.id,
        create: (services) => async (...args: unknown[]) => {
            const [vm] = await targetVms(services, args, { states: spec.states, canPickMany: false, title: spec.title(), noneMessage: spec.noneMessage() });
            const limits = await loadHostLimits(services);
            const { min, max, unit } = spec.bounds(limits);
            const text = await vscode.window.showInputBox({
                title: `${spec.title()}: ${vm.name}`,
                prompt: spec.prompt(vm, limits),
                value: String(spec.current(vm)),
                ignoreFocusOut: true,
                validateInput: (value) => validateCount(value, spec.schema, min, max, unit),
            });
            if (text === undefined) throw new UserCancelledError();
            const value = Number(text.trim());
            if (value === spec.current(vm)) return;
            await runOnVms(services, [vm], { transient: spec.transient(), title: () => `${spec.title()}: ${vm.name}`, run: (target, handle) => spec.run(services, target, value, handle) });
        },
    };
}
