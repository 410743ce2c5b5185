import * as vscode from 'vscode';
import { createPublicApi, type VirtualBoxApi } from './api';
import { arrangeCommands } from './commands/arrange';
import { SshEntryFollower } from './commands/connect/sshEntryFollower';
import { generalCommands } from './commands/general';
import { registerInternalCommands } from './commands/general/internalCommands';
import { registerAllCommands } from './commands/registerAll';
import { registerCommand } from './commands/registerCommand';
import { SettingsService } from './config/settings';
import { registerLanguageModelTools } from './lm';
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
import type { RefreshReason } from './tree/refreshScheduler';

/** Wiring only: everything the extension does lives in src/vbox, src/operations and the adapters. */
export function activate(context: vscode.ExtensionContext): VirtualBoxApi {
    const channel = vscode.window.createOutputChannel('VirtualBox', { log: true });
    const logger = outputChannelLogger(channel);
    const settings = new SettingsService((problem) => logger.warn(problem));
    const vbox = new VBoxService(settings, logger);
    const refreshManager = new RefreshManager(settings, vbox, logger);
    // Returns the reload as a promise (Services types it void): the Refresh command hands it to the command wrapper,
    // so that `executeCommand('virtualbox.refresh')` resolves once every view has read VirtualBox again.
    const refresh = {
        request(reason: RefreshReason): Promise<void> {
            // The Media and Networks views reload by themselves after operations and settings changes.
            const others = reason === 'manual' ? [refreshMediaView(), refreshNetworksView()] : [];
            return Promise.all([refreshManager.request(reason), ...others]).then(() => undefined);
        },
    };
    const services: Services = {
        context,
        vbox,
        settings,
        logger,
        refresh,
        showLog: () => channel.show(true),
    };
    context.subscriptions.push(channel, settings, vbox, refreshManager, transientStates);

    const disposables: vscode.Disposable[] = [];
    const machines = registerMachinesView(services, refreshManager, disposables);
    disposables.push(
        ...registerMediaView(services),
        ...registerNetworksView(services),
        ...registerAllCommands(services),
        ...[...generalCommands, ...arrangeCommands(machines.arrangement)].map((spec) => registerCommand(spec.id, spec.create(services), logger, services.showLog)),
        registerTreeSnapshotCommand(),
        ...registerInternalCommands(services),
        createStatusBar(machines.store, vbox),
        new SshEntryFollower(services, machines.store),
    );
    context.subscriptions.push(...disposables);

    const publicApi = createPublicApi(services);
    context.subscriptions.push(publicApi, ...registerLanguageModelTools(services));
    // Changes a refresh found that were made outside the extension (e.g. in the VirtualBox GUI) reach API users too.
    machines.store.onDidChange(
        () => {
            if (machines.store.state.kind === 'loaded') publicApi.notifyVmsChanged(machines.store.state.vms);
        },
        undefined,
        context.subscriptions,
    );
    return publicApi.api;
}

export function deactivate(): void {
    // Nothing to release beyond context.subscriptions.
}
