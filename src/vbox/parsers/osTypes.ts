/**
 * `list ostypes`. 7.1 changed the default to a short form (`ID / Description:`, `Family:`, `Architecture:`); the long
 * form (`-l`) keeps the 7.0 labels (`ID:`, `Description:`, `Family ID:`, `Family Desc:`, `64 bit:`) and adds
 * `OS Subtype:` and `Architecture:`. Both are accepted; 7.0, which knew only x86, printed no architecture.
 */
import { z } from 'zod';

export const OsTypeSchema = z.object({
    /** e.g. Ubuntu_64, the value `createvm --ostype` takes. */
    id: z.string().min(1),
    description: z.string().min(1),
    familyId: z.string().min(1),
    familyDescription: z.string().min(1),
    subtype: z.string().optional(),
    /** x86 | ARMv8 */
    architecture: z.string().min(1),
    is64Bit: z.boolean(),
});
export type OsType = z.infer<typeof OsTypeSchema>;

const SHORT_LABELS = ['ID / Description', 'Family', 'Architecture'];
const LONG_LABELS = ['ID', 'Description', 'Family ID', 'Family Desc', 'OS Subtype', 'Architecture', '64 bit'];
const SIXTY_FOUR = ' (64-bit)';

function fieldsOf(record: readonly string[], labels: readonly string[]): Map<string, string> {
    const fields = new Map<string, string>();
    for (const line of record) {
        const label = labels.find((candidate) => line.startsWith(`${candidate}:`));
        if (!label) throw new Error(`Unexpected line in an OS type record: ${JSON.stringify(line)} (VBoxManage must print English labels)`);
        fields.set(label, line.slice(label.length + 1).trim());
    }
    return fields;
}

function required(fields: Map<string, string>, label: string): string {
    const value = fields.get(label);
    if (value === undefined) throw new Error(`An OS type record has no "${label}:" line (${[...fields.values()][0] ?? 'empty record'})`);
    return value;
}

/** `Ubuntu_64 -- Ubuntu (64-bit)`, `Linux / Ubuntu (Linux)`, `Windows (Microsoft Windows)`, `ARMv8 (64-bit)`. */
function fromShortForm(fields: Map<string, string>): OsType {
    const idAndDescription = required(fields, 'ID / Description');
    const separator = idAndDescription.indexOf(' -- ');
    const family = /^(\S+)(?: \/ (.*))? \(([^()]*)\)$/.exec(required(fields, 'Family'));
    if (separator < 0 || !family) throw new Error(`Cannot read the OS type record ${JSON.stringify(idAndDescription)}`);
    const architecture = required(fields, 'Architecture');
    const is64Bit = architecture.endsWith(SIXTY_FOUR);
    return {
        id: idAndDescription.slice(0, separator),
        description: idAndDescription.slice(separator + 4),
        familyId: family[1],
        familyDescription: family[3],
        ...(family[2] === undefined ? {} : { subtype: family[2] }),
        architecture: is64Bit ? architecture.slice(0, -SIXTY_FOUR.length) : architecture,
        is64Bit,
    };
}

function fromLongForm(fields: Map<string, string>): OsType {
    const bits = required(fields, '64 bit');
    if (bits !== 'true' && bits !== 'false') throw new Error(`Cannot read "64 bit: ${bits}"`);
    const subtype = fields.get('OS Subtype');
    return {
        id: required(fields, 'ID'),
        description: required(fields, 'Description'),
        familyId: required(fields, 'Family ID'),
        familyDescription: required(fields, 'Family Desc'),
        ...(subtype ? { subtype } : {}),
        architecture: fields.get('Architecture') ?? 'x86',
        is64Bit: bits === 'true',
    };
}

export function parseOsTypes(text: string): OsType[] {
    const records: string[][] = [];
    for (const line of text.split('\n')) {
        // "Supported guest OS types:" or, with --platform-arch, "Supported guest OS types (filtered):".
        if (line.startsWith('Supported guest OS types')) continue;
        if (line.startsWith('ID / Description:') || line.startsWith('ID:')) records.push([line]);
        else if (line.trim() === '') continue;
        else if (records.length) records[records.length - 1].push(line);
        else throw new Error(`Unexpected text before the first OS type: ${JSON.stringify(line)}`);
    }
    const types = records.map((record) =>
        record[0].startsWith('ID / Description:') ? fromShortForm(fieldsOf(record, SHORT_LABELS)) : fromLongForm(fieldsOf(record, LONG_LABELS)),
    );
    return z.array(OsTypeSchema).parse(types);
}
