import uPlot from 'uplot';
import type { Sample } from '../../webviews/monitor/protocol';
import { h } from '../shared/dom';

/** How much history the charts keep: 3 minutes at one sample every 1.5 s. */
export const HISTORY = 120;

interface SeriesSpec {
    readonly label: string;
    readonly color: string;
    readonly value: (sample: Sample) => number | undefined;
}

export interface ChartSpec {
    readonly title: string;
    readonly unit: string;
    readonly series: readonly SeriesSpec[];
    /** The y axis' upper bound at least (e.g. 100 for percentages, the VM's memory for RAM). */
    readonly minMax?: number;
    readonly format?: (value: number) => string;
}

/** A theme colour from VS Code's CSS variables, with a fallback for themes that lack it. */
export function themeColor(name: string, fallback: string): string {
    return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** One live line chart (uPlot) with its title and latest values; `push` adds a sample and redraws. */
export class LiveChart {
    readonly element: HTMLElement;
    private readonly plot: uPlot;
    private readonly data: (number | null)[][];
    private readonly latest: HTMLElement;

    constructor(private readonly spec: ChartSpec) {
        this.data = [[], ...spec.series.map(() => [])];
        this.latest = h('span', { class: 'latest' }, '–');
        const canvasHost = h('div', { class: 'plot' });
        this.element = h('figure', { class: 'chart' }, h('figcaption', {}, h('span', { class: 'chart-title' }, spec.title), this.latest), canvasHost);
        const axisColor = themeColor('--vscode-descriptionForeground', '#888');
        const gridColor = themeColor('--vscode-editorWidget-border', '#8883');
        const format = spec.format ?? ((value: number) => value.toFixed(0));
        this.plot = new uPlot(
            {
                width: 400,
                height: 160,
                legend: { show: true, live: false },
                cursor: { show: false },
                scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(spec.minMax ?? 1, max * 1.1)] } },
                axes: [
                    { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor } },
                    { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor }, size: 60, values: (_u, ticks) => ticks.map(format) },
                ],
                series: [{}, ...spec.series.map((series) => ({ label: series.label, stroke: series.color, width: 2, fill: `${series.color}22`, points: { show: false } }))],
            },
            this.data as uPlot.AlignedData,
            canvasHost,
        );
        new ResizeObserver(() => this.plot.setSize({ width: Math.max(200, canvasHost.clientWidth), height: 160 })).observe(canvasHost);
    }

    push(sample: Sample): void {
        this.data[0].push(sample.at / 1000);
        this.spec.series.forEach((series, index) => this.data[index + 1].push(series.value(sample) ?? null));
        for (const column of this.data) if (column.length > HISTORY) column.splice(0, column.length - HISTORY);
        this.plot.setData(this.data as uPlot.AlignedData);
        const format = this.spec.format ?? ((value: number) => value.toFixed(0));
        this.latest.textContent = this.spec.series
            .map((series) => {
                const value = series.value(sample);
                return `${series.label} ${value === undefined ? 'n/a' : `${format(value)} ${this.spec.unit}`}`;
            })
            .join(' · ');
    }
}
