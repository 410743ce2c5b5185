import * as vscode from 'vscode';
import type { Medium } from '../../vbox/parsers/media';
import { formatMegabytes } from '../common/formatSize';

/** The VMs (and their snapshots) that use a medium, in words: `web, db (snapshots: before-upgrade)`. */
export function describeUsers(medium: Medium): string {
    return medium.inUseBy
        .map((usage) => {
            const snapshots = usage.snapshots?.map((snapshot) => snapshot.name) ?? [];
            return snapshots.length ? vscode.l10n.t('{0} (snapshots: {1})', usage.name, snapshots.join(', ')) : usage.name;
        })
        .join(', ');
}

/** The facts of a medium for its hover: where the file is, how big, which format, who uses it. */
export function mediumTooltip(medium: Medium, fileName: string): vscode.MarkdownString {
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**');
    tooltip.appendText(fileName);
    tooltip.appendMarkdown('**\n\n');
    const rows: [string, string | undefined][] = [
        [vscode.l10n.t('Location'), medium.location],
        [vscode.l10n.t('Format'), [medium.format, medium.variant].filter(Boolean).join(', ') || undefined],
        [vscode.l10n.t('Capacity'), medium.capacityMb === undefined ? undefined : formatMegabytes(medium.capacityMb)],
        [vscode.l10n.t('Size on disk'), medium.sizeOnDiskMb === undefined ? undefined : formatMegabytes(medium.sizeOnDiskMb)],
        [vscode.l10n.t('Type'), medium.type],
        [vscode.l10n.t('State'), medium.state],
        [vscode.l10n.t('Used by'), medium.inUseBy.length ? describeUsers(medium) : vscode.l10n.t('no VM')],
        [vscode.l10n.t('Access error'), medium.accessError],
        ['UUID', medium.uuid],
    ];
    for (const [label, value] of rows) {
        if (value === undefined) continue;
        tooltip.appendMarkdown(`${label}: `);
        tooltip.appendText(value);
        tooltip.appendMarkdown('  \n');
    }
    return tooltip;
}
