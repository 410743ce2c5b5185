import { invalidInput } from '../../vbox/errors';
import type { VBoxCommand } from '../../vbox/command';
import type { VBoxManage } from '../../vbox/runner';
import type { OperationContext } from '../operation';
import { hostInfoCommand, systemPropertiesCommand } from './vmQueries';

/**
 * VirtualBox's limits and the host's CPUs and memory do not change while VirtualBox runs: read once per VBoxManage
 * runner and kept for 10 minutes, so that a change of CPUs or memory costs one process (modifyvm), not three.
 */
const FACTS_TTL_MS = 10 * 60_000;
const facts = new WeakMap<VBoxManage, Map<VBoxCommand<unknown>, { readonly at: number; readonly value: Promise<unknown> }>>();

function remembered<T>(ctx: OperationContext, query: VBoxCommand<T>): Promise<T> {
    const known = facts.get(ctx.vbox) ?? new Map();
    facts.set(ctx.vbox, known);
    const cached = known.get(query);
    if (cached && Date.now() - cached.at < FACTS_TTL_MS) return cached.value as Promise<T>;
    const value = ctx.vbox.run(query, { signal: ctx.signal });
    known.set(query, { at: Date.now(), value });
    // A failed read is not kept: the next check asks again.
    value.catch(() => known.delete(query));
    return value;
}

export interface ResourceRequest {
    readonly cpus?: number;
    readonly memoryMb?: number;
    readonly vramMb?: number;
}

/**
 * Checks CPU count, RAM and video memory against VirtualBox's limits (`list systemproperties`) and the host
 * (`list hostinfo`: logical CPUs, physical memory) before anything is changed. INVALID_INPUT names the limit.
 */
export async function checkResourceLimits(ctx: OperationContext, request: ResourceRequest): Promise<void> {
    const { cpus, memoryMb, vramMb } = request;
    if (cpus === undefined && memoryMb === undefined && vramMb === undefined) return;
    const limits = await remembered(ctx, systemPropertiesCommand);
    const problems: string[] = [];
    const range = (field: string, value: number | undefined, min: number, max: number, unit: string) => {
        if (value === undefined) return;
        if (value < min || value > max) problems.push(`${field}: ${value}${unit} is outside VirtualBox's range ${min}–${max}${unit}`);
    };
    range('cpus', cpus, limits.minGuestCpus, limits.maxGuestCpus, '');
    range('memoryMb', memoryMb, limits.minGuestRamMb, limits.maxGuestRamMb, ' MB');
    range('vramMb', vramMb, limits.minGuestVramMb, limits.maxGuestVramMb, ' MB');
    if (cpus !== undefined || memoryMb !== undefined) {
        const host = await remembered(ctx, hostInfoCommand);
        if (cpus !== undefined && cpus > host.processorCount) {
            problems.push(`cpus: ${cpus} is more than this host's ${host.processorCount} logical CPUs`);
        }
        if (memoryMb !== undefined && memoryMb > host.memorySizeMb) {
            problems.push(`memoryMb: ${memoryMb} MB is more than this host's ${host.memorySizeMb} MB of memory`);
        }
    }
    if (problems.length) throw invalidInput(`${problems.join('; ')}.`);
}
