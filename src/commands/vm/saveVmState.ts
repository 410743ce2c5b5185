import * as vscode from 'vscode';
import { saveVmState as saveVmStateOperation } from '../../operations/vm/lifecycle';
import { commandStates } from '../commandStates';
import { lifecycleCommand } from './lifecycleCommand';

/** Saves running or paused VMs' memory to disk and stops them; Start continues where they left off. */
export const saveVmState = lifecycleCommand({
    id: 'virtualbox.vm.saveState',
    states: commandStates('virtualbox.vm.saveState'),
    transient: () => vscode.l10n.t('Saving…'),
    title: (vm) => vscode.l10n.t('Saving the state of "{0}"', vm.name),
    pickTitle: () => vscode.l10n.t('Save VM State'),
    noneMessage: () => vscode.l10n.t('No VM has a state to save: none is running or paused.'),
    run: (services, vm, handle) => services.vbox.execute(saveVmStateOperation, { vm: vm.uuid }, handle),
});
