import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { UserCancelledError } from '../registerCommand';

/**
 * Asks before an action that loses data, in a modal whose detail says exactly what is lost; dismissing it ends the
 * command silently. With `virtualbox.confirmDestructiveActions` off, a single action goes ahead unasked; a choice
 * between several actions (e.g. keep or delete the file) is still asked, since no answer is a safe default.
 */
export async function askDestructive<A extends string>(services: Services, message: string, detail: string, actions: readonly [A, ...A[]]): Promise<A> {
    if (actions.length === 1 && !services.settings.value.confirmDestructiveActions) return actions[0];
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
    if (choice === undefined) throw new UserCancelledError();
    return choice;
}
