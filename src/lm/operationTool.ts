import * as vscode from 'vscode';
import { effectOf, type Operation, type OperationEffect } from '../operations/operation';
import type { Services } from '../services/services';
import { isVBoxError } from '../vbox/errors';
import { invocationMessages } from './invocationMessages';
import { errorText, resultText } from './toolResultText';

/**
 * One operation as a language-model tool: the same handler the commands call, through services.vbox.execute (so the
 * input is validated before anything is spawned and the views refresh after a change). Failures come back as text
 * with the stable code and what to do next; invoke never throws.
 */
export function createOperationTool(services: Services, operation: Operation, operationIds: readonly string[]): vscode.LanguageModelTool<unknown> {
    return {
        prepareInvocation(options) {
            const messages = invocationMessages(operation, options.input);
            return {
                invocationMessage: messages.invocationMessage,
                confirmationMessages: messages.confirmation && {
                    title: messages.confirmation.title,
                    message: new vscode.MarkdownString(messages.confirmation.markdown),
                },
            };
        },

        async invoke(options, token) {
            const controller = new AbortController();
            const subscription = token.onCancellationRequested(() => controller.abort());
            if (token.isCancellationRequested) controller.abort();
            try {
                const result = await services.vbox.execute(operation, options.input, { signal: controller.signal });
                return textResult(resultText(operation, effectFor(operation, options.input), options.input, result));
            } catch (error) {
                if (isVBoxError(error)) services.logger.warn(`Tool ${operation.id}: ${error.code}: ${error.message}`);
                else services.logger.error(`Tool ${operation.id} failed unexpectedly`, error);
                return textResult(errorText(error, operationIds));
            } finally {
                subscription.dispose();
            }
        },
    };
}

/** The input was valid (execute succeeded), so the effect can be read from it. */
function effectFor(operation: Operation, input: unknown): OperationEffect {
    const parsed = operation.input.safeParse(input);
    return parsed.success ? effectOf(operation, parsed.data) : 'read';
}

function textResult(text: string): vscode.LanguageModelToolResult {
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}
