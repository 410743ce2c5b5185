import * as vscode from 'vscode';
import type { Services } from '../../services/services';

/**
 * Commands for the extension tests, registered but not contributed (so not in the palette):
 * `virtualbox.internal.getStatus` returns what the `virtualbox.status` context key was set to (the welcome content
 * depends on it; context keys cannot be read back through the API).
 */
export function registerInternalCommands(services: Services): vscode.Disposable[] {
    return [vscode.commands.registerCommand('virtualbox.internal.getStatus', () => services.vbox.status)];
}
