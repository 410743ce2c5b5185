import * as path from 'node:path';
import * as vscode from 'vscode';
import { getVmConfig } from '../../operations/vm/config';
import { getResourceUsage, isNotCollecting, startMetricsCollection } from '../../operations/vm/resourceUsage';
import type { Services } from '../../services/services';
import { isVBoxError } from '../../vbox/errors';
import { Poller } from '../shared/poller';
import { WebviewPanelHost } from '../shared/webviewPanelHost';
import { monitorToHost, monitorToPage, type MonitorToHost, type Sample } from './protocol';
import { captureScreen } from './screenPreview';

export const SAMPLE_INTERVAL_MS = 1_500;
const SCREEN_INTERVAL_MS = 5_000;
const STATE_CHECK_MS = 3_000;
const LIVE = new Set(['running', 'paused']);

/** Appends, keeping only the newest few (the record is for tests; the page keeps the history). */
function keepLast<T>(list: T[], item: T, max = 10): void {
    list.push(item);
    if (list.length > max) list.splice(0, list.length - max);
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The resource monitor of one running VM: a metrics sample every 1.5 s (get_resource_usage) and a screen preview
 * every 5 s and on request (take_screenshot). Nothing is polled while the panel is hidden. When the VM stops the
 * pollers stop, the page says so, and a slow state check (plus every change made through the extension) notices
 * when it runs again.
 */
export class MonitorPanel extends WebviewPanelHost<typeof monitorToHost, typeof monitorToPage> {
    private running = false;
    private ready = false;
    private vmFolder = '';
    private readonly metrics: Poller;
    private readonly screen: Poller;
    private readonly stateCheck: Poller;
    /** For tests: what was sent to the page. */
    readonly sent = { samples: [] as Sample[], screens: [] as { bytes: Buffer; width: number; height: number }[] };

    constructor(
        private readonly services: Services,
        private readonly vm: { uuid: string; name: string },
    ) {
        super({
            viewType: 'virtualbox.resourceMonitor',
            editor: 'monitor',
            title: vscode.l10n.t('Monitor: {0}', vm.name),
            toHost: monitorToHost,
            toPage: monitorToPage,
            dataImages: true,
            extensionUri: services.context.extensionUri,
            logger: services.logger,
        });
        this.metrics = new Poller(SAMPLE_INTERVAL_MS, () => this.readSample(), (error) => this.onMetricsError(error));
        this.screen = new Poller(SCREEN_INTERVAL_MS, () => this.readScreen(), (error) => this.post({ method: 'screenError', params: { message: errorText(error) } }));
        this.stateCheck = new Poller(STATE_CHECK_MS, () => this.checkState(), (error) => services.logger.warn(`Monitor: ${errorText(error)}`));
        this.disposables.push(services.vbox.onDidChangeState(() => void (this.running ? undefined : this.stateCheck.now())));
    }

    /** Polls are running (visible and the VM runs). */
    get isPolling(): boolean {
        return this.metrics.isRunning;
    }

    protected async handle(message: MonitorToHost): Promise<void> {
        if (message.method === 'refreshScreen') {
            if (this.running) await this.screen.now();
            return;
        }
        const config = await this.services.vbox.execute(getVmConfig, { vm: this.vm.uuid });
        this.vmFolder = path.dirname(config.general.settingsFile);
        this.post({
            method: 'init',
            params: { vm: { uuid: config.general.uuid, name: config.general.name, memoryMb: config.system.memoryMb, cpus: config.system.cpus }, intervalMs: SAMPLE_INTERVAL_MS },
        });
        this.ready = true;
        this.setRunning(LIVE.has(config.state), config.state);
    }

    private setRunning(running: boolean, state: string): void {
        this.running = running;
        this.post(
            running
                ? { method: 'status', params: { kind: 'running', message: vscode.l10n.t('Live: a sample every {0} s', SAMPLE_INTERVAL_MS / 1000) } }
                : { method: 'status', params: { kind: 'stopped', message: vscode.l10n.t('The VM is not running ({0}). Monitoring resumes when it runs again.', state) } },
        );
        this.updatePolling();
    }

    private updatePolling(): void {
        const active = this.ready && this.panelVisible();
        for (const poller of [this.metrics, this.screen]) {
            if (active && this.running) poller.start();
            else poller.stop();
        }
        if (active && !this.running) this.stateCheck.start(false);
        else this.stateCheck.stop();
    }

    /**
     * VS Code disposes a closed panel's webview before it tells us, so a poll that ends in between (e.g. the VM was
     * deleted while its monitor closed) must not read the panel.
     */
    private panelVisible(): boolean {
        if (this.isDisposed) return false;
        try {
            return this.panel.visible;
        } catch {
            return false;
        }
    }

    private async readSample(): Promise<void> {
        const read = () => this.services.vbox.execute(getResourceUsage, { vm: this.vm.uuid });
        // The first sample of a VM VirtualBox does not collect for (or no longer: it stopped in between) starts it.
        const usage = await read().catch(async (error: unknown) => {
            if (!isNotCollecting(error)) throw error;
            await this.services.vbox.execute(startMetricsCollection, { vm: this.vm.uuid });
            return read();
        });
        const sample: Sample = {
            at: Date.parse(usage.timestamp) || Date.now(),
            cpuUserPercent: usage.cpuUserPercent,
            cpuKernelPercent: usage.cpuKernelPercent,
            ramUsedMb: usage.ramUsedMb,
            diskUsedMb: usage.diskUsedMb,
            networkRxBytesPerSecond: usage.networkRxBytesPerSecond,
            networkTxBytesPerSecond: usage.networkTxBytesPerSecond,
        };
        keepLast(this.sent.samples, sample);
        this.post({ method: 'sample', params: sample });
    }

    private async readScreen(): Promise<void> {
        const shot = await captureScreen(this.services, this.vm.uuid, this.vmFolder);
        keepLast(this.sent.screens, { bytes: shot.bytes, width: shot.width, height: shot.height });
        this.post({ method: 'screen', params: { dataUri: shot.dataUri, width: shot.width, height: shot.height, at: Date.now() } });
    }

    /** A VM that stopped (or vanished) ends the polling; anything else is shown and polling goes on. */
    private onMetricsError(error: unknown): void {
        if (isVBoxError(error, 'INVALID_VM_STATE') || isVBoxError(error, 'VM_NOT_FOUND')) {
            void this.checkState().catch(() => this.setRunning(false, 'unknown'));
            return;
        }
        this.post({ method: 'status', params: { kind: 'error', message: errorText(error) } });
    }

    private async checkState(): Promise<void> {
        const config = await this.services.vbox.execute(getVmConfig, { vm: this.vm.uuid });
        const running = LIVE.has(config.state);
        if (running !== this.running) this.setRunning(running, config.state);
    }

    protected override onVisibilityChanged(): void {
        this.updatePolling();
    }

    protected override onDispose(): void {
        this.metrics.stop();
        this.screen.stop();
        this.stateCheck.stop();
    }
}
