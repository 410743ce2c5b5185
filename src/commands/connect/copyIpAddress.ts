import * as vscode from 'vscode';
import { getVmSshEndpoint } from '../../operations/connect/sshAccess';
import type { CommandSpec } from '../commandSpec';
import { UserCancelledError } from '../registerCommand';
import { targetVm } from '../vm/vmTargets';

/** Copies the guest's IPv4 address as its Guest Additions report it; with several adapters, the user picks one. */
export const copyIpAddress: CommandSpec = {
    id: 'virtualbox.vm.copyIpAddress',
    create: (services) => async (...args: unknown[]) => {
        const vm = await targetVm(services, args, 'virtualbox.vm.copyIpAddress', {
            title: vscode.l10n.t('Copy IP Address'),
            noneMessage: vscode.l10n.t('No VM is running: a guest reports its addresses only while it runs.'),
        });
        const { addresses } = await services.vbox.execute(getVmSshEndpoint, { vm: vm.uuid });
        if (addresses.length === 0) {
            void vscode.window.showInformationMessage(
                vscode.l10n.t('"{0}" reports no IP address: its Guest Additions are not running, or it has no network yet.', vm.name),
            );
            throw new UserCancelledError();
        }
        const chosen =
            addresses.length === 1
                ? addresses[0]
                : (
                      await vscode.window.showQuickPick(
                          addresses.map((address) => ({ label: address.ip, description: vscode.l10n.t('adapter {0} ({1})', address.slot, address.attachment), address })),
                          { title: vscode.l10n.t('Copy IP Address of "{0}"', vm.name) },
                      )
                  )?.address;
        if (!chosen) throw new UserCancelledError();
        await vscode.env.clipboard.writeText(chosen.ip);
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied: {0}', chosen.ip));
        return chosen.ip;
    },
};
