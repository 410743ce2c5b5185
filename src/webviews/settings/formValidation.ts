import { findRuleClash } from '../../operations/network/portForwardRules';
import { shrinkIssue } from '../../operations/storage/resizeRules';
import { resourceLimitIssues } from '../../operations/vm/resourceLimitRules';
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

/**
 * What the operations check against VirtualBox and the host when they run, checked early from what the editor read,
 * with the operations' own pure checks: memory, CPUs and video memory within limits, disks only growing, rule names
 * and host ports unique.
 */
export function checkForm(baseline: SettingsForm, draft: SettingsForm, choices: EditorChoices): FieldErrors {
    const errors: FieldErrors = {};
    const changed = (value: number | null, before: number | null) => (value !== null && value !== before ? value : undefined);
    const request = {
        memoryMb: changed(draft.system.memoryMb, baseline.system.memoryMb),
        cpus: changed(draft.system.cpus, baseline.system.cpus),
        vramMb: changed(draft.display.vramMb, baseline.display.vramMb),
    };
    const fields = { memoryMb: 'system.memoryMb', cpus: 'system.cpus', vramMb: 'display.vramMb' } as const;
    for (const issue of resourceLimitIssues(choices.limits, request)) errors[fields[issue.field]] = issue.message;
    const before = new Map(baseline.storage.attachments.map((a) => [attachmentKey(a), a]));
    draft.storage.attachments.forEach((attachment, index) => {
        const size = before.get(attachmentKey(attachment))?.sizeMb;
        const shrink = !attachment.remove && size !== undefined && attachment.newSizeMb !== null ? shrinkIssue(size, attachment.newSizeMb) : undefined;
        if (shrink) errors[`storage.attachments.${index}.newSizeMb`] = shrink;
    });
    // The draft's rules so far, as port_forwarding would find them on the VM when the next one is added.
    const nics: { slot: number; attachment: 'nat'; forwarding: { name: string; protocol: string; hostIp: string; hostPort: number }[] }[] = [];
    draft.network.adapters.forEach((adapter, index) => {
        if (!adapter.enabled || adapter.mode !== 'nat') return;
        const nic = { slot: adapter.slot, attachment: 'nat' as const, forwarding: [] as { name: string; protocol: string; hostIp: string; hostPort: number }[] };
        nics.push(nic);
        adapter.rules.forEach((rule, ruleIndex) => {
            const candidate = { name: rule.name.trim(), protocol: rule.protocol, hostIp: rule.hostIp.trim(), hostPort: rule.hostPort ?? undefined };
            const clash = findRuleClash(nics, adapter.slot, candidate);
            if (clash) errors[`network.adapters.${index}.rules.${ruleIndex}.${clash.field}`] ??= clash.message;
            if (candidate.hostPort !== undefined) nic.forwarding.push({ ...candidate, hostPort: candidate.hostPort });
        });
    });
    return errors;
}

/** Everything the page shows before Apply is allowed: schema issues first, then the early checks. */
export function validateDraft(steps: readonly PlannedStep[], baseline: SettingsForm, draft: SettingsForm, choices: EditorChoices): FieldErrors {
    return { ...checkForm(baseline, draft, choices), ...validateSteps(steps) };
}
