import * as vscode from 'vscode';
import { z } from 'zod';
import { defineOperation } from '../../operations/operation';
import { hostInfoCommand, systemPropertiesCommand } from '../../operations/vm/vmQueries';
import type { Services } from '../../services/services';

/** The bounds a new CPU count or memory size must stay within: VirtualBox's and this host's. */
export interface HostLimits {
    readonly minCpus: number;
    readonly maxCpus: number;
    readonly minMemoryMb: number;
    readonly maxMemoryMb: number;
    readonly hostCpus: number;
    readonly hostMemoryMb: number;
}

/**
 * Reads the limits for the input boxes' prompts and checks (the set_cpu_count, set_memory and create_vm operations
 * check them again). A UI helper, not a catalogue operation: it is not offered to the language-model tools.
 */
export const readHostLimits = defineOperation({
    id: 'read_host_limits',
    title: 'Read Host Limits',
    description: "VirtualBox's CPU and memory limits for guests and this host's logical CPUs and memory.",
    input: z.object({}),
    effect: 'read',
    async run(ctx): Promise<HostLimits> {
        const system = await ctx.vbox.run(systemPropertiesCommand, { signal: ctx.signal });
        const host = await ctx.vbox.run(hostInfoCommand, { signal: ctx.signal });
        return {
            minCpus: system.minGuestCpus,
            maxCpus: Math.min(system.maxGuestCpus, host.processorCount),
            minMemoryMb: system.minGuestRamMb,
            maxMemoryMb: Math.min(system.maxGuestRamMb, host.memorySizeMb),
            hostCpus: host.processorCount,
            hostMemoryMb: host.memorySizeMb,
        };
    },
});

export function loadHostLimits(services: Services): Promise<HostLimits> {
    return services.vbox.execute(readHostLimits, {});
}

/** A whole number typed into an input box, checked against a zod schema and the limits; the message, if any. */
export function validateCount(text: string, schema: z.ZodType<number>, min: number, max: number, unit = ''): string | undefined {
    if (!/^\s*\d+\s*$/.test(text)) return vscode.l10n.t('Enter a whole number.');
    const value = Number(text);
    const parsed = schema.safeParse(value);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? vscode.l10n.t('Invalid value.');
    if (value < min || value > max) return vscode.l10n.t('Enter a number from {0} to {1}{2}.', min, max, unit);
    return undefined;
}
