import * as vscode from 'vscode';
import type { CommandSpec } from '../commandSpec';
import { UserCancelledError } from '../registerCommand';

/** "Locate VBoxManage…": a file picker whose choice becomes the `virtualbox.vboxManagePath` setting. */
export const locateVBoxManage: CommandSpec = {
    id: 'virtualbox.locateVBoxManage',
    create: (services) => async () => {
        const current = services.settings.value.vboxManagePath;
        const picked = await vscode.window.showOpenDialog({
            title: vscode.l10n.t('Locate VBoxManage'),
            openLabel: vscode.l10n.t('Use This VBoxManage'),
            canSelectFiles: true,
            canSelectFolders: false,
            canSelectMany: false,
            defaultUri: current ? vscode.Uri.file(current) : undefined,
            filters: process.platform === 'win32' ? { VBoxManage: ['exe'] } : undefined,
        });
        const file = picked?.[0];
        if (!file) throw new UserCancelledError();
        // The settings service fires onDidChange: VBoxManage is looked up again and every view reloads.
        await services.settings.update('vboxManagePath', file.fsPath);
        services.refresh.request('manual');
    },
};
