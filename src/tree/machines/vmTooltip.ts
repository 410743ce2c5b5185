import * as vscode from 'vscode';
import type { VmConfig } from '../../operations/vm/config';
import type { VmSummary } from '../../operations/vm/listVms';
import { formatMegabytes } from '../common/formatSize';
import { stateLabel } from './vmStatePresentation';

/** The key facts of a VM as a markdown tooltip; the configuration adds more once the node was expanded. */
export function vmTooltip(vm: VmSummary, config: VmConfig | undefined, transient: string | undefined): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.supportThemeIcons = true;
    md.appendMarkdown(`**${escape(vm.name)}**`);
    md.appendMarkdown(` — ${escape(transient ?? stateLabel(vm.state))}\n\n`);
    if (!vm.accessible) {
        md.appendMarkdown(vscode.l10n.t('$(warning) VirtualBox cannot read this VM\'s settings file.') + '\n\n');
    }
    const rows: [string, string][] = [
        [vscode.l10n.t('Guest OS'), vm.osType],
        [vscode.l10n.t('CPUs'), String(vm.cpus)],
        [vscode.l10n.t('Memory'), formatMegabytes(vm.memoryMb)],
        [vscode.l10n.t('Groups'), vm.groups.join(', ')],
    ];
    if (config) {
        const current = config.snapshots.currentName;
        rows.push([vscode.l10n.t('Snapshots'), current ? vscode.l10n.t('{0} (current: {1})', config.snapshots.count, current) : String(config.snapshots.count)]);
        rows.push([vscode.l10n.t('Firmware'), `${config.system.firmware} · ${config.system.chipset}`]);
        if (config.general.description) rows.push([vscode.l10n.t('Description'), config.general.description]);
        rows.push([vscode.l10n.t('Settings file'), config.general.settingsFile]);
    }
    rows.push(['UUID', vm.uuid]);
    md.appendMarkdown(rows.map(([key, value]) => `${escape(key)}: ${escape(value)}`).join('  \n'));
    return md;
}

/** Markdown-escapes text that comes from VirtualBox (names, descriptions, paths). */
function escape(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, (c) => `\\${c}`);
}
