import { z } from 'zod';
import { defineOperation } from '../../operations/operation';
import { hostInfoCommand, systemPropertiesCommand } from '../../operations/vm/vmQueries';
import type { EditorChoices } from './settingsForm';

/**
 * The bounds the settings form shows and checks early: VirtualBox's guest limits and this host's CPUs and memory.
 * A read for the editor only, not a catalogue operation (update_vm_config checks the same limits when it runs).
 */
export const readEditorLimits = defineOperation({
    id: 'read_editor_limits',
    title: 'Read Settings Limits',
    description: "VirtualBox's guest CPU, memory and video memory limits and this host's logical CPUs and memory.",
    input: z.object({}),
    effect: 'read',
    async run(ctx): Promise<EditorChoices['limits']> {
        const system = await ctx.vbox.run(systemPropertiesCommand, { signal: ctx.signal });
        const host = await ctx.vbox.run(hostInfoCommand, { signal: ctx.signal });
        return {
            minMemoryMb: system.minGuestRamMb,
            maxMemoryMb: Math.min(system.maxGuestRamMb, host.memorySizeMb),
            minCpus: system.minGuestCpus,
            maxCpus: Math.min(system.maxGuestCpus, host.processorCount),
            minVramMb: system.minGuestVramMb,
            maxVramMb: system.maxGuestVramMb,
            hostMemoryMb: host.memorySizeMb,
            hostCpus: host.processorCount,
        };
    },
});
