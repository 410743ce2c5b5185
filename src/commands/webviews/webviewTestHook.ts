import * as vscode from 'vscode';
import type { CommandSpec } from '../commandSpec';
import { webviewManagers, type WebviewManagers } from './webviewManagers';

/**
 * Internal, not in package.json: gives the extension tests the panel managers (to open editors for a VM by UUID and
 * to send messages through the panels' own validation path with `simulateMessage`). Refused in production mode.
 */
export const webviewTestHook: CommandSpec = {
    id: 'virtualbox.webviews.testHook',
    create: (services) => (): WebviewManagers => {
        if (services.context.extensionMode === vscode.ExtensionMode.Production) {
            throw new Error('virtualbox.webviews.testHook is only available in development and tests');
        }
        return webviewManagers(services);
    },
};
