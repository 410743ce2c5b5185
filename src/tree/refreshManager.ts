import * as vscode from 'vscode';
import type { SettingsService } from '../config/settings';
import type { VBoxService } from '../services/vboxService';
import type { Logger } from '../vbox/logger';
import { CHANGE_CHECK_MS, RefreshScheduler, type RefreshReason } from './refreshScheduler';

/** Something a view shows that can be reloaded from VirtualBox: a tree provider, the status bar. */
export interface Refreshable {
    refresh(reason: RefreshReason): Promise<void>;
    /** Whether a refresh would find something new, told without spawning anything; checked every second while visible. */
    hasChanged?(): Promise<boolean>;
}

interface Registration {
    readonly scheduler: RefreshScheduler;
    readonly target: Refreshable;
}

/**
 * The one owner of refreshing. Each view gets its own never-overlapping scheduler, so that a view polls only while
 * it is visible (changes made outside VS Code, e.g. in the VirtualBox app, show up within one interval, or within
 * about a second when the view can check for changes cheaply). After an
 * operation, a settings change or a manual Refresh, every view reloads, visible or not: the status bar reads the
 * Machines data too.
 */
export class RefreshManager implements vscode.Disposable {
    private readonly registrations: Registration[] = [];
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(
        private readonly settings: SettingsService,
        vbox: VBoxService,
        private readonly logger: Logger,
    ) {
        this.subscriptions.push(
            vbox.onDidChangeState(() => void this.request('operation')),
            settings.onDidChange(() => {
                for (const { scheduler } of this.registrations) scheduler.setInterval(this.intervalMs);
                void this.request('config');
            }),
        );
    }

    /** Registers a view's data; `view` (when given) decides when it polls. The first load starts right after activation. */
    register(target: Refreshable, view?: vscode.TreeView<unknown>): vscode.Disposable {
        const probe = target.hasChanged ? { everyMs: CHANGE_CHECK_MS, changed: () => target.hasChanged?.() ?? Promise.resolve(false) } : undefined;
        const scheduler = new RefreshScheduler(
            (reason) => target.refresh(reason),
            this.intervalMs,
            300,
            undefined,
            (error) => this.logger.error('Refreshing a VirtualBox view failed', error),
            probe,
        );
        const registration = { scheduler, target };
        this.registrations.push(registration);
        const disposables: vscode.Disposable[] = [];
        if (view) {
            scheduler.setVisible(view.visible);
            disposables.push(view.onDidChangeVisibility((event) => scheduler.setVisible(event.visible)));
        }
        scheduler.loadSoon();
        return new vscode.Disposable(() => {
            disposables.forEach((disposable) => disposable.dispose());
            scheduler.dispose();
            this.registrations.splice(this.registrations.indexOf(registration), 1);
        });
    }

    /** Coalesced reload of every view (manual: at once); resolves when a manual reload has finished. */
    request(reason: RefreshReason): Promise<void> {
        return Promise.all(this.registrations.map(({ scheduler }) => scheduler.request(reason))).then(() => undefined);
    }

    private get intervalMs(): number {
        return this.settings.value.refreshIntervalSeconds * 1000;
    }

    dispose(): void {
        this.subscriptions.forEach((subscription) => subscription.dispose());
        for (const { scheduler } of this.registrations) scheduler.dispose();
        this.registrations.length = 0;
    }
}
