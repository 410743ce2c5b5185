import { EDITABLE_STATES, LIVE_STATES, describeState } from '../../operations/shared/vmStates';
import type { PlannedStep } from './applyPlanner';

/**
 * What may change in which VM state. Powered off (or aborted): everything. Running or paused: port-forwarding rules
 * and the virtual cable only (they go to the running VM); the rest needs the VM off. Saved or busy: nothing.
 */
export type EditMode = 'all' | 'live' | 'none';

export function editModeOf(state: string): EditMode {
    if ((EDITABLE_STATES as ReadonlySet<string>).has(state)) return 'all';
    if ((LIVE_STATES as ReadonlySet<string>).has(state)) return 'live';
    return 'none';
}

/** Form fields that can change while the VM runs: rules tables and cable checkboxes. */
export function isLiveField(field: string): boolean {
    return /^network\.adapters\.\d+\.(rules(\.|$)|cableConnected$)/.test(field);
}

/** Why the fields that need the VM off are disabled, or undefined when nothing is. */
export function lockReason(state: string): string | undefined {
    switch (editModeOf(state)) {
        case 'all':
            return undefined;
        case 'live':
            return `The VM is ${describeState(state as never)}: only port forwarding and the network cable can change now. Power it off to change the rest.`;
        default:
            return `The VM is ${describeState(state as never)}: settings cannot change now. Power it off${state === 'saved' ? ' (or discard its saved state)' : ''} first.`;
    }
}

export interface RefusedStep {
    readonly step: PlannedStep;
    readonly reason: string;
}

/** The steps that cannot run in this state, with the reason; an apply with any of them runs nothing. */
export function refusedSteps(steps: readonly PlannedStep[], state: string): RefusedStep[] {
    const mode = editModeOf(state);
    const reason = lockReason(state) ?? '';
    return steps.filter((step) => mode === 'none' || (mode === 'live' && !step.live)).map((step) => ({ step, reason }));
}
