import * as vscode from 'vscode';
import { createVm as createVmOperation } from '../../../operations/vm/createVm';
import { listVms } from '../../../operations/vm/listVms';
import { listOsTypes } from '../../../operations/vm/osTypes';
import type { Services } from '../../../services/services';
import type { CommandSpec } from '../../commandSpec';
import { runWithProgress } from '../../runWithProgress';
import { loadHostLimits } from '../hostLimits';
import { createVmSteps, type CreateVmState } from './createVmSteps';
import { MultiStepInput } from './multiStepInput';

/**
 * "Create VM…": a multi-step quick input with Back (name, OS type, memory, CPUs, disk size, optional ISO), then
 * create_vm behind a progress notification (which validates the answers once more with the operation's schema). Given an input object (create_vm's schema) it skips the questions.
 */
export const createVm: CommandSpec = {
    id: 'virtualbox.vm.create',
    create: (services) => async (preset?: unknown) => {
        const input = isPreset(preset) ? preset : await askForInput(services);
        const created = await runWithProgress(vscode.l10n.t('Creating VM "{0}"', String(input.name)), (handle) =>
            services.vbox.execute(createVmOperation, input, handle),
        );
        services.refresh.request('operation');
        void vscode.window.showInformationMessage(vscode.l10n.t('Created VM "{0}".', created.name));
        return created;
    },
};

/** A plain object from a program or a test (e.g. `executeCommand('virtualbox.vm.create', {...})`), not a tree node. */
function isPreset(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && 'name' in value;
}

async function askForInput(services: Services): Promise<Record<string, unknown>> {
    const [vms, limits] = await Promise.all([services.vbox.execute(listVms, {}), loadHostLimits(services)]);
    const osTypes = services.vbox.execute(listOsTypes, {});
    osTypes.catch(() => undefined); // Awaited by the OS step; a failure surfaces there.
    const state = await MultiStepInput.run<CreateVmState>(createVmSteps({ takenNames: new Set(vms.map((vm) => vm.name)), osTypes, limits }), {});
    return {
        name: state.name,
        osType: state.os?.id,
        memoryMb: state.memoryMb,
        cpus: state.cpus,
        ...(state.diskGb ? { diskSizeMb: state.diskGb * 1024 } : {}),
        ...(state.isoPath ? { isoPath: state.isoPath } : {}),
    };
}
