import * as vscode from 'vscode';
import { setCpuCount } from '../../operations/vm/resources';
import { commandStates } from '../commandStates';
import { setResourceCommand } from './setResourceCommand';

/** Sets a powered-off VM's CPU count, within VirtualBox's limits and the host's logical CPUs. */
export const setCpus = setResourceCommand({
    id: 'virtualbox.vm.setCpus',
    states: commandStates('virtualbox.vm.setCpus'),
    title: () => vscode.l10n.t('Set CPUs'),
    noneMessage: () => vscode.l10n.t('No VM can have its CPUs changed: a VM must be powered off first.'),
    schema: setCpuCount.input.shape.cpus,
    current: (vm) => vm.cpus,
    bounds: (limits) => ({ min: limits.minCpus, max: limits.maxCpus, unit: '' }),
    prompt: (vm, limits) =>
        vscode.l10n.t('Number of virtual CPUs for "{0}" ({1} to {2}; this host has {3} logical CPUs).', vm.name, limits.minCpus, limits.maxCpus, limits.hostCpus),
    transient: () => vscode.l10n.t('Setting CPUs…'),
    run: (services, vm, cpus, handle) => services.vbox.execute(setCpuCount, { vm: vm.uuid, cpus }, handle),
});
