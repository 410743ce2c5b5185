import { fieldOfIssue, type PlannedStep } from './applyPlanner';
import { attachmentKey } from './formModel';
import type { EditorChoices, SettingsForm } from './settingsForm';
import { STEP_OPERATIONS } from './stepOperations';

/** Form field path → the first problem found there. */
export type FieldErrors = Record<string, string>;

/** Checks every planned step's input with its operation's own zod schema; issues land on the form fields. */
export function validateSteps(steps: readonly PlannedStep[]): FieldErrors {
    const errors: FieldErrors = {};
    for (const step of steps) {
        const parsed = STEP_OPERATIONS[step.operation].input.safeParse(step.input);
        if (parsed.success) continue;
        for (const issue of parsed.error.issues) {
            const field = fieldOfIssue(step, issue.path);
            errors[field] ??= issue.message;
        }
    }
    return errors;
}

const ANY_ADDRESS = new Set(['', '0.0.0.0']);

/** Two rules that would listen on the same host socket (as port_forwarding judges it: an empty address is every address). */
function sameHostSocket(a: { protocol: string; hostIp: string; hostPort: number }, b: { protocol: string; hostIp: string; hostPort: number }): boolean {
    const addressesOverlap = ANY_ADDRESS.has(a.hostIp) || ANY_ADDRESS.has(b.hostIp) || a.hostIp === b.hostIp;
    return a.protocol === b.protocol && a.hostPort === b.hostPort && addressesOverlap;
}

const outside = (value: number | null, min: number, max: number) => value !== null && (value < min || value > max);

/**
 * What the operations check against VirtualBox and the host when they run, checked early from what the editor read:
 * memory, CPUs and video memory within limits, disks only growing, rule names and host ports unique.
 */
export function checkForm(baseline: SettingsForm, draft: SettingsForm, choices: EditorChoices): FieldErrors {
    const errors: FieldErrors = {};
    const { limits } = choices;
    const { memoryMb, cpus } = draft.system;
    if (memoryMb !== baseline.system.memoryMb && outside(memoryMb, limits.minMemoryMb, limits.maxMemoryMb)) {
        errors['system.memoryMb'] = `Choose ${limits.minMemoryMb}–${limits.maxMemoryMb} MB (this host has ${limits.hostMemoryMb} MB).`;
    }
    if (cpus !== baseline.system.cpus && outside(cpus, limits.minCpus, limits.maxCpus)) {
        errors['system.cpus'] = `Choose ${limits.minCpus}–${limits.maxCpus} CPUs (this host has ${limits.hostCpus}).`;
    }
    if (draft.display.vramMb !== baseline.display.vramMb && outside(draft.display.vramMb, limits.minVramMb, limits.maxVramMb)) {
        errors['display.vramMb'] = `Choose ${limits.minVramMb}–${limits.maxVramMb} MB.`;
    }
    const before = new Map(baseline.storage.attachments.map((a) => [attachmentKey(a), a]));
    draft.storage.attachments.forEach((attachment, index) => {
        const size = before.get(attachmentKey(attachment))?.sizeMb;
        if (!attachment.remove && size !== undefined && attachment.newSizeMb !== null && attachment.newSizeMb < size) {
            errors[`storage.attachments.${index}.newSizeMb`] = `Disks only grow: give at least ${size} MB.`;
        }
    });
    const hostSockets: { protocol: string; hostIp: string; hostPort: number; name: string }[] = [];
    draft.network.adapters.forEach((adapter, index) => {
        if (!adapter.enabled || adapter.mode !== 'nat') return;
        const names = new Set<string>();
        adapter.rules.forEach((rule, ruleIndex) => {
            const field = `network.adapters.${index}.rules.${ruleIndex}`;
            const name = rule.name.trim();
            if (names.has(name)) errors[`${field}.name`] ??= `Adapter ${adapter.slot} already has a rule named "${name}".`;
            names.add(name);
            if (rule.hostPort === null) return;
            const socket = { protocol: rule.protocol, hostIp: rule.hostIp.trim(), hostPort: rule.hostPort, name };
            const other = hostSockets.find((taken) => sameHostSocket(taken, socket));
            if (other) errors[`${field}.hostPort`] ??= `Host port ${rule.hostPort}/${rule.protocol} is already forwarded by rule "${other.name}".`;
            else hostSockets.push(socket);
        });
    });
    return errors;
}

/** Everything the page shows before Apply is allowed: schema issues first, then the early checks. */
export function validateDraft(steps: readonly PlannedStep[], baseline: SettingsForm, draft: SettingsForm, choices: EditorChoices): FieldErrors {
    return { ...checkForm(baseline, draft, choices), ...validateSteps(steps) };
}
