import { effectOf, type Operation, type OperationEffect } from '../operations/operation';

/**
 * What a tool shows before it runs, as plain strings (the adapter wraps them for VS Code): a progress line for every
 * call, and for anything that changes or destroys state a confirmation that names the objects and the fields.
 */
export interface InvocationMessages {
    readonly invocationMessage: string;
    /** Absent for reads, and for input the schema rejects (the call then fails with INVALID_INPUT before anything runs). */
    readonly confirmation?: { readonly title: string; readonly markdown: string };
}

/** Input fields that name what an operation acts on, in the order they are mentioned, with how a person calls them. */
const SUBJECT_FIELDS: readonly (readonly [field: string, label: string])[] = [
    ['vm', 'VM'],
    ['snapshot', 'snapshot'],
    ['disk', 'disk'],
    ['network', 'network'],
    ['name', 'name'],
    ['newName', 'new name'],
];

const MAX_VALUE_CHARS = 200;

export function invocationMessages(operation: Operation, input: unknown): InvocationMessages {
    const parsed = operation.input.safeParse(input);
    const fields = isRecord(input) ? input : {};
    const subject = subjectOf(fields);
    const invocationMessage = subject ? `${operation.title} (${subject})` : operation.title;
    if (!parsed.success) return { invocationMessage };
    const effect = effectOf(operation, parsed.data);
    if (effect === 'read') return { invocationMessage };
    return {
        invocationMessage,
        confirmation: {
            title: subject ? `${operation.title}: ${subject}?` : `${operation.title}?`,
            markdown: confirmationMarkdown(operation, effect, fields),
        },
    };
}

/** e.g. `VM "web01", snapshot "clean"`; only text values (a disk given as an object is listed below instead). */
export function subjectOf(fields: Record<string, unknown>): string {
    return SUBJECT_FIELDS.filter(([field]) => typeof fields[field] === 'string' && fields[field] !== '')
        .map(([field, label]) => `${label} "${truncate(String(fields[field]))}"`)
        .join(', ');
}

function confirmationMarkdown(operation: Operation, effect: Exclude<OperationEffect, 'read'>, fields: Record<string, unknown>): string {
    const lines = [`**${escapeMarkdown(operation.title)}**: ${escapeMarkdown(operation.description)}`, ''];
    const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
    if (entries.length > 0) {
        for (const [field, value] of entries) lines.push(`- ${escapeMarkdown(field)}: ${inlineCode(formatValue(value))}`);
        lines.push('');
    }
    lines.push(
        effect === 'destroy'
            ? '**This cannot be undone**: what it discards or deletes (guest state, files, snapshots) cannot be recovered.'
            : 'This changes the VM or VirtualBox settings as listed above.',
    );
    return lines.join('\n');
}

function formatValue(value: unknown): string {
    return truncate(typeof value === 'string' ? value : JSON.stringify(value));
}

function truncate(text: string): string {
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

/** A code span that survives backticks in the value: the fence is one backtick longer than the longest run inside. */
function inlineCode(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    return `${fence} ${text.replace(/\n/g, ' ')} ${fence}`;
}

function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+!<>|]/g, (char) => `\\${char}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
