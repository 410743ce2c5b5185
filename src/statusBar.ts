import * as vscode from 'vscode';
import type { VBoxService } from './services/vboxService';
import type { MachinesStore } from './tree/machines/machinesStore';

/**
 * The number of running VMs, from the Machines data; a click focuses the Machines view. Hidden while VirtualBox
 * cannot be reached (the view's welcome content explains that).
 */
export function createStatusBar(store: MachinesStore, vbox: VBoxService): vscode.Disposable {
    const item = vscode.window.createStatusBarItem('virtualbox.runningVms', vscode.StatusBarAlignment.Left, 10);
    item.name = vscode.l10n.t('VirtualBox: Running VMs');
    item.command = 'virtualbox.machines.focus';
    const update = () => {
        const state = store.state;
        if (state.kind !== 'loaded' || vbox.status === 'missing' || vbox.status === 'failing') {
            item.hide();
            return;
        }
        const running = state.vms.filter((vm) => vm.state === 'running');
        item.text = `$(vm-running) ${running.length}`;
        const tooltip = new vscode.MarkdownString();
        tooltip.appendText(
            running.length === 0
                ? vscode.l10n.t('No VM is running ({0} in total).', state.vms.length)
                : vscode.l10n.t('{0} of {1} VMs running: {2}', running.length, state.vms.length, running.map((vm) => vm.name).join(', ')),
        );
        tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Click to show the Machines view.')}`);
        item.tooltip = tooltip;
        item.accessibilityInformation = { label: vscode.l10n.t('{0} VirtualBox VMs running', running.length) };
        item.show();
    };
    update();
    const subscriptions = [store.onDidChange(update), vbox.onDidChangeStatus(update)];
    return vscode.Disposable.from(item, ...subscriptions);
}
