import uPlot from 'uplot';
import type { Sample } from '../../webviews/monitor/protocol';
import { h } from '../shared/dom';

/** How much history the charts keep: 3 minutes at one sample every 1.5 s. */
export const HISTORY = 120;

const CHART_HEIGHT = 140;

/** Whole numbers where they are large enough, one decimal for small ranges (so ticks 0, 0.5, 1 stay distinct). */
const defaultFormat = (value: number) => (Number.isInteger(value) || Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(1));

/** The steps the time axis may use between ticks, in seconds. */
const TIME_TICK_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Ticks of the time axis as the clock shows them (minutes and seconds; the date is noise here). */
const clockTime = (seconds: number) => new Date(seconds * 1000).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' });

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
    private readonly latest: HTMLElement[];

    constructor(private readonly spec: ChartSpec) {
        this.data = [[], ...spec.series.map(() => [])];
        // The caption is the legend: a colour swatch, the series' name and its latest value.
        this.latest = spec.series.map(() => h('span', { class: 'value' }, '–'));
        const legend = spec.series.map((series, index) => {
            const swatch = h('span', { class: 'swatch' });
            // Through the CSSOM: the CSP allows no inline style attributes.
            swatch.style.backgroundColor = series.color;
            return h('span', { class: 'series' }, swatch, `${series.label} `, this.latest[index]);
        });
        const canvasHost = h('div', { class: 'plot' });
        this.element = h('figure', { class: 'chart' }, h('figcaption', {}, h('span', { class: 'chart-title' }, spec.title), h('span', { class: 'legend' }, ...legend)), canvasHost);
        const axisColor = themeColor('--vscode-descriptionForeground', '#888');
        const gridColor = themeColor('--vscode-editorWidget-border', '#8883');
        const format = spec.format ?? defaultFormat;
        this.plot = new uPlot(
            {
                width: 300,
                height: CHART_HEIGHT,
                legend: { show: false },
                cursor: { show: false },
                scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(spec.minMax ?? 1, max * 1.1)] } },
                axes: [
                    {
                        stroke: axisColor,
                        grid: { stroke: gridColor, width: 1 },
                        ticks: { stroke: gridColor },
                        space: 80,
                        // Whole seconds at least: the labels show seconds, and sub-second ticks repeat the same label.
                        incrs: TIME_TICK_SECONDS,
                        values: (_u, ticks) => ticks.map(clockTime),
                    },
                    { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor }, size: 50, values: (_u, ticks) => ticks.map(format) },
                ],
                series: [{}, ...spec.series.map((series) => ({ label: series.label, stroke: series.color, width: 2, fill: `${series.color}22`, points: { show: false } }))],
            },
            this.data as uPlot.AlignedData,
            canvasHost,
        );
        new ResizeObserver(() => this.plot.setSize({ width: Math.max(200, canvasHost.clientWidth), height: CHART_HEIGHT })).observe(canvasHost);
    }

    push(sample: Sample): void {
        this.data[0].push(sample.at / 1000);
        this.spec.series.forEach((series, index) => this.data[index + 1].push(series.value(sample) ?? null));
        for (const column of this.data) if (column.length > HISTORY) column.splice(0, column.length - HISTORY);
        this.plot.setData(this.data as uPlot.AlignedData);
        const format = this.spec.format ?? defaultFormat;
        this.spec.series.forEach((series, index) => {
            const value = series.value(sample);
            this.latest[index].textContent = value === undefined ? 'n/a' : `${format(value)} ${this.spec.unit}`;
        });
    }
}
