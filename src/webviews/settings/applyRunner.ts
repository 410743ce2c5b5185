import type { Operation } from '../../operations/operation';
import type { Services } from '../../services/services';
import { isVBoxError } from '../../vbox/errors';
import type { PlannedStep } from './applyPlanner';
import type { ApplyResult } from './protocol';
import { STEP_OPERATIONS } from './stepOperations';

const report = (step: PlannedStep) => ({ label: step.label, fields: step.fields });

/** The field an error names (`memoryMb: ... is outside ...`), else the step's first field. */
function fieldOfError(step: PlannedStep, message: string): string {
    for (const [prefix, field] of step.fieldMap) {
        const last = prefix.split('.').pop();
        if (last && (message.includes(`${prefix}:`) || new RegExp(`(^|[\\s;])${last}:`).test(message))) return field;
    }
    return step.fields[0] ?? '';
}

/**
 * Runs the steps one after another through VBoxService (which validates each input with the operation's schema
 * again). The first failure stops the run; the result says what was applied, what failed and why, and what did not
 * run, so a half-done apply is reported as such.
 */
export async function runSteps(
    services: Services,
    steps: readonly PlannedStep[],
    onStep: (step: PlannedStep, index: number) => void,
    signal?: AbortSignal,
): Promise<ApplyResult & { appliedKeys: Set<string> }> {
    const applied: PlannedStep[] = [];
    const appliedKeys = new Set<string>();
    for (const [index, step] of steps.entries()) {
        onStep(step, index);
        try {
            // The map's operations differ in input and result types; the input is validated again by its own schema.
            const operation = STEP_OPERATIONS[step.operation] as unknown as Operation;
            await services.vbox.execute(operation, step.input, { signal });
            applied.push(step);
            appliedKeys.add(step.key);
        } catch (error) {
            const message = isVBoxError(error) || error instanceof Error ? error.message : String(error);
            services.logger.error(`Settings editor: "${step.label}" failed`, error);
            return {
                applied: applied.map(report),
                failed: { ...report(step), message },
                notRun: steps.slice(index + 1).map(report),
                fieldErrors: { [fieldOfError(step, message)]: message },
                appliedKeys,
            };
        }
    }
    return { applied: applied.map(report), notRun: [], fieldErrors: {}, appliedKeys };
}
