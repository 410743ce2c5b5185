import * as vscode from 'vscode';
import type { NetworkAttachment } from '../../operations/network/nicAttachment';

/** An attachment in words, for messages: `NAT`, `bridged to eth0`, `internal network "intnet"`. */
export function describeAttachment(attachment: NetworkAttachment): string {
    switch (attachment.mode) {
        case 'nat':
            return vscode.l10n.t('NAT');
        case 'null':
            return vscode.l10n.t('nothing');
        case 'bridged':
            return vscode.l10n.t('bridged to {0}', attachment.hostInterface);
        case 'hostonly':
            return vscode.l10n.t('host-only interface {0}', attachment.hostInterface);
        case 'intnet':
            return vscode.l10n.t('internal network "{0}"', attachment.networkName);
        case 'natnetwork':
            return vscode.l10n.t('NAT network "{0}"', attachment.networkName);
    }
}
