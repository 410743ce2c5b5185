import { groupsFromText } from './formModel';
import { planNetwork } from './planNetwork';
import { planStorage } from './planStorage';
import type { SettingsForm } from './settingsForm';
import type { StepOperationId } from './stepOperations';

/**
 * The apply planner: the difference between the baseline form (the VM as it was read) and the draft (the form as
 * edited) as a list of operation calls, in the order they can run. Pure: the page plans to validate and to show what
 * will happen; the host plans again from its own baseline and runs the steps.
 */
export interface PlannedStep {
    /** Stable within one plan, e.g. `config`, `pf-add:1:ssh`. */
    readonly key: string;
    readonly operation: StepOperationId;
    readonly input: Record<string, unknown>;
    /** What it does, for progress and the applied / not applied report. */
    readonly label: string;
    /** The form fields whose change this step carries out: its errors show there. */
    readonly fields: string[];
    /** Issue path prefix in the operation's input → form field prefix (the rest of the issue path is appended). */
    readonly fieldMap: ReadonlyArray<readonly [string, string]>;
    /** Can run while the VM runs (port forwarding, the virtual cable). */
    readonly live: boolean;
}

const CONFIG_FIELDS = [
    ['name', 'general.name', 'name'],
    ['osType', 'general.osTypeId', 'OS type'],
    ['description', 'general.description', 'description'],
    ['groups', 'general.groups', 'groups'],
    ['memoryMb', 'system.memoryMb', 'memory'],
    ['cpus', 'system.cpus', 'CPUs'],
    ['firmware', 'system.firmware', 'firmware'],
    ['chipset', 'system.chipset', 'chipset'],
    ['bootOrder', 'system.bootOrder', 'boot order'],
    ['vramMb', 'display.vramMb', 'video memory'],
    ['graphicsController', 'display.graphicsController', 'graphics controller'],
] as const;

type PatchKey = (typeof CONFIG_FIELDS)[number][0];

function configValues(form: SettingsForm): Record<PatchKey, unknown> {
    return {
        name: form.general.name,
        osType: form.general.osTypeId,
        description: form.general.description,
        groups: groupsFromText(form.general.groups),
        memoryMb: form.system.memoryMb,
        cpus: form.system.cpus,
        firmware: form.system.firmware,
        chipset: form.system.chipset,
        bootOrder: form.system.bootOrder,
        vramMb: form.display.vramMb,
        graphicsController: form.display.graphicsController,
    };
}

/** One update_vm_config call for every changed general, system and display field: all of them or none. */
function planConfig(vm: string, baseline: SettingsForm, draft: SettingsForm): PlannedStep[] {
    const before = configValues(baseline);
    const after = configValues(draft);
    const changed = CONFIG_FIELDS.filter(([key]) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    // An OS type this editor could not match to an id stays as it is unless one is chosen.
    const effective = changed.filter(([key]) => key !== 'osType' || after.osType !== '');
    if (effective.length === 0) return [];
    const patch = Object.fromEntries(effective.map(([key]) => [key, after[key]]));
    return [
        {
            key: 'config',
            operation: 'update_vm_config',
            input: { vm, patch },
            label: `Change ${effective.map(([, , words]) => words).join(', ')}`,
            fields: effective.map(([, field]) => field),
            fieldMap: effective.map(([key, field]) => [`patch.${key}`, field] as const),
            live: false,
        },
    ];
}

/** Every step of an apply, in running order: settings, storage, then network. */
export function planApply(vm: string, baseline: SettingsForm, draft: SettingsForm): PlannedStep[] {
    return [...planConfig(vm, baseline, draft), ...planStorage(vm, baseline, draft), ...planNetwork(vm, baseline, draft)];
}

/** The form field an issue at `issuePath` of a step's input belongs to. */
export function fieldOfIssue(step: PlannedStep, issuePath: readonly PropertyKey[]): string {
    const path = issuePath.map(String).join('.');
    let best: readonly [string, string] | undefined;
    for (const entry of step.fieldMap) {
        const [prefix] = entry;
        const matches = prefix === '' || path === prefix || path.startsWith(`${prefix}.`);
        if (matches && (!best || prefix.length > best[0].length)) best = entry;
    }
    if (!best) return step.fields[0] ?? '';
    const rest = best[0] === '' ? path : path.slice(best[0].length + 1);
    return rest ? `${best[1]}.${rest}` : best[1];
}
