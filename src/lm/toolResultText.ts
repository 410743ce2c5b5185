import type { Operation, OperationEffect } from '../operations/operation';
import { isVBoxError } from '../vbox/errors';
import { ERROR_ADVICE } from './errorAdvice';
import { subjectOf } from './invocationMessages';
import { withToolNames } from './toolNames';

/** Enough for any list VirtualBox gives (list_os_types is the longest, ~20 kB); beyond it a model's context suffers. */
const MAX_RESULT_CHARS = 60_000;

/**
 * A tool's answer to the model. Reads come back as compact JSON (the data is the answer); changes as a sentence
 * saying what was done, followed by the JSON the operation returned (the state afterwards, names, paths).
 */
export function resultText(operation: Operation, effect: OperationEffect, input: unknown, result: unknown): string {
    const json = result === undefined ? undefined : JSON.stringify(result);
    if (effect === 'read') return limit(json ?? 'null');
    const subject = typeof input === 'object' && input !== null ? subjectOf(input as Record<string, unknown>) : '';
    const sentence = `Done: ${operation.title}${subject ? ` (${subject})` : ''}.`;
    return limit(json === undefined ? sentence : `${sentence} Result: ${json}`);
}

/**
 * A failure as text the model can act on: the stable code first (models and tests key on it), the message, and
 * what to do next. Never a stack; VirtualBox's raw output stays in the log.
 */
export function errorText(error: unknown, operationIds: readonly string[]): string {
    if (isVBoxError(error)) {
        return `Error ${error.code}: ${error.message}\nWhat to do: ${withToolNames(ERROR_ADVICE[error.code], operationIds)}`;
    }
    const message = error instanceof Error ? error.message : String(error);
    return (
        `Error UNEXPECTED: ${message}\nWhat to do: this is a fault in the VirtualBox extension, not in the request. ` +
        "Do not retry; tell the user, who can find details in the VirtualBox output channel."
    );
}

function limit(text: string): string {
    if (text.length <= MAX_RESULT_CHARS) return text;
    return `${text.slice(0, MAX_RESULT_CHARS)}… [truncated: ${text.length - MAX_RESULT_CHARS} more characters; ask for less, e.g. one VM]`;
}
