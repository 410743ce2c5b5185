import type { MonitorToHost, MonitorToPage } from '../../webviews/monitor/protocol';
import { h } from '../shared/dom';
import { LiveChart, themeColor } from './charts';

type InitParams = Extract<MonitorToPage, { method: 'init' }>['params'];

const kb = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1024);

/** The monitor page: status line, four live charts and the screen preview (click to refresh). */
export class MonitorPage {
    private charts: LiveChart[] = [];
    private readonly status = h('div', { class: 'status', attrs: { role: 'status' } }, 'Connecting…');
    private readonly screenImage = h('img', { class: 'screen-image', attrs: { alt: 'The VM screen (no picture yet)' } }) as HTMLImageElement;
    private readonly screenCaption = h('figcaption', { class: 'muted' }, 'Waiting for the first picture…');

    constructor(
        private readonly root: HTMLElement,
        private readonly post: (message: MonitorToHost) => void,
    ) {}

    receive(message: MonitorToPage): void {
        switch (message.method) {
            case 'init':
                return this.build(message.params);
            case 'sample':
                for (const chart of this.charts) chart.push(message.params);
                return;
            case 'screen':
                this.screenImage.src = message.params.dataUri;
                this.screenImage.alt = `The VM screen, ${message.params.width}×${message.params.height}`;
                this.screenCaption.textContent = `${message.params.width}×${message.params.height} · ${new Date(message.params.at).toLocaleTimeString()} · click to refresh`;
                return;
            case 'screenError':
                this.screenCaption.textContent = message.params.message;
                return;
            case 'status':
                this.status.textContent = message.params.message;
                this.status.className = `status ${message.params.kind}`;
                this.root.classList.toggle('stopped', message.params.kind === 'stopped');
                return;
        }
    }

    private build(init: InitParams): void {
        const blue = themeColor('--vscode-charts-blue', '#3794ff');
        const red = themeColor('--vscode-charts-red', '#f14c4c');
        const green = themeColor('--vscode-charts-green', '#89d185');
        const orange = themeColor('--vscode-charts-orange', '#d18616');
        const purple = themeColor('--vscode-charts-purple', '#b180d7');
        this.charts = [
            new LiveChart({
                title: 'CPU',
                unit: '%',
                minMax: 100,
                format: (v) => v.toFixed(0),
                series: [
                    { label: 'User', color: blue, value: (s) => s.cpuUserPercent },
                    { label: 'Kernel', color: red, value: (s) => s.cpuKernelPercent },
                ],
            }),
            new LiveChart({ title: 'Memory', unit: 'MB', minMax: init.vm.memoryMb, series: [{ label: 'Used', color: green, value: (s) => s.ramUsedMb }] }),
            new LiveChart({
                title: 'Network',
                unit: 'kB/s',
                format: (v) => v.toFixed(1),
                series: [
                    { label: 'Rx', color: orange, value: (s) => kb(s.networkRxBytesPerSecond) },
                    { label: 'Tx', color: purple, value: (s) => kb(s.networkTxBytesPerSecond) },
                ],
            }),
            new LiveChart({ title: 'Disk', unit: 'MB', series: [{ label: 'Used', color: blue, value: (s) => s.diskUsedMb }] }),
        ];
        const refresh = () => this.post({ method: 'refreshScreen', params: {} });
        const screen = h(
            'figure',
            { class: 'screen' },
            h(
                'button',
                { class: 'screen-button', attrs: { type: 'button', title: 'Refresh the screen preview' }, on: { click: refresh } },
                this.screenImage,
            ),
            this.screenCaption,
        );
        this.root.replaceChildren(
            h('header', { class: 'header' }, h('h1', {}, init.vm.name), h('span', { class: 'muted' }, `${init.vm.cpus} CPU${init.vm.cpus === 1 ? '' : 's'} · ${init.vm.memoryMb} MB`), this.status),
            h('div', { class: 'layout' }, h('div', { class: 'charts' }, ...this.charts.map((chart) => chart.element)), screen),
        );
    }
}
