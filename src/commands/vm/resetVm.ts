import * as vscode from 'vscode';
import { resetVm as resetVmOperation } from '../../operations/vm/resetVm';
import { commandStates } from '../commandStates';
import { lifecycleCommand, namesOf } from './lifecycleCommand';
import { confirmDestructive } from './runOnVms';

/** Hard-resets running VMs, like their reset button (asks first unless confirmations are off). */
export const resetVm = lifecycleCommand({
    id: 'virtualbox.vm.reset',
    states: commandStates('virtualbox.vm.reset'),
    transient: () => vscode.l10n.t('Resetting…'),
    title: (vm) => vscode.l10n.t('Resetting "{0}"', vm.name),
    pickTitle: () => vscode.l10n.t('Reset VM'),
    noneMessage: () => vscode.l10n.t('No VM can be reset: none is running.'),
    confirm: (services, vms) =>
        confirmDestructive(
            services,
            vscode.l10n.t('Reset {0}?', namesOf(vms)),
            vscode.l10n.t('The guest restarts at once, like pressing its reset button: whatever it has not saved to disk is lost.'),
            vscode.l10n.t('Reset'),
        ),
    run: (services, vm, handle) => services.vbox.execute(resetVmOperation, { vm: vm.uuid, mode: 'hard' }, handle),
});
