import * as vscode from 'vscode';
import type { OperationContext } from '../operations/operation';

export interface ProgressHandle {
    readonly signal: AbortSignal;
    readonly progress: OperationContext['progress'];
}

/**
 * Runs long work behind a notification with a percentage and a Cancel button. Cancel aborts the signal, which kills
 * the VBoxManage process; VirtualBox's own percentages become increments of the bar.
 */
export function runWithProgress<T>(title: string, work: (handle: ProgressHandle) => Promise<T>): Promise<T> {
    return Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
            const controller = new AbortController();
            const subscription = token.onCancellationRequested(() => controller.abort());
            let reported = 0;
            try {
                return await work({
                    signal: controller.signal,
                    progress: ({ percent, message }) => {
                        const increment = percent !== undefined && percent > reported ? percent - reported : undefined;
                        if (percent !== undefined && percent > reported) reported = percent;
                        progress.report({
                            increment,
                            message: message ?? (percent !== undefined ? `${Math.round(percent)}%` : undefined),
                        });
                    },
                });
            } finally {
                subscription.dispose();
            }
        }),
    );
}
