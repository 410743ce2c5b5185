import * as vscode from 'vscode';
import { allOperations } from '../operations';
import type { Services } from '../services/services';
import { createOperationTool } from './operationTool';
import { toolName } from './toolNames';

/**
 * Registers every operation as a language-model tool (`virtualbox_<id>`), matching the `languageModelTools` entries
 * that scripts/generate/manifest.ts writes into package.json from the same catalogue.
 */
export function registerLanguageModelTools(services: Services): vscode.Disposable[] {
    const ids = allOperations.map((operation) => operation.id);
    return allOperations.map((operation) => vscode.lm.registerTool(toolName(operation.id), createOperationTool(services, operation, ids)));
}
