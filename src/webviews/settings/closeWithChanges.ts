import * as vscode from 'vscode';
import { runWithProgress } from '../../commands/runWithProgress';
import type { Services } from '../../services/services';
import { planApply } from './applyPlanner';
import { runSteps } from './applyRunner';
import type { DraftStore, KeptDraft } from './draftStore';
import { refusedSteps } from './stateRules';

/**
 * A settings editor was closed with unapplied changes. VS Code gives a webview panel no way to refuse closing, so
 * this asks right after, in a modal: apply the changes now, reopen the editor with them, or discard them. Dismissing
 * the dialog keeps them: the next editor for this VM starts with them and says so.
 */
export async function confirmClose(
    services: Services,
    vm: { uuid: string; name: string; state: string },
    kept: KeptDraft,
    drafts: DraftStore,
    reopen: (vmUuid: string) => void,
): Promise<void> {
    const steps = planApply(vm.uuid, kept.baseline, kept.draft);
    if (steps.length === 0) {
        drafts.discard(vm.uuid);
        return;
    }
    const apply = vscode.l10n.t('Apply Changes');
    const reopenLabel = vscode.l10n.t('Reopen Editor');
    const discard = vscode.l10n.t('Discard Changes');
    const canApply = refusedSteps(steps, vm.state).length === 0;
    const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The settings of VM "{0}" were closed with changes that are not applied.', vm.name),
        { modal: true, detail: steps.map((step) => `• ${step.label}`).join('\n') },
        ...(canApply ? [apply] : []),
        reopenLabel,
        discard,
    );
    if (choice === reopenLabel) {
        reopen(vm.uuid);
    } else if (choice === discard) {
        drafts.discard(vm.uuid);
    } else if (choice === apply) {
        drafts.discard(vm.uuid);
        const result = await runWithProgress(vscode.l10n.t('Applying the settings of "{0}"', vm.name), ({ signal }) =>
            runSteps(services, steps, () => undefined, signal),
        );
        services.refresh.request('operation');
        if (result.failed) {
            drafts.keep(vm.uuid, kept);
            const open = vscode.l10n.t('Reopen Editor');
            const answer = await vscode.window.showErrorMessage(
                vscode.l10n.t('Applied {0} of {1} changes to "{2}"; "{3}" failed: {4}', result.applied.length, steps.length, vm.name, result.failed.label, result.failed.message),
                open,
            );
            if (answer === open) reopen(vm.uuid);
        }
    }
}
