import * as vscode from 'vscode';
import { getVmConfig } from '../../operations/vm/config';
import type { CommandSpec } from '../commandSpec';
import { commandStates } from '../commandStates';
import { targetVms } from './vmTargets';

const SCHEME = 'virtualbox-vm-config';

/**
 * Shows a VM's configuration as read-only JSON: a virtual document (`virtualbox-vm-config:/<name>.json?<uuid>`)
 * that reads get_vm_config whenever it is opened, so there is nothing to save.
 */
export const showConfiguration: CommandSpec = {
    id: 'virtualbox.vm.showConfiguration',
    create: (services) => {
        const provider: vscode.TextDocumentContentProvider = {
            async provideTextDocumentContent(uri) {
                try {
                    const config = await services.vbox.execute(getVmConfig, { vm: uri.query });
                    return `${JSON.stringify(config, null, 4)}\n`;
                } catch (error) {
                    services.logger.error(`Reading the configuration of ${uri.query} failed`, error);
                    return `// ${vscode.l10n.t('Could not read the configuration: {0}', error instanceof Error ? error.message : String(error))}\n`;
                }
            },
        };
        services.context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider));
        return async (...args: unknown[]) => {
            const [vm] = await targetVms(services, args, {
                states: commandStates('virtualbox.vm.showConfiguration'),
                canPickMany: false,
                title: vscode.l10n.t('Show VM Configuration'),
                noneMessage: vscode.l10n.t('No VM has a readable configuration.'),
            });
            const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${vm.name.replace(/[\\/]/g, '_')}.json`, query: vm.uuid });
            const document = await vscode.workspace.openTextDocument(uri);
            await vscode.languages.setTextDocumentLanguage(document, 'json');
            await vscode.window.showTextDocument(document, { preview: true });
        };
    },
};
