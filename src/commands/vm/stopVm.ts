import * as vscode from 'vscode';
import { powerOffVm as powerOffVmOperation } from '../../operations/vm/lifecycle';
import type { VmSummary } from '../../operations/vm/listVms';
import { stopVm as stopVmOperation } from '../../operations/vm/stopVm';
import type { Services } from '../../services/services';
import { isVBoxError } from '../../vbox/errors';
import type { CommandSpec } from '../commandSpec';
import { commandStates } from '../commandStates';
import { runOnVms } from './runOnVms';
import { targetVms } from './vmTargets';

/**
 * Stops VMs gracefully: presses the ACPI power button and waits `stopTimeoutSeconds`. A guest that ignores it (no
 * OS, or one without ACPI) is left running, and the user is offered "Power Off".
 */
export const stopVm: CommandSpec = {
    id: 'virtualbox.vm.stop',
    create: (services) => async (...args: unknown[]) => {
        const vms = await targetVms(services, args, {
            states: commandStates('virtualbox.vm.stop'),
            canPickMany: true,
            title: vscode.l10n.t('Stop VM'),
            noneMessage: vscode.l10n.t('No VM can be stopped: none is running.'),
        });
        const timeoutSeconds = services.settings.value.stopTimeoutSeconds;
        const outcomes = await runOnVms(services, vms, {
            transient: vscode.l10n.t('Stopping…'),
            title: (vm) => vscode.l10n.t('Stopping "{0}"', vm.name),
            run: async (vm, handle) => {
                try {
                    await services.vbox.execute(stopVmOperation, { vm: vm.uuid, timeoutSeconds, force: false }, handle);
                    return undefined;
                } catch (error) {
                    if (isVBoxError(error, 'TIMEOUT')) return vm;
                    throw error;
                }
            },
        });
        const stillRunning = outcomes.filter((vm): vm is VmSummary => vm !== undefined);
        if (stillRunning.length > 0) await offerPowerOff(services, stillRunning, timeoutSeconds);
    },
};

async function offerPowerOff(services: Services, vms: readonly VmSummary[], timeoutSeconds: number): Promise<void> {
    const powerOff = vscode.l10n.t('Power Off');
    const names = vms.map((vm) => `"${vm.name}"`).join(', ');
    const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t(
            '{0} did not shut down within {1} s of the ACPI power button: the guest ignores it (no OS yet, or one without ACPI). Power off instead? Unsaved guest data would be lost.',
            names,
            timeoutSeconds,
        ),
        powerOff,
    );
    if (choice !== powerOff) return;
    await runOnVms(services, vms, {
        transient: vscode.l10n.t('Powering off…'),
        title: (vm) => vscode.l10n.t('Powering off "{0}"', vm.name),
        run: (vm, handle) => services.vbox.execute(powerOffVmOperation, { vm: vm.uuid }, handle),
    });
}
