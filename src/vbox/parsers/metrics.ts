import { z } from 'zod';

/**
 * `metrics query [<vm>]`: a two-line header, then `%-15ls %-40ls <values>` per metric, values joined by ", ",
 * each `"%d %ls"` (`148392 kB`, `0 B/s`, `12 %`) or, when scaled, `"%d.%02d%ls"` (`3.25%`). A metric that has no
 * sample yet (guest metrics without Guest Additions) has no values. The object is `host` or the VM's name, which
 * may hold spaces and be wider than its column; a metric name never has spaces and always has a `/`.
 */

export const MetricSchema = z.object({ object: z.string(), metric: z.string(), values: z.array(z.number()), unit: z.string() });
export type Metric = z.infer<typeof MetricSchema>;
export const MetricsSchema = z.array(MetricSchema);

const LINE = /^(.+?) +([A-Za-z][\w.]*(?:\/[\w.]+)+(?::\w+)?)(?: +(.*))?$/;
const VALUE = /^(-?\d+(?:\.\d+)?) ?(.*)$/;
const HEADER_RULE = /^-+(?: -+)+$/;

export function parseMetricsQuery(text: string): Metric[] {
    const lines = text.split('\n');
    const rule = lines.findIndex((line) => HEADER_RULE.test(line));
    const metrics: Metric[] = [];
    for (const line of lines.slice(rule + 1)) {
        if (line.trim() === '') continue;
        const match = LINE.exec(line.trimEnd());
        if (!match) throw new Error(`unexpected metrics line: ${JSON.stringify(line)}`);
        const [, object, metric, joined = ''] = match;
        let unit = '';
        const values = joined === '' ? [] : joined.split(', ').map((item) => {
            const value = VALUE.exec(item.trim());
            if (!value) throw new Error(`unexpected metric value ${JSON.stringify(item)} in ${metric}`);
            unit ||= value[2];
            return Number(value[1]);
        });
        metrics.push({ object, metric, values, unit });
    }
    return MetricsSchema.parse(metrics);
}
