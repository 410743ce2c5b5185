import * as vscode from 'vscode';
import { getVmSshEndpoint, setupSshAccess, waitForSsh, type SshEndpointResult, type WaitForSshResult } from '../../operations/connect/sshAccess';
import { sshUserName } from '../../operations/connect/sshEndpoints';
import type { VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import { UserCancelledError } from '../registerCommand';
import { runWithProgress } from '../runWithProgress';

/** globalState key of the user name last used for a VM (by UUID: a renamed VM keeps it). Never a password. */
const userKey = (uuid: string) => `virtualbox.ssh.user.${uuid}`;

/**
 * The user to log in as: asked with the last one used for this VM (or the local user's name) filled in, validated
 * by the same schema the operations use, and remembered for next time.
 */
export async function askSshUser(services: Services, vm: VmSummary): Promise<string> {
    // What was stored is read back through the same schema, like anything else that crosses into the extension.
    const remembered = sshUserName.safeParse(services.context.globalState.get(userKey(vm.uuid)));
    const fallback = sshUserName.safeParse(process.env.USER ?? '');
    const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('SSH into "{0}"', vm.name),
        prompt: vscode.l10n.t('User name in the guest'),
        value: remembered.success ? remembered.data : fallback.success ? fallback.data : '',
        ignoreFocusOut: true,
        validateInput: (text) => {
            const parsed = sshUserName.safeParse(text);
            return parsed.success ? undefined : parsed.error.issues[0]?.message;
        },
    });
    if (value === undefined) throw new UserCancelledError();
    const user = sshUserName.parse(value);
    await services.context.globalState.update(userKey(vm.uuid), user);
    return user;
}

/**
 * The VM's SSH endpoints, preferred first (its NAT forwards, read from its settings file when it has any); when it
 * has none, offers to set up access (a NAT forward from a free loopback port) and returns the endpoints after that.
 * Declining cancels silently.
 */
export async function endpointsOrSetup(services: Services, vm: VmSummary): Promise<SshEndpointResult> {
    const found = await services.vbox.execute(getVmSshEndpoint, { vm: vm.uuid, quick: true });
    if (found.endpoints.length > 0) return found;
    const setUp = vscode.l10n.t('Set Up SSH Access');
    const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t(
            '"{0}" has no way in over SSH yet: no NAT port forward to guest port 22, and no bridged or host-only address reported by its Guest Additions. Add a forward from a free port on 127.0.0.1?',
            vm.name,
        ),
        { modal: true },
        setUp,
    );
    if (choice !== setUp) throw new UserCancelledError();
    return runWithProgress(vscode.l10n.t('Setting up SSH access to "{0}"', vm.name), (handle) => services.vbox.execute(setupSshAccess, { vm: vm.uuid }, handle));
}

/** Waits until the VM's SSH server answers, behind a notification with Cancel, bounded by virtualbox.sshWaitSeconds. */
export function waitForSshWithProgress(services: Services, vm: VmSummary): Promise<WaitForSshResult> {
    return runWithProgress(vscode.l10n.t('Waiting for SSH in "{0}"', vm.name), (handle) =>
        services.vbox.execute(waitForSsh, { vm: vm.uuid, timeoutSeconds: services.settings.value.sshWaitSeconds }, handle),
    );
}
