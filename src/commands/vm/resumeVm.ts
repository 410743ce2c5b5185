import * as vscode from 'vscode';
import { resumeVm as resumeVmOperation } from '../../operations/vm/lifecycle';
import { commandStates } from '../commandStates';
import { lifecycleCommand } from './lifecycleCommand';

/** Resumes paused VMs. */
export const resumeVm = lifecycleCommand({
    id: 'virtualbox.vm.resume',
    states: commandStates('virtualbox.vm.resume'),
    transient: () => vscode.l10n.t('Resuming…'),
    title: (vm) => vscode.l10n.t('Resuming "{0}"', vm.name),
    pickTitle: () => vscode.l10n.t('Resume VM'),
    noneMessage: () => vscode.l10n.t('No VM can be resumed: none is paused.'),
    run: (services, vm, handle) => services.vbox.execute(resumeVmOperation, { vm: vm.uuid }, handle),
});
