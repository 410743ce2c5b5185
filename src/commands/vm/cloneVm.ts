import * as vscode from 'vscode';
import { cloneVm as cloneVmOperation, cloneVmInput } from '../../operations/vm/clone';
import { listVms } from '../../operations/vm/listVms';
import type { CommandSpec } from '../commandSpec';
import { UserCancelledError } from '../registerCommand';
import { commandStates } from '../commandStates';
import { runOnVms } from './runOnVms';
import { targetVms } from './vmTargets';

interface ModeItem extends vscode.QuickPickItem {
    readonly mode: 'full' | 'linked';
}

/** Clones a VM: a name (checked as you type), then full or linked. */
export const cloneVm: CommandSpec = {
    id: 'virtualbox.vm.clone',
    create: (services) => async (...args: unknown[]) => {
        const title = vscode.l10n.t('Clone VM');
        const [vm] = await targetVms(services, args, {
            states: commandStates('virtualbox.vm.clone'),
            canPickMany: false,
            title,
            noneMessage: vscode.l10n.t('No VM can be cloned.'),
        });
        const taken = new Set((await services.vbox.execute(listVms, {})).map((other) => other.name));
        const newName = await vscode.window.showInputBox({
            title: `${title}: ${vm.name}`,
            prompt: vscode.l10n.t('Name of the new VM'),
            value: uniqueName(`${vm.name} Clone`, taken),
            ignoreFocusOut: true,
            validateInput: (value) => {
                const parsed = cloneVmInput.shape.newName.safeParse(value);
                if (!parsed.success) return parsed.error.issues[0]?.message;
                return taken.has(parsed.data) ? vscode.l10n.t('A VM named "{0}" already exists.', parsed.data) : undefined;
            },
        });
        if (newName === undefined) throw new UserCancelledError();
        const modes: ModeItem[] = [
            { mode: 'full', label: vscode.l10n.t('Full clone'), detail: vscode.l10n.t('Independent copies of all disks: takes longer and more space.') },
            {
                mode: 'linked',
                label: vscode.l10n.t('Linked clone'),
                detail: vscode.l10n.t('Shares the disks of "{0}" through a new snapshot of it: fast and small, but needs the original.', vm.name),
            },
        ];
        const mode = await vscode.window.showQuickPick(modes, { title: `${title}: ${vm.name}`, placeHolder: vscode.l10n.t('Kind of clone') });
        if (!mode) throw new UserCancelledError();
        await runOnVms(services, [vm], {
            transient: vscode.l10n.t('Cloning…'),
            title: () => vscode.l10n.t('Cloning "{0}" to "{1}"', vm.name, newName.trim()),
            run: (source, handle) => services.vbox.execute(cloneVmOperation, { vm: source.uuid, newName: newName.trim(), mode: mode.mode }, handle),
        });
    },
};

function uniqueName(base: string, taken: ReadonlySet<string>): string {
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}
