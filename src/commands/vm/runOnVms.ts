import * as vscode from 'vscode';
import type { VmSummary } from '../../operations/vm/listVms';
import type { Services } from '../../services/services';
import { transientStates } from '../../tree/machines/transientStates';
import { VBoxError, isCancellation, isVBoxError } from '../../vbox/errors';
import { runWithProgress, type ProgressHandle } from '../runWithProgress';

export interface VmWork<T> {
    /** The node's transient description while it runs, e.g. "Starting…". */
    readonly transient: string;
    /** The progress notification's title for one VM, e.g. `Starting "web"`. */
    readonly title: (vm: VmSummary) => string;
    readonly run: (vm: VmSummary, handle: ProgressHandle) => Promise<T>;
}

/**
 * Runs an operation on each VM at once, each with its own progress notification (percent and Cancel) and a
 * transient state on its node; then refreshes the views. If some fail, the others still finish and one error
 * names every failure.
 */
export async function runOnVms<T>(services: Services, vms: readonly VmSummary[], work: VmWork<T>): Promise<T[]> {
    const outcomes = await Promise.allSettled(
        vms.map((vm) => transientStates.run(vm.uuid, work.transient, () => runWithProgress(work.title(vm), (handle) => work.run(vm, handle)))),
    );
    services.refresh.request('operation');
    const failures = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [{ vm: vms[i], error: outcome.reason as unknown }] : []));
    const reported = failures.filter((failure) => !isCancellation(failure.error));
    if (reported.length === 1 || (reported.length > 0 && vms.length === 1)) throw reported[0].error;
    if (reported.length > 1) {
        const lines = reported.map(({ vm, error }) => `${vm.name}: ${error instanceof Error ? error.message : String(error)}`);
        const first = reported[0].error;
        throw new VBoxError(isVBoxError(first) ? first.code : 'VBOX_ERROR', vscode.l10n.t('{0} of {1} VMs failed. {2}', reported.length, vms.length, lines.join(' ')), {
            cause: first,
        });
    }
    if (failures.length > 0) throw failures[0].error;
    return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

/**
 * Asks before an action that loses data, unless the user turned confirmations off. `detail` says exactly what
 * will be lost. Returns false when the user declined.
 */
export async function confirmDestructive(services: Services, message: string, detail: string, action: string): Promise<boolean> {
    if (!services.settings.value.confirmDestructiveActions) return true;
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return choice === action;
}
