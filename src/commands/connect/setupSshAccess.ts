import * as vscode from 'vscode';
import { setupSshAccess as setupSshAccessOperation } from '../../operations/connect/sshAccess';
import type { CommandSpec } from '../commandSpec';
import { runWithProgress } from '../runWithProgress';
import { targetVm } from '../vm/vmTargets';

/** Adds a NAT forward from a free port on 127.0.0.1 to the guest's port 22 (or says which one exists). */
export const setupSshAccess: CommandSpec = {
    id: 'virtualbox.vm.setupSshAccess',
    create: (services) => async (...args: unknown[]) => {
        const vm = await targetVm(services, args, 'virtualbox.vm.setupSshAccess', {
            title: vscode.l10n.t('Set Up SSH Access'),
            noneMessage: vscode.l10n.t('No VM is in a state where a port forward can be added.'),
        });
        const result = await runWithProgress(vscode.l10n.t('Setting up SSH access to "{0}"', vm.name), (handle) =>
            services.vbox.execute(setupSshAccessOperation, { vm: vm.uuid }, handle),
        );
        const [endpoint] = result.endpoints;
        void vscode.window.showInformationMessage(
            result.added
                ? vscode.l10n.t('"{0}": SSH is forwarded from {1}:{2}.', vm.name, endpoint.host, endpoint.port)
                : vscode.l10n.t('"{0}" already has SSH access: {1}.', vm.name, endpoint.description),
        );
        return result;
    },
};
