import * as vscode from 'vscode';
import { createNetwork } from '../../operations/network/createNetwork';
import { isVBoxError } from '../../vbox/errors';
import type { CommandSpec } from '../commandSpec';
import { runChange } from '../storage/runChange';

/**
 * Create Host-only Interface: VirtualBox names it (vboxnetN). Without VirtualBox's host network driver this cannot
 * work; that is said in a modal with what to do about it, rather than as a passing error notification.
 */
export const createHostOnlyInterfaceCommand: CommandSpec = {
    id: 'virtualbox.network.createHostOnly',
    create: (services) => async () => {
        try {
            const result = await runChange(services, vscode.l10n.t('Creating a host-only interface'), createNetwork, { kind: 'hostonly' });
            if (result.kind === 'hostonly') void vscode.window.showInformationMessage(vscode.l10n.t('Created host-only interface {0}.', result.interface.name));
            return result;
        } catch (error) {
            if (!isVBoxError(error, 'HOST_DRIVER_MISSING')) throw error;
            services.logger.error('Creating a host-only interface failed', error);
            const useNat = vscode.l10n.t('Create NAT Network Instead…');
            const showLog = vscode.l10n.t('Show Log');
            const choice = await vscode.window.showErrorMessage(
                vscode.l10n.t('VirtualBox cannot create host-only interfaces on this machine.'),
                { modal: true, detail: error.message },
                useNat,
                showLog,
            );
            if (choice === useNat) await vscode.commands.executeCommand('virtualbox.network.createNat');
            if (choice === showLog) services.showLog();
            return undefined;
        }
    },
};
