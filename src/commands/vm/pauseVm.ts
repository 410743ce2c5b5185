import * as vscode from 'vscode';
import { pauseVm as pauseVmOperation } from '../../operations/vm/lifecycle';
import { commandStates } from '../commandStates';
import { lifecycleCommand } from './lifecycleCommand';

/** Pauses running VMs: their CPUs stop, their memory stays. */
export const pauseVm = lifecycleCommand({
    id: 'virtualbox.vm.pause',
    states: commandStates('virtualbox.vm.pause'),
    transient: () => vscode.l10n.t('Pausing…'),
    title: (vm) => vscode.l10n.t('Pausing "{0}"', vm.name),
    pickTitle: () => vscode.l10n.t('Pause VM'),
    noneMessage: () => vscode.l10n.t('No VM can be paused: none is running.'),
    run: (services, vm, handle) => services.vbox.execute(pauseVmOperation, { vm: vm.uuid }, handle),
});
