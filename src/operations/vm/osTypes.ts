import { z } from 'zod';
import { invalidInput } from '../../vbox/errors';
import { defineOperation, type OperationContext } from '../operation';
import type { OsType } from '../../vbox/parsers/osTypes';
import { listOsTypesCommand } from './vmQueries';

export const listOsTypes = defineOperation({
    id: 'list_os_types',
    title: 'List Guest OS Types',
    description: 'Lists the guest OS types VirtualBox knows (id, description, family, architecture), optionally filtered by a search text.',
    input: z.object({
        search: z
            .string()
            .trim()
            .min(1)
            .optional()
            .describe('Keep only types whose id, description or family contains this text (case-insensitive), e.g. "ubuntu".'),
    }),
    effect: 'read',
    async run(ctx, input): Promise<OsType[]> {
        const types = await ctx.vbox.run(listOsTypesCommand, { signal: ctx.signal });
        if (!input.search) return types;
        const needle = input.search.toLowerCase();
        return types.filter((t) => [t.id, t.description, t.familyId, t.familyDescription].some((text) => text.toLowerCase().includes(needle)));
    },
});

/** INVALID_INPUT for an OS type id VirtualBox does not know, with the closest ids as suggestions. */
export async function requireKnownOsType(ctx: OperationContext, id: string): Promise<void> {
    const types = await ctx.vbox.run(listOsTypesCommand, { signal: ctx.signal });
    if (types.some((t) => t.id === id)) return;
    const exactIgnoringCase = types.find((t) => t.id.toLowerCase() === id.toLowerCase());
    const stem = id.toLowerCase().replace(/_?(64|arm64)$/, '');
    const similar = exactIgnoringCase ? [exactIgnoringCase] : types.filter((t) => stem.length >= 3 && t.id.toLowerCase().includes(stem));
    const hint = similar.length ? ` Did you mean ${similar.slice(0, 5).map((t) => `"${t.id}"`).join(', ')}?` : ' See list_os_types.';
    throw invalidInput(`osType: VirtualBox has no guest OS type "${id}".${hint}`);
}
