import * as vscode from 'vscode';
import { listNetworks } from '../../operations/network/listNetworks';
import type { NetworkAttachment } from '../../operations/network/nicAttachment';
import type { Services } from '../../services/services';
import { UserCancelledError } from '../registerCommand';
import { askInput, pickItem } from '../storage/pickItem';

type Mode = NetworkAttachment['mode'];

const MODES: { mode: Mode; label: () => string; detail: () => string }[] = [
    { mode: 'nat', label: () => vscode.l10n.t('NAT'), detail: () => vscode.l10n.t('The guest reaches out through the host; reachable from outside only by port forwarding') },
    { mode: 'natnetwork', label: () => vscode.l10n.t('NAT Network'), detail: () => vscode.l10n.t('Like NAT, and VMs on the same NAT network see each other') },
    { mode: 'bridged', label: () => vscode.l10n.t('Bridged Adapter'), detail: () => vscode.l10n.t("The guest sits on the host's physical network") },
    { mode: 'hostonly', label: () => vscode.l10n.t('Host-only Adapter'), detail: () => vscode.l10n.t('A private network between the host and its VMs') },
    { mode: 'intnet', label: () => vscode.l10n.t('Internal Network'), detail: () => vscode.l10n.t('VMs with the same network name see each other; the host does not') },
    { mode: 'null', label: () => vscode.l10n.t('Not Attached'), detail: () => vscode.l10n.t('The adapter exists but is connected to nothing') },
];

/**
 * What an adapter is connected to: the mode, then what that mode needs: a host interface or NAT network that
 * exists (quick pick), or an internal network name (an existing one, or a new name).
 */
export async function askNetworkAttachment(services: Services, title: string, currentMode?: string): Promise<NetworkAttachment> {
    const modes = MODES.map((entry) => ({
        label: entry.label(),
        description: entry.mode === currentMode ? vscode.l10n.t('current') : undefined,
        detail: entry.detail(),
        mode: entry.mode,
    }));
    const picked = await vscode.window.showQuickPick(modes, { title, placeHolder: vscode.l10n.t('Attached to') });
    if (!picked) throw new UserCancelledError();
    const { mode } = picked;
    if (mode === 'nat' || mode === 'null') return { mode };
    const networks = await services.vbox.execute(listNetworks, {});
    const step = { title: `${title}: ${picked.label}`, placeHolder: vscode.l10n.t('Choose') };
    switch (mode) {
        case 'bridged': {
            const items = networks.bridged.map((host) => ({ label: host.name, description: [host.ipAddress, host.status].filter(Boolean).join(' · ') }));
            const host = await pickItem(items, { ...step, noneMessage: vscode.l10n.t('This host has no network interfaces to bridge to.') });
            return { mode, hostInterface: host.label };
        }
        case 'hostonly': {
            const items = networks.hostOnly.map((host) => ({ label: host.name, description: host.ipAddress }));
            const host = await pickItem(items, {
                ...step,
                noneMessage: vscode.l10n.t('This host has no host-only interfaces. Create one in the Networks view (Create Host-only Interface).'),
            });
            return { mode, hostInterface: host.label };
        }
        case 'natnetwork': {
            const items = networks.natNetworks.map((network) => ({ label: network.name, description: network.network }));
            const network = await pickItem(items, { ...step, noneMessage: vscode.l10n.t('There are no NAT networks. Create one in the Networks view (Create NAT Network).') });
            return { mode, networkName: network.label };
        }
        case 'intnet':
            return { mode, networkName: await askInternalNetwork(step.title, networks.internal) };
    }
}

async function askInternalNetwork(title: string, existing: readonly string[]): Promise<string> {
    const newName = vscode.l10n.t('New internal network…');
    const items = [...existing.map((name) => ({ label: name })), { label: `$(add) ${newName}`, isNew: true }];
    const picked = existing.length ? await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Internal network') }) : items[items.length - 1];
    if (!picked) throw new UserCancelledError();
    if (!('isNew' in picked)) return picked.label;
    const name = await askInput({
        title,
        prompt: vscode.l10n.t('Internal network name: adapters with the same name are connected'),
        value: 'intnet',
        validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('Enter a name.') : /[\p{Cc}]/u.test(text) ? vscode.l10n.t('No control characters.') : undefined),
    });
    return name.trim();
}
