import { isDeepStrictEqual } from 'node:util';
import { commandStates, vmCommandIds, ACCESSIBLE_STATES, type VmCommandId } from '../../src/commands/commandStates';

/**
 * The `when` clauses of the Machines view's VM menu entries (`viewItem` `vm:<state>`), generated from the states the
 * command's operation accepts (src/commands/commandStates.ts). Only entries on VM nodes are touched; their group and
 * order stay as written. An entry for every VM node whatever its state (arranging the view) is left as it is.
 */

interface MenuEntry {
    command: string;
    when?: string;
    group?: string;
}

const VM_NODE = /^view == virtualbox\.machines && viewItem =~ \/\^vm:/;
/** Commands that arrange the view (pin, hide): on every VM whatever its state, governed by no operation's states. */
export const ARRANGE_COMMANDS: readonly string[] = ['virtualbox.vm.pin', 'virtualbox.vm.unpin', 'virtualbox.vm.hide', 'virtualbox.vm.unhide'];
export const ANY_VM_NODE = /^view == virtualbox\.machines && viewItem =~ \/\^vm:\/( && [\w.!]+)*$/;

/** The clause for a VM command that acts in these states: a VM node in one of them (never an inaccessible VM). */
export function vmWhen(states: readonly string[]): string {
    if (states.length === ACCESSIBLE_STATES.length) return 'view == virtualbox.machines && viewItem =~ /^vm:(?!inaccessible)/';
    const alternatives = states.length === 1 ? states[0] : `(${states.join('|')})`;
    return `view == virtualbox.machines && viewItem =~ /^vm:${alternatives}$/`;
}

const isVmCommand = (id: string): id is VmCommandId => (vmCommandIds as string[]).includes(id);

/** The context-menu entries with every VM entry's `when` as generated; throws for a VM entry of an unknown command. */
export function generatedMenus(manifestText: string): MenuEntry[] {
    return contextMenus(manifestText).map((entry) => {
        if (!entry.when || !VM_NODE.test(entry.when)) return entry;
        if (!isVmCommand(entry.command)) {
            if (ARRANGE_COMMANDS.includes(entry.command) && ANY_VM_NODE.test(entry.when)) return entry;
            throw new Error(`${entry.command} has a menu entry on VM nodes but no operation in src/commands/commandStates.ts`);
        }
        return { ...entry, when: vmWhen(commandStates(entry.command)) };
    });
}

export function contextMenus(manifestText: string): MenuEntry[] {
    return (JSON.parse(manifestText) as { contributes: { menus: Record<string, MenuEntry[]> } }).contributes.menus['view/item/context'];
}

export function menusUpToDate(manifestText: string): boolean {
    return isDeepStrictEqual(contextMenus(manifestText), generatedMenus(manifestText));
}

/** The manifest with only the VM entries' `when` clauses replaced, in the file's indentation. */
export function withMenus(manifestText: string): string {
    const manifest = JSON.parse(manifestText) as { contributes: { menus: Record<string, MenuEntry[]> } };
    manifest.contributes.menus['view/item/context'] = generatedMenus(manifestText);
    const trailingNewline = manifestText.endsWith('\n') ? '\n' : '';
    return JSON.stringify(manifest, null, /\n([ \t]+)"/.exec(manifestText)?.[1] ?? 2) + trailingNewline;
}
