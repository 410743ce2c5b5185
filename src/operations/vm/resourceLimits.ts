import { invalidInput } from '../../vbox/errors';
import type { OperationContext } from '../operation';
import { hostInfoCommand, systemPropertiesCommand } from './vmQueries';

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
    const limits = await ctx.vbox.run(systemPropertiesCommand, { signal: ctx.signal });
    const problems: string[] = [];
    const range = (field: string, value: number | undefined, min: number, max: number, unit: string) => {
        if (value === undefined) return;
        if (value < min || value > max) problems.push(`${field}: ${value}${unit} is outside VirtualBox's range ${min}–${max}${unit}`);
    };
    range('cpus', cpus, limits.minGuestCpus, limits.maxGuestCpus, '');
    range('memoryMb', memoryMb, limits.minGuestRamMb, limits.maxGuestRamMb, ' MB');
    range('vramMb', vramMb, limits.minGuestVramMb, limits.maxGuestVramMb, ' MB');
    if (cpus !== undefined || memoryMb !== undefined) {
        const host = await ctx.vbox.run(hostInfoCommand, { signal: ctx.signal });
        if (cpus !== undefined && cpus > host.processorCount) {
            problems.push(`cpus: ${cpus} is more than this host's ${host.processorCount} logical CPUs`);
        }
        if (memoryMb !== undefined && memoryMb > host.memorySizeMb) {
            problems.push(`memoryMb: ${memoryMb} MB is more than this host's ${host.memorySizeMb} MB of memory`);
        }
    }
    if (problems.length) throw invalidInput(`${problems.join('; ')}.`);
}
