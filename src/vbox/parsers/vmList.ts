import { z } from 'zod';

/**
 * `list vms` / `list runningvms`: one `"name" {uuid}` per VM. The name is printed raw, so it may hold `"`, `{`,
 * even a newline or a fake `" {uuid}`: an entry ends only where a line ends in `" {<uuid>}`, and the name runs
 * greedily up to that last `" {`. An inaccessible VM is listed as `"<inaccessible>" {uuid}`.
 */

export const VmListEntrySchema = z.object({ name: z.string(), uuid: z.string(), accessible: z.boolean() });
export type VmListEntry = z.infer<typeof VmListEntrySchema>;
export const VmListSchema = z.array(VmListEntrySchema);

const ENTRY = /^"([\s\S]*)" \{([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}$/;

export function parseVmList(text: string): VmListEntry[] {
    const vms: VmListEntry[] = [];
    let pending: string | undefined;
    for (const line of text.split('\n')) {
        if (pending === undefined && line === '') continue;
        pending = pending === undefined ? line : `${pending}\n${line}`;
        const match = ENTRY.exec(pending);
        if (!match) continue;
        vms.push({ name: match[1], uuid: match[2], accessible: match[1] !== '<inaccessible>' });
        pending = undefined;
    }
    if (pending !== undefined && pending.trim() !== '') throw new Error(`unexpected VM list line: ${JSON.stringify(pending)}`);
    return VmListSchema.parse(vms);
}
