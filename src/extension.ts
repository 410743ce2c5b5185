import * as vscode from 'vscode';
import { generalCommands } from './commands/general';
import { registerAllCommands } from './commands/registerAll';
import { registerCommand } from './commands/registerCommand';
import { SettingsService } from './config/settings';
import { outputChannelLogger } from './services/outputChannelLogger';
import type { Services } from './services/services';
import { VBoxService } from './services/vboxService';
import { createStatusBar } from './statusBar';
import { registerTreeSnapshotCommand } from './tree/common/treeSnapshot';
import { registerMachinesView } from './tree/machines/registerMachinesView';
import { transientStates } from './tree/machines/transientStates';
import { refreshMediaView, registerMediaView } from './tree/media';
import { refreshNetworksView, registerNetworksView } from './tree/networks';
import { RefreshManager } from './tree/refreshManager';

/** Wiring only: everything the extension does lives in src/vbox, src/operations and the adapters. */
export function activate(context: vscode.ExtensionContext): void {
    const channel = vscode.window.createOutputChannel('VirtualBox', { log: true });
    const logger = outputChannelLogger(channel);
    const settings = new SettingsService((problem) => logger.warn(problem));
    const vbox = new VBoxService(settings, logger);
    const refreshManager = new RefreshManager(settings, vbox, logger);
    const services: Services = {
        context,
        vbox,
        settings,
        logger,
        refresh: {
            request(reason) {
                void refreshManager.request(reason);
                // The Media and Networks views reload by themselves after operations and settings changes.
                if (reason === 'manual') void Promise.all([refreshMediaView(), refreshNetworksView()]);
            },
        },
        showLog: () => channel.show(true),
    };
    context.subscriptions.push(channel, settings, vbox, refreshManager, transientStates);

    const disposables: vscode.Disposable[] = [];
    const machines = registerMachinesView(services, refreshManager, disposables);
    disposables.push(
        ...registerMediaView(services),
        ...registerNetworksView(services),
        ...registerAllCommands(services),
        ...generalCommands.map((spec) => registerCommand(spec.id, spec.create(services), logger, services.showLog)),
        registerTreeSnapshotCommand(),
        createStatusBar(machines.store, vbox),
    );
    context.subscriptions.push(...disposables);
}

export function deactivate(): void {
    // Nothing to release beyond context.subscriptions.
}
