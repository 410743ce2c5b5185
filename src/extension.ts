import * as vscode from 'vscode';

/** Wiring only: everything the extension does lives in src/vbox, src/operations and the adapters. */
export function activate(context: vscode.ExtensionContext): void {
    const log = vscode.window.createOutputChannel('VirtualBox', { log: true });
    context.subscriptions.push(log);
}

export function deactivate(): void {
    // Nothing to release beyond context.subscriptions.
}
