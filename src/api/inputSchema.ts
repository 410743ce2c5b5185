import { z } from 'zod';

/** A JSON Schema object as zod emits it: plain JSON, safe to put in package.json and to hand to other extensions. */
export type JsonSchema = { [key: string]: unknown };

/**
 * The JSON Schema of an operation's input, as a caller writes it (`io: 'input'`: fields with a default are optional,
 * transforms are described by what they accept). This one schema goes into package.json for the language-model
 * tools, into the public API's listOperations() and into docs/operations.md.
 *
 * Tidied for language models: no `$schema` (VS Code supplies the dialect), no ±2^53 bounds that zod adds to every
 * integer without limits (noise for a model), and a top-level union gets `type: "object"` because several model
 * providers reject a tool schema whose root is not declared an object.
 */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
    // 'any' instead of throwing for parts JSON Schema cannot express (refinements are simply not represented).
    const raw = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    delete raw.$schema;
    const tidy = withoutSafeIntegerBounds(raw) as JsonSchema;
    if (tidy.type === undefined && (Array.isArray(tidy.oneOf) || Array.isArray(tidy.anyOf))) return { type: 'object', ...tidy };
    return tidy;
}

function withoutSafeIntegerBounds(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutSafeIntegerBounds);
    if (value === null || typeof value !== 'object') return value;
    const result: JsonSchema = {};
    for (const [key, child] of Object.entries(value)) {
        if (key === 'minimum' && child === Number.MIN_SAFE_INTEGER) continue;
        if (key === 'maximum' && child === Number.MAX_SAFE_INTEGER) continue;
        result[key] = withoutSafeIntegerBounds(child);
    }
    return result;
}
