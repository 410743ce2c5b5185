import { inputJsonSchema, type JsonSchema } from '../../src/api/inputSchema';
import { toolName, toolReferenceName, withToolNames } from '../../src/lm/toolNames';
import type { Operation } from '../../src/operations/operation';
import type { CatalogueEntry } from './catalogue';
import { effectCases, effectCasesText } from './effectCases';
import type { ResultDoc } from './resultTypes';

/** One entry of `contributes.languageModelTools`, as VS Code 1.100 reads it. */
export interface LanguageModelToolContribution {
    readonly name: string;
    readonly displayName: string;
    readonly toolReferenceName: string;
    /** In 1.100 this also puts the tool in agent mode's tool picker, so every tool has it. */
    readonly canBeReferencedInPrompt: boolean;
    readonly icon: string;
    readonly tags: readonly string[];
    readonly userDescription: string;
    readonly modelDescription: string;
    readonly inputSchema: JsonSchema;
}

/** The contributions for the whole catalogue, in its order. */
export function buildLanguageModelTools(catalogue: readonly CatalogueEntry[]): LanguageModelToolContribution[] {
    const ids = catalogue.map((entry) => entry.operation.id);
    return catalogue.map(({ operation, result }) => ({
        name: toolName(operation.id),
        displayName: operation.title,
        toolReferenceName: toolReferenceName(operation.id),
        canBeReferencedInPrompt: true,
        icon: `$(${iconOf(operation.id)})`,
        tags: ['virtualbox'],
        userDescription: operation.description,
        modelDescription: withToolNames([operation.description, effectSentence(operation), returnsSentence(result), ERROR_SENTENCE].join(' '), ids),
        inputSchema: inputJsonSchema(operation.input),
    }));
}

const ERROR_SENTENCE = 'On failure it returns "Error <CODE>: <message>" and what to do next.';

function effectSentence(operation: Operation): string {
    if (typeof operation.effect === 'function') {
        const cases = effectCases(operation);
        const which = cases.length ? ` (${effectCasesText(cases)})` : '';
        return `What it does to VirtualBox depends on the input${which}; the user confirms before anything is changed.`;
    }
    switch (operation.effect) {
        case 'read':
            return 'Read-only: changes nothing and runs without confirmation.';
        case 'change':
            return 'Changes VirtualBox; the user confirms before it runs.';
        case 'destroy':
            return 'Destructive: what it discards or deletes cannot be recovered; the user confirms before it runs.';
    }
}

/** "Returns JSON: a list of objects with name, uuid, state." — the top-level fields, enough for a model to plan. */
export function returnsSentence(result: ResultDoc): string {
    if (result.summary === 'nothing') return 'Returns a sentence saying it is done.';
    if (result.variants) return `Returns JSON: one of ${result.variants.map((variant) => `{${topLevelNames(variant).join(', ')}}`).join(' or ')}.`;
    const names = topLevelNames(result);
    if (names.length === 0) return `Returns JSON: ${result.summary}.`;
    const shape = result.summary === 'object' ? 'an object' : `a ${result.summary}`;
    return `Returns JSON: ${shape} with ${names.join(', ')}.`;
}

function topLevelNames(result: ResultDoc): string[] {
    return result.fields.filter((field) => !field.path.includes('.')).map((field) => field.path);
}

/** A codicon for the tool, from what the id says it does; new operations get a sensible one without a table entry. */
const ICON_RULES: readonly (readonly [RegExp, string])[] = [
    [/screenshot/, 'device-camera'],
    [/snapshot/, 'history'],
    [/disk/, 'database'],
    [/port_forwarding/, 'arrow-swap'],
    [/network|nic/, 'globe'],
    [/usage/, 'pulse'],
    [/^(start|resume)_/, 'debug-start'],
    [/^(stop|power_off)_/, 'debug-stop'],
    [/^pause_/, 'debug-pause'],
    [/^reset_/, 'debug-restart'],
    [/^save_/, 'save'],
    [/^delete_/, 'trash'],
    [/^clone_/, 'copy'],
    [/^create_/, 'add'],
    [/config|^set_/, 'settings-gear'],
    [/^list_/, 'list-unordered'],
];

function iconOf(id: string): string {
    return ICON_RULES.find(([pattern]) => pattern.test(id))?.[1] ?? 'vm';
}
