/** Timing helpers and the output format of `npm run bench`. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds that `work` took, as the median of `runs` runs (`prepare` runs before each, untimed). */
export async function medianMs(runs: number, work: () => Promise<unknown>, prepare?: () => Promise<unknown> | void): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        await prepare?.();
        const started = performance.now();
        await work();
        times.push(performance.now() - started);
    }
    return median(times);
}

export type Fields = Record<string, string | number | boolean>;

const format = (value: string | number | boolean) => (typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value));

/** One figure: `BENCH <name> key=value …`. */
export function benchLine(name: string, fields: Fields): string {
    return `BENCH ${name} ${Object.entries(fields).map(([key, value]) => `${key}=${format(value)}`).join(' ')}`;
}

/** `value <= limit` as the `met=` field says it. */
export const met = (ok: boolean) => (ok ? 'yes' : 'no');
