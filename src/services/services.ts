import type * as vscode from 'vscode';
import type { SettingsService } from '../config/settings';
import type { RefreshReason } from '../tree/refreshScheduler';
import type { Logger } from '../vbox/logger';
import type { VBoxService } from './vboxService';

/** What every command, view and webview gets: built once in extension.ts. */
export interface Services {
    readonly context: vscode.ExtensionContext;
    readonly vbox: VBoxService;
    readonly settings: SettingsService;
    readonly logger: Logger;
    readonly refresh: { request(reason: RefreshReason): void };
    readonly showLog: () => void;
}
