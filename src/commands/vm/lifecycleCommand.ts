import type { VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import type { CommandSpec } from '../commandSpec';
import type { ProgressHandle } from '../runWithProgress';
import { runOnVms } from './runOnVms';
import { targetVms } from './vmTargets';

export interface LifecycleSpec {
    readonly id: string;
    readonly states: readonly string[];
    /** Transient node description, e.g. "Pausing…". */
    readonly transient: () => string;
    /** Progress title for one VM. */
    readonly title: (vm: VmSummary) => string;
    /** Quick pick title from the palette. */
    readonly pickTitle: () => string;
    readonly noneMessage: () => string;
    /** Asked once for all the chosen VMs; false ends the command. */
    readonly confirm?: (services: Services, vms: readonly VmSummary[]) => Promise<boolean>;
    readonly run: (services: Services, vm: VmSummary, handle: ProgressHandle) => Promise<unknown>;
}

/** A command that runs one lifecycle operation on one or more VMs (multi-select, or a quick pick from the palette). */
export function lifecycleCommand(spec: LifecycleSpec): CommandSpec {
    return {
        id: spec.id,
        create: (services) => async (...args: unknown[]) => {
            const vms = await targetVms(services, args, { states: spec.states, canPickMany: true, title: spec.pickTitle(), noneMessage: spec.noneMessage() });
            if (spec.confirm && !(await spec.confirm(services, vms))) return;
            await runOnVms(services, vms, { transient: spec.transient(), title: spec.title, run: (vm, handle) => spec.run(services, vm, handle) });
        },
    };
}

/** "web", "web" and "db", or "3 VMs", for confirmation messages. */
export function namesOf(vms: readonly VmSummary[]): string {
    if (vms.length === 1) return `"${vms[0].name}"`;
    if (vms.length <= 3) return vms.map((vm) => `"${vm.name}"`).join(', ');
    return `${vms.length} VMs`;
}
