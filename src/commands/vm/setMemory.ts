import * as vscode from 'vscode';
import { setMemory as setMemoryOperation } from '../../operations/vm/resources';
import { commandStates } from '../commandStates';
import { setResourceCommand } from './setResourceCommand';

/** Sets a powered-off VM's memory in MB, within VirtualBox's limits and the host's memory. */
export const setMemory = setResourceCommand({
    id: 'virtualbox.vm.setMemory',
    states: commandStates('virtualbox.vm.setMemory'),
    title: () => vscode.l10n.t('Set Memory'),
    noneMessage: () => vscode.l10n.t('No VM can have its memory changed: a VM must be powered off first.'),
    schema: setMemoryOperation.input.shape.memoryMb,
    current: (vm) => vm.memoryMb,
    bounds: (limits) => ({ min: limits.minMemoryMb, max: limits.maxMemoryMb, unit: ' MB' }),
    prompt: (vm, limits) =>
        vscode.l10n.t('Memory for "{0}" in MB ({1} to {2} MB; this host has {3} MB).', vm.name, limits.minMemoryMb, limits.maxMemoryMb, limits.hostMemoryMb),
    transient: () => vscode.l10n.t('Setting memory…'),
    run: (services, vm, memoryMb, handle) => services.vbox.execute(setMemoryOperation, { vm: vm.uuid, memoryMb }, handle),
});
