import * as vscode from 'vscode';
import { UserCancelledError } from '../registerCommand';

export interface PickItemOptions {
    readonly title: string;
    readonly placeHolder: string;
    /** Said (and the command ends) when there is nothing to choose from. */
    readonly noneMessage: string;
}

/**
 * One quick pick for the palette path of the storage, network and snapshot commands: nothing to choose says so
 * and ends the command; dismissing the pick ends it silently.
 */
export async function pickItem<T extends vscode.QuickPickItem>(items: readonly T[], options: PickItemOptions): Promise<T> {
    if (!items.some((item) => item.kind !== vscode.QuickPickItemKind.Separator)) {
        void vscode.window.showInformationMessage(options.noneMessage);
        throw new UserCancelledError();
    }
    const picked = await vscode.window.showQuickPick(items, {
        title: options.title,
        placeHolder: options.placeHolder,
        matchOnDescription: true,
        matchOnDetail: true,
    });
    if (!picked) throw new UserCancelledError();
    return picked;
}

/** An input box whose dismissal ends the command silently. */
export async function askInput(options: vscode.InputBoxOptions): Promise<string> {
    const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
    if (value === undefined) throw new UserCancelledError();
    return value;
}
