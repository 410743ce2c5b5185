import * as vscode from 'vscode';
import type { z } from 'zod';
import type { SettingsService } from '../config/settings';
import { effectOf, runOperation, type Operation, type OperationContext } from '../operations/operation';
import { isVBoxError } from '../vbox/errors';
import { localHostNetwork } from '../vbox/hostNetwork';
import { locateVBoxManage } from '../vbox/locate';
import type { Logger } from '../vbox/logger';
import { VBoxManageRunner } from '../vbox/runner';
import { VirtualBoxSettingsFiles } from '../vbox/settingsFiles/settingsFiles';
import { nodeUserHome } from '../vbox/settingsFiles/userHome';

/** Whether VirtualBox can be reached; drives the views' welcome content through the `virtualbox.status` context key. */
export type VBoxStatus = 'unknown' | 'ready' | 'missing' | 'failing';

export interface ExecuteOptions {
    readonly signal?: AbortSignal;
    readonly progress?: OperationContext['progress'];
}

/**
 * The extension's single door to VirtualBox: finds VBoxManage from the setting (again when it changes), runs
 * operations with validation, and tells listeners when something changed so that views refresh.
 */
export class VBoxService implements vscode.Disposable {
    readonly runner: VBoxManageRunner;
    /** VirtualBox's settings files in the home the extension's VBoxManage uses (same environment). */
    readonly settingsFiles = new VirtualBoxSettingsFiles(nodeUserHome);
    private executable?: Promise<string>;
    private statusValue: VBoxStatus = 'unknown';
    private readonly statusChanged = new vscode.EventEmitter<VBoxStatus>();
    private readonly changed = new vscode.EventEmitter<Operation>();
    private readonly subscriptions: vscode.Disposable[] = [];
    /** Fires after an operation that changes VirtualBox's state completed (successfully or not). */
    readonly onDidChangeState = this.changed.event;
    readonly onDidChangeStatus = this.statusChanged.event;

    constructor(
        private readonly settings: SettingsService,
        readonly logger: Logger,
    ) {
        this.runner = new VBoxManageRunner({
            executable: () => this.resolveExecutable(),
            logger,
            // A VM's calls queue under its UUID, whether a tool named it or the tree passed its UUID.
            uuidOfName: (name) => this.settingsFiles.uuidOfName(name),
        });
        this.subscriptions.push(
            settings.onDidChange(() => {
                this.executable = undefined;
                this.setStatus('unknown');
            }),
        );
    }

    get status(): VBoxStatus {
        return this.statusValue;
    }

    /** Runs an operation on untrusted input: validated by its schema before anything is spawned. */
    async execute<S extends z.ZodType, R>(operation: Operation<S, R>, input: unknown, options: ExecuteOptions = {}): Promise<R> {
        const ctx: OperationContext = {
            vbox: this.runner,
            signal: options.signal ?? new AbortController().signal,
            progress: options.progress ?? (() => undefined),
            log: this.logger,
            settingsFiles: this.settingsFiles,
            hostNetwork: localHostNetwork,
        };
        // Decided up front so that a failing read never triggers a refresh (which could loop).
        const parsed = operation.input.safeParse(input);
        const mutates = parsed.success && effectOf(operation, parsed.data) !== 'read';
        try {
            const result = await runOperation(operation, ctx, input);
            this.setStatus('ready');
            return result;
        } catch (error) {
            this.noteFailure(error);
            throw error;
        } finally {
            if (mutates) this.changed.fire(operation);
        }
    }

    /** Marks VirtualBox as reachable or not from a call's outcome (also used by the views' own reads). */
    noteFailure(error: unknown): void {
        if (isVBoxError(error, 'VBOXMANAGE_MISSING')) this.setStatus('missing');
        else if (isVBoxError(error, 'VBOXSVC_UNAVAILABLE') || isVBoxError(error, 'HOST_DRIVER_MISSING')) this.setStatus('failing');
    }

    noteSuccess(): void {
        this.setStatus('ready');
    }

    private resolveExecutable(): Promise<string> {
        this.executable ??= locateVBoxManage(this.settings.value.vboxManagePath).catch((error: unknown) => {
            this.executable = undefined;
            throw error;
        });
        return this.executable;
    }

    private setStatus(status: VBoxStatus): void {
        if (status === this.statusValue) return;
        this.statusValue = status;
        void vscode.commands.executeCommand('setContext', 'virtualbox.status', status);
        this.statusChanged.fire(status);
    }

    dispose(): void {
        this.subscriptions.forEach((subscription) => subscription.dispose());
        this.changed.dispose();
        this.statusChanged.dispose();
    }
}
