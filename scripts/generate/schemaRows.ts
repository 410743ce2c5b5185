import type { JsonSchema } from '../../src/api/inputSchema';

/** One input field as the reference table shows it. Nested fields are dotted (`rule.hostPort`, `groups[]`). */
export interface FieldRow {
    readonly path: string;
    readonly type: string;
    /** Required when its parent object is given (top-level fields: always). */
    readonly required: boolean;
    readonly defaultValue?: string;
    readonly limits: readonly string[];
    readonly description: string;
}

/** A form of the input: the whole input, or one member of a top-level union with what selects it. */
export interface InputForm {
    /** e.g. `mode` = `"hard"`; absent when the input has a single form. */
    readonly when?: string;
    readonly rows: readonly FieldRow[];
}

/** The input's forms: one for an object schema, one per member for a union (discriminated by a constant field). */
export function inputForms(schema: JsonSchema): InputForm[] {
    const members = unionMembers(schema);
    if (members) return members.map((member) => ({ when: discriminatorText(member, ''), rows: objectRows(member, '') }));
    return [{ rows: objectRows(schema, '') }];
}

function objectRows(schema: JsonSchema, prefix: string): FieldRow[] {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    return Object.entries(properties).flatMap(([name, property]) => fieldRows(property, `${prefix}${name}`, required.has(name)));
}

function fieldRows(schema: JsonSchema, path: string, required: boolean): FieldRow[] {
    const row: FieldRow = {
        path,
        type: typeText(schema),
        required,
        defaultValue: schema.default === undefined ? undefined : JSON.stringify(schema.default),
        limits: limitsOf(schema),
        description: typeof schema.description === 'string' ? schema.description : '',
    };
    return [row, ...childRows(schema, path)];
}

/** The fields inside an object, a list of objects, or each form of a nested union (rows say which form they belong to). */
function childRows(schema: JsonSchema, path: string): FieldRow[] {
    if (schema.type === 'object' && schema.properties) return objectRows(schema, `${path}.`);
    if (schema.type === 'array' && isObject(schema.items)) return childRows(schema.items, `${path}[]`);
    const members = unionMembers(schema);
    if (!members) return [];
    return members.flatMap((member) => {
        const when = discriminatorText(member, `${path}.`);
        return objectRows(member, `${path}.`).map((row) => ({ ...row, description: when ? `*When ${when}.* ${row.description}`.trim() : row.description }));
    });
}

function typeText(schema: JsonSchema): string {
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
    if (unionMembers(schema)) return 'one of the forms below';
    if (schema.type === 'array') {
        const items = isObject(schema.items) ? schema.items : {};
        return items.type === 'object' ? 'list of objects' : `list of ${typeText(items)}`;
    }
    if (typeof schema.type === 'string') return schema.format ? `${schema.type} (${String(schema.format)})` : schema.type;
    return 'any';
}

function limitsOf(schema: JsonSchema): string[] {
    const limits: string[] = [];
    const range = (low: unknown, high: unknown, unit: string) => {
        if (low !== undefined && high !== undefined) limits.push(`${String(low)}–${String(high)}${unit}`);
        else if (low !== undefined) limits.push(`≥ ${String(low)}${unit}`);
        else if (high !== undefined) limits.push(`≤ ${String(high)}${unit}`);
    };
    range(schema.minimum, schema.maximum, '');
    if (schema.exclusiveMinimum !== undefined) limits.push(`> ${String(schema.exclusiveMinimum)}`);
    if (schema.exclusiveMaximum !== undefined) limits.push(`< ${String(schema.exclusiveMaximum)}`);
    range(schema.minLength, schema.maxLength, ' characters');
    range(schema.minItems, schema.maxItems, ' items');
    // zod spells formats (ipv4, uuid) as patterns too; the format in the type says it more readably.
    if (typeof schema.pattern === 'string' && !schema.format) limits.push(`pattern \`${schema.pattern}\``);
    if (schema.additionalProperties === false) limits.push('no other fields');
    return limits;
}

function unionMembers(schema: JsonSchema): JsonSchema[] | undefined {
    const members = schema.oneOf ?? schema.anyOf;
    return Array.isArray(members) && members.every(isObject) ? members : undefined;
}

/** `kind` = `"new"`: the field whose constant value selects this form. */
function discriminatorText(member: JsonSchema, prefix: string): string | undefined {
    const properties = (member.properties ?? {}) as Record<string, JsonSchema>;
    const entry = Object.entries(properties).find(([, property]) => property.const !== undefined);
    return entry && `\`${prefix}${entry[0]}\` is \`${JSON.stringify(entry[1].const)}\``;
}

function isObject(value: unknown): value is JsonSchema {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
