import * as vscode from 'vscode';
import { powerOffVm as powerOffVmOperation } from '../../operations/vm/lifecycle';
import { commandStates } from '../commandStates';
import { lifecycleCommand, namesOf } from './lifecycleCommand';
import { confirmDestructive } from './runOnVms';

/** Turns VMs off at once, like pulling the plug (asks first unless confirmations are off). */
export const powerOffVm = lifecycleCommand({
    id: 'virtualbox.vm.powerOff',
    states: commandStates('virtualbox.vm.powerOff'),
    transient: () => vscode.l10n.t('Powering off…'),
    title: (vm) => vscode.l10n.t('Powering off "{0}"', vm.name),
    pickTitle: () => vscode.l10n.t('Power Off VM'),
    noneMessage: () => vscode.l10n.t('No VM can be powered off: none is running, paused or stuck.'),
    confirm: (services, vms) =>
        confirmDestructive(
            services,
            vscode.l10n.t('Power off {0}?', namesOf(vms)),
            vscode.l10n.t('This is like pulling the plug: whatever the guest has not saved to disk is lost. Stop asks the guest to shut down cleanly instead.'),
            vscode.l10n.t('Power Off'),
        ),
    run: (services, vm, handle) => services.vbox.execute(powerOffVmOperation, { vm: vm.uuid }, handle),
});
