import * as vscode from 'vscode';
import { startVm as startVmOperation } from '../../operations/vm/lifecycle';
import { commandStates } from '../commandStates';
import { lifecycleCommand } from './lifecycleCommand';

/** Starts the selected or picked VMs, the way the `defaultStartType` setting says (headless, gui, separate). */
export const startVm = lifecycleCommand({
    id: 'virtualbox.vm.start',
    states: commandStates('virtualbox.vm.start'),
    transient: () => vscode.l10n.t('Starting…'),
    title: (vm) => vscode.l10n.t('Starting "{0}"', vm.name),
    pickTitle: () => vscode.l10n.t('Start VM'),
    noneMessage: () => vscode.l10n.t('No VM can be started: none is powered off, saved or aborted.'),
    run: (services, vm, handle) => services.vbox.execute(startVmOperation, { vm: vm.uuid, type: services.settings.value.defaultStartType }, handle),
});
