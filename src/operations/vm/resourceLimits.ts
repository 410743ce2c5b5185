import { invalidInput } from '../../vbox/errors';
import type { VBoxCommand } from '../../vbox/command';
import type { VBoxManage } from '../../vbox/runner';
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../operation';
import { resourceLimitIssues, type ResourceLimits, type ResourceRequest } from './resourceLimitRules';
import { hostInfoCommand, systemPropertiesCommand } from './vmQueries';

export type { ResourceLimits, ResourceRequest } from './resourceLimitRules';

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

/** VirtualBox's guest limits and this host's CPUs and memory, read once per runner (see FACTS_TTL_MS). */
export async function readResourceLimits(ctx: OperationContext): Promise<ResourceLimits> {
    const system = await remembered(ctx, systemPropertiesCommand);
    const host = await remembered(ctx, hostInfoCommand);
    return {
        minCpus: system.minGuestCpus,
        maxCpus: Math.min(system.maxGuestCpus, host.processorCount),
        minMemoryMb: system.minGuestRamMb,
        maxMemoryMb: Math.min(system.maxGuestRamMb, host.memorySizeMb),
        minVramMb: system.minGuestVramMb,
        maxVramMb: system.maxGuestVramMb,
        hostCpus: host.processorCount,
        hostMemoryMb: host.memorySizeMb,
    };
}

/**
 * The limits for the commands' prompts and the settings page (the same cached read the operations check against).
 * A helper for the UI, not a catalogue operation: it is not offered to the language-model tools or the API.
 */
export const readResourceLimitsOperation = defineOperation({
    id: 'read_resource_limits',
    title: 'Read Resource Limits',
    description: "VirtualBox's guest CPU, memory and video memory limits and this host's logical CPUs and memory.",
    input: z.object({}),
    effect: 'read',
    run: (ctx): Promise<ResourceLimits> => readResourceLimits(ctx),
});

/**
 * Checks CPU count, RAM and video memory against VirtualBox's limits (`list systemproperties`) and the host
 * (`list hostinfo`: logical CPUs, physical memory) before anything is changed. INVALID_INPUT names the limit.
 */
export async function checkResourceLimits(ctx: OperationContext, request: ResourceRequest): Promise<void> {
    if (request.cpus === undefined && request.memoryMb === undefined && request.vramMb === undefined) return;
    const issues = resourceLimitIssues(await readResourceLimits(ctx), request);
    if (issues.length) throw invalidInput(issues.map((issue) => `${issue.field}: ${issue.message}`).join(' '));
}
