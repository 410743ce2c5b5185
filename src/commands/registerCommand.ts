import * as vscode from 'vscode';
import { isCancellation, isVBoxError, type VBoxErrorCode } from '../vbox/errors';
import type { Logger } from '../vbox/logger';

/** A command handler: tree commands get the clicked node and the selection; palette commands get neither. */
export type CommandHandler = (...args: unknown[]) => unknown;

/** Thrown when a user dismisses a quick pick or a confirmation: ends the command silently. */
export class UserCancelledError extends Error {
    constructor() {
        super('cancelled by the user');
    }
}

const SETTING_THAT_FIXES: Partial<Record<VBoxErrorCode, string>> = {
    SSH_CLIENT_MISSING: 'virtualbox.sshPath',
};

/**
 * Registers a command behind the one error wrapper: cancellation is silent; any other failure is logged and shown
 * as a notification whose "Show Log" opens the VirtualBox log.
 */
export function registerCommand(id: string, handler: CommandHandler, logger: Logger, showLog: () => void): vscode.Disposable {
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
            return await handler(...args);
        } catch (error) {
            if (error instanceof UserCancelledError || isCancellation(error)) return undefined;
            logger.error(`Command ${id} failed`, error);
            const message = isVBoxError(error)
                ? error.message
                : vscode.l10n.t('Something went wrong: {0}', error instanceof Error ? error.message : String(error));
            const showLogLabel = vscode.l10n.t('Show Log');
            const openSettingsLabel = vscode.l10n.t('Open Settings');
            // An error a setting fixes offers that setting.
            const setting = isVBoxError(error) ? SETTING_THAT_FIXES[error.code] : undefined;
            const actions = setting ? [openSettingsLabel, showLogLabel] : [showLogLabel];
            void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
                if (choice === showLogLabel) showLog();
                if (choice === openSettingsLabel && setting) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
            });
            return undefined;
        }
    });
}
