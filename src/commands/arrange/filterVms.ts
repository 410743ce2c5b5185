import * as vscode from 'vscode';
import type { MachinesArrangement } from '../../tree/machines/machinesArrangement';
import type { CommandSpec } from '../commandSpec';

/**
 * Filter VMs…: an input box that filters the Machines view as the user types (Enter keeps the filter, Escape
 * puts the previous one back). Given a string (a keybinding's or a test's argument), it sets that filter at once.
 */
export function filterVms(arrangement: MachinesArrangement): CommandSpec {
    return {
        id: 'virtualbox.machines.filter',
        create: () => async (text?: unknown) => {
            if (typeof text === 'string') return arrangement.setFilter(text);
            const previous = arrangement.value.filter.text;
            const box = vscode.window.createInputBox();
            box.title = vscode.l10n.t('Filter VMs');
            box.value = previous;
            box.placeholder = vscode.l10n.t('Name, state:running, os:ubuntu, group:/Team');
            box.prompt = vscode.l10n.t('Every word must match; case and accents do not matter. Enter keeps the filter, Escape restores the previous one.');
            let accepted = false;
            const done = new Promise<void>((resolve) => {
                box.onDidChangeValue((value) => void arrangement.setFilter(value));
                box.onDidAccept(() => {
                    accepted = true;
                    box.hide();
                });
                box.onDidHide(() => {
                    box.dispose();
                    resolve();
                });
            });
            box.show();
            await done;
            if (!accepted) await arrangement.setFilter(previous);
        },
    };
}

export function clearFilter(arrangement: MachinesArrangement): CommandSpec {
    return { id: 'virtualbox.machines.clearFilter', create: () => () => arrangement.setFilter('') };
}
