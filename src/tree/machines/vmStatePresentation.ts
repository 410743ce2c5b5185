import * as vscode from 'vscode';
import type { VmState } from '../../vbox/parsers/vmInfo';

type AnyState = VmState | 'unknown';

/** A VM state in words, for the node's description and tooltip. */
export function stateLabel(state: AnyState): string {
    switch (state) {
        case 'running':
            return vscode.l10n.t('Running');
        case 'paused':
            return vscode.l10n.t('Paused');
        case 'poweroff':
            return vscode.l10n.t('Powered Off');
        case 'saved':
            return vscode.l10n.t('Saved');
        case 'aborted':
            return vscode.l10n.t('Aborted');
        case 'aborted-saved':
            return vscode.l10n.t('Aborted (Saved)');
        case 'gurumeditation':
            return vscode.l10n.t('Guru Meditation');
        case 'starting':
            return vscode.l10n.t('Starting');
        case 'stopping':
            return vscode.l10n.t('Stopping');
        case 'saving':
            return vscode.l10n.t('Saving');
        case 'restoring':
            return vscode.l10n.t('Restoring');
        case 'unknown':
            return vscode.l10n.t('Unknown');
        default:
            // The rarer transitional states (teleporting, snapshotting, ...): VirtualBox's own short name.
            return state;
    }
}

const TRANSITIONAL = new Set<AnyState>([
    'starting', 'stopping', 'saving', 'restoring', 'teleporting', 'teleportingin', 'teleportingpausedvm', 'livesnapshotting',
    'onlinesnapshotting', 'deletingsnapshotlive', 'deletingsnapshotlivepaused', 'restoringsnapshot', 'deletingsnapshot',
    'settingup', 'snapshotting',
]);

/** The node icon: shape by state, coloured with theme colours so that it works in every theme. */
export function stateIcon(state: AnyState, accessible = true): vscode.ThemeIcon {
    const icon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
    if (!accessible) return icon('warning', 'errorForeground');
    if (TRANSITIONAL.has(state)) return icon('loading~spin', 'charts.yellow');
    switch (state) {
        case 'running':
            return icon('vm-running', 'charts.green');
        case 'paused':
            return icon('debug-pause', 'charts.yellow');
        case 'saved':
        case 'aborted-saved':
            return icon('vm', 'charts.blue');
        case 'aborted':
            return icon('vm-outline', 'errorForeground');
        case 'gurumeditation':
            return icon('bug', 'errorForeground');
        case 'poweroff':
            return icon('vm-outline');
        default:
            return icon('question');
    }
}
