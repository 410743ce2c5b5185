import { z } from 'zod';

/**
 * `guestproperty enumerate <vm>`. The 7.x default format, sorted by name, is
 * `<name padded> = '<value>'<padding> @ <ISO time>[ <FLAG, FLAG>]`; the value is not escaped and may hold quotes,
 * ` @ ` and newlines. An entry therefore ends at a line ending in `' @ <time>[ flags]` that is followed by the
 * next entry (or nothing). The older `--old-format` is `Name: n, value: v, timestamp: ns, flags: f` per line.
 * `No properties found.` means none.
 */

export const GuestPropertySchema = z.object({
    name: z.string().min(1),
    value: z.string(),
    timestamp: z.string().optional(),
    flags: z.array(z.string()),
});
export type GuestProperty = z.infer<typeof GuestPropertySchema>;
export const GuestPropertiesSchema = z.array(GuestPropertySchema);

const ENTRY_START = /^(\S.*?) += '/;
const ENTRY_END = /' *@ (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)(?: ([A-Z_, ]*))?$/;
const OLD_FORMAT = /^Name: (.*?), value: (.*), timestamp: (\d+), flags: (.*)$/;

function flagList(text: string | undefined): string[] {
    return (text ?? '').split(',').map((flag) => flag.trim()).filter(Boolean);
}

function parseEntry(text: string): GuestProperty {
    const start = ENTRY_START.exec(text);
    const end = ENTRY_END.exec(text);
    if (!start || !end) throw new Error(`unexpected guest property: ${JSON.stringify(text)}`);
    const value = text.slice(start[0].length, end.index);
    return { name: start[1], value, timestamp: end[1], flags: flagList(end[2]) };
}

export function parseGuestProperties(text: string): GuestProperty[] {
    const lines = text.split('\n');
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    if (lines.length === 0 || (lines.length === 1 && lines[0].trim() === 'No properties found.')) return [];
    const properties: GuestProperty[] = [];
    let pending: string | undefined;
    lines.forEach((line, index) => {
        const old = pending === undefined ? OLD_FORMAT.exec(line) : null;
        if (old) {
            properties.push({ name: old[1], value: old[2], timestamp: old[3], flags: flagList(old[4]) });
            return;
        }
        pending = pending === undefined ? line : `${pending}\n${line}`;
        const next = lines[index + 1];
        if (ENTRY_END.test(pending) && (next === undefined || ENTRY_START.test(next))) {
            properties.push(parseEntry(pending));
            pending = undefined;
        }
    });
    if (pending !== undefined) throw new Error(`unterminated guest property: ${JSON.stringify(pending)}`);
    return GuestPropertiesSchema.parse(properties);
}
