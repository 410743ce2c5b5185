import * as vscode from 'vscode';

/** "1 VM" / "3 VMs": both forms are whole strings for translators (`{0}` is the count in the plural one). */
export function countOf(count: number, one: string, many: string): string {
    return count === 1 ? one : many.replace('{0}', String(count));
}

/** The localised count phrases the trees use. */
export const counts = {
    vms: (n: number) => countOf(n, vscode.l10n.t('1 VM'), vscode.l10n.t('{0} VMs', n)),
    cpus: (n: number) => countOf(n, vscode.l10n.t('1 CPU'), vscode.l10n.t('{0} CPUs', n)),
    adapters: (n: number) => countOf(n, vscode.l10n.t('1 adapter'), vscode.l10n.t('{0} adapters', n)),
    controllers: (n: number) => countOf(n, vscode.l10n.t('1 controller'), vscode.l10n.t('{0} controllers', n)),
    folders: (n: number) => countOf(n, vscode.l10n.t('1 folder'), vscode.l10n.t('{0} folders', n)),
};
