import { inputJsonSchema, type JsonSchema } from '../../src/api/inputSchema';
import type { Operation, OperationEffect } from '../../src/operations/operation';

/** One value of a field and the effect an operation has with it, e.g. `force` = true → destroy. */
export interface EffectCase {
    readonly field: string;
    readonly value: unknown;
    readonly effect: OperationEffect;
}

/**
 * For an operation whose effect depends on its input: which top-level choice (a boolean or an enum field) decides
 * it, and the effect of each value; found by asking the effect function itself. Empty when no single field
 * decides it (the docs then just say "depends on the input").
 */
export function effectCases(operation: Operation): EffectCase[] {
    const effect = operation.effect;
    if (typeof effect !== 'function') return [];
    const properties = (inputJsonSchema(operation.input).properties ?? {}) as Record<string, JsonSchema>;
    for (const [field, schema] of Object.entries(properties)) {
        const values = schema.type === 'boolean' ? [false, true] : Array.isArray(schema.enum) ? schema.enum : [];
        const cases = values.flatMap((value): EffectCase[] => {
            try {
                return [{ field, value, effect: effect({ [field]: value } as never) }];
            } catch {
                return [];
            }
        });
        if (cases.length === values.length && new Set(cases.map((entry) => entry.effect)).size > 1) return cases;
    }
    return [];
}

/** e.g. `` `force`: false → change, true → destroy `` */
export function effectCasesText(cases: readonly EffectCase[]): string {
    return `\`${cases[0]?.field}\`: ${cases.map((entry) => `${JSON.stringify(entry.value)} → ${entry.effect}`).join(', ')}`;
}
