import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError, isVBoxError } from '../../vbox/errors';
import { parseMetricsQuery } from '../../vbox/parsers/metrics';
import { sleep } from '../../vbox/sleep';
import { defineOperation, type OperationContext } from '../operation';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { LIVE_STATES, requireState } from '../shared/vmStates';

export interface ResourceUsage {
    readonly name: string;
    readonly uuid: string;
    /** Host CPU time of the VM process, in % of one host CPU, user and kernel mode. */
    readonly cpuUserPercent: number;
    readonly cpuKernelPercent: number;
    readonly ramUsedMb: number;
    /** Combined actual size of the VM's disks (absent when VirtualBox does not report it). */
    readonly diskUsedMb?: number;
    readonly networkRxBytesPerSecond?: number;
    readonly networkTxBytesPerSecond?: number;
    /** Samples VirtualBox holds for the CPU metric (one per second, at most 5 when start_metrics_collection set it up). */
    readonly samples: number;
    readonly timestamp: string;
}

export interface MetricsCollectionResult {
    readonly name: string;
    readonly uuid: string;
    readonly periodSeconds: number;
    /** How many samples VirtualBox keeps per metric. */
    readonly samplesKept: number;
    /** CPU samples already there when it returned (it waits for the first ones, a few seconds at most). */
    readonly samples: number;
}

const METRICS = ['CPU/Load/User', 'CPU/Load/Kernel', 'RAM/Usage/Used', 'Disk/Usage/Used', 'Net/Rate/Rx', 'Net/Rate/Tx'] as const;
type MetricName = (typeof METRICS)[number];
type Sample = { value: number; unit: string; count: number };

// After `metrics setup` the first sample arrives within a second; the first CPU sample covers less than a period.
const WARM_UP_SAMPLES = 2;
const WARM_UP_MS = 6_000;

async function query(ctx: OperationContext, vm: string): Promise<Partial<Record<MetricName, Sample>>> {
    const rows = await ctx.vbox.run(command(['metrics', 'query', vm, METRICS.join(',')], (o) => parseMetricsQuery(o.stdout), { vm }), { signal: ctx.signal });
    const latest: Partial<Record<MetricName, Sample>> = {};
    for (const row of rows) {
        const metric = METRICS.find((name) => name === row.metric);
        if (metric && row.values.length) latest[metric] = { value: row.values[row.values.length - 1], unit: row.unit, count: row.values.length };
    }
    return latest;
}

const SIZE_IN_MB: Record<string, number> = { B: 1 / (1024 * 1024), kB: 1 / 1024, MB: 1, GB: 1024 };
const RATE_IN_BYTES: Record<string, number> = { 'B/s': 1, 'kB/s': 1024, 'MB/s': 1024 * 1024 };

/** Converts with the unit VirtualBox printed; an unexpected unit is a PARSE_ERROR rather than a wrong number. */
function convert(sample: Sample, table: Record<string, number>, metric: string): number {
    const factor = table[sample.unit];
    if (factor === undefined) throw new VBoxError('PARSE_ERROR', `VirtualBox reported ${metric} in an unexpected unit "${sample.unit}".`);
    return Math.round(sample.value * factor * 100) / 100;
}

const convertIfAny = (sample: Sample | undefined, table: Record<string, number>, metric: string) => sample && convert(sample, table, metric);

const PERCENT: Record<string, number> = { '%': 1 };

const PERIOD_SECONDS = 1;
const SAMPLES_KEPT = 5;

/**
 * Starts (or restarts) VirtualBox's metrics collection for a running VM: `metrics setup` changes what VBoxSVC
 * collects, so it is a change of its own, apart from get_resource_usage, which only reads. Waits for the first samples.
 */
export const startMetricsCollection = defineOperation({
    id: 'start_metrics_collection',
    title: 'Start VM Metrics Collection',
    description:
        `Makes VirtualBox collect a running VM's CPU, memory, disk and network figures (every ${PERIOD_SECONDS} s, keeping ${SAMPLES_KEPT} samples), ` +
        'which get_resource_usage then reads. Collection lasts until the VM stops.',
    input: z.object({ vm: vmRef }),
    effect: 'change',
    states: LIVE_STATES,
    async run(ctx, input): Promise<MetricsCollectionResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, LIVE_STATES, 'collect metrics', 'Only a running VM has resource usage; start it first.');
        const setup = ['metrics', 'setup', '--period', String(PERIOD_SECONDS), '--samples', String(SAMPLES_KEPT), info.uuid];
        await ctx.vbox.run(command(setup, ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
        const deadline = Date.now() + WARM_UP_MS;
        let samples: number;
        for (;;) {
            samples = (await query(ctx, info.uuid))['CPU/Load/User']?.count ?? 0;
            if (samples >= WARM_UP_SAMPLES || Date.now() >= deadline) break;
            await sleep(500, ctx.signal);
        }
        return { name: info.name, uuid: info.uuid, periodSeconds: PERIOD_SECONDS, samplesKept: SAMPLES_KEPT, samples };
    },
});

export const getResourceUsage = defineOperation({
    id: 'get_resource_usage',
    title: 'Show VM Resource Usage',
    description:
        "Reads a running VM's current host resource usage: CPU (user/kernel %), RAM in use, disk size, network receive/transmit " +
        'rates, from the metrics VirtualBox collects. Changes nothing: if VirtualBox is not collecting them yet, run start_metrics_collection first.',
    input: z.object({ vm: vmRef }),
    effect: 'read',
    states: LIVE_STATES,
    async run(ctx, input): Promise<ResourceUsage> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, LIVE_STATES, 'measure resource usage', 'Only a running VM has resource usage; start it first.');
        const latest = await query(ctx, input.vm);
        const [cpuUser, cpuKernel, ram] = [latest['CPU/Load/User'], latest['CPU/Load/Kernel'], latest['RAM/Usage/Used']];
        if (!cpuUser || !cpuKernel || !ram) {
            throw new VBoxError(
                'INVALID_VM_STATE',
                `VirtualBox has no CPU and memory samples for VM "${info.name}": it is not collecting them. Run start_metrics_collection first.`,
            );
        }
        return {
            name: info.name,
            uuid: info.uuid,
            cpuUserPercent: convert(cpuUser, PERCENT, 'CPU/Load/User'),
            cpuKernelPercent: convert(cpuKernel, PERCENT, 'CPU/Load/Kernel'),
            ramUsedMb: convert(ram, SIZE_IN_MB, 'RAM/Usage/Used'),
            diskUsedMb: convertIfAny(latest['Disk/Usage/Used'], SIZE_IN_MB, 'Disk/Usage/Used'),
            networkRxBytesPerSecond: convertIfAny(latest['Net/Rate/Rx'], RATE_IN_BYTES, 'Net/Rate/Rx'),
            networkTxBytesPerSecond: convertIfAny(latest['Net/Rate/Tx'], RATE_IN_BYTES, 'Net/Rate/Tx'),
            samples: cpuUser.count,
            timestamp: new Date().toISOString(),
        };
    },
});

/** True when get_resource_usage failed because VirtualBox is not collecting the VM's metrics (yet, or any more). */
export function isNotCollecting(error: unknown): boolean {
    return isVBoxError(error, 'INVALID_VM_STATE') && /not collecting/.test(error.message);
}
