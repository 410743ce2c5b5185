/**
 * `list hdds|dvds|floppies [-l]`: one record per medium, children right after their parent. There is no
 * machine-readable form, so the English labels (LC_ALL=C) are matched exactly and anything unexpected is an error
 * rather than a silently wrong tree. Records start at each `UUID:` line: blank lines cannot separate them, because
 * descriptions and access errors may contain blank lines.
 */
import { z } from 'zod';

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const uuid = z.string().regex(new RegExp(`^${UUID_PATTERN}$`), 'not a UUID');

export const MediumUsageSchema = z.object({
    name: z.string(),
    uuid,
    /** Snapshots of that VM that use the medium (`[snap (UUID: ...)]`); only with `-l`. */
    snapshots: z.array(z.object({ name: z.string(), uuid })).optional(),
});
export type MediumUsage = z.infer<typeof MediumUsageSchema>;

export const MediumSchema = z.object({
    uuid,
    /** Absent for base disks (`Parent UUID: base`) and for DVD/floppy images, which print no parent line. */
    parentUuid: uuid.optional(),
    /** created | inaccessible | locked read | locked write | not created | creating | deleting */
    state: z.string().min(1),
    /** normal (base) | normal (differencing) | immutable | writethrough | shareable | readonly | multiattach */
    type: z.string().optional(),
    location: z.string().min(1),
    format: z.string().optional(),
    capacityMb: z.number().int().nonnegative().optional(),
    sizeOnDiskMb: z.number().int().nonnegative().optional(),
    /** Only with `-l`; empty otherwise. */
    inUseBy: z.array(MediumUsageSchema),
    description: z.string().optional(),
    accessError: z.string().optional(),
    /** e.g. `dynamic default`, `fixed default`, `differencing default`; only with `-l`. */
    variant: z.string().optional(),
    encrypted: z.boolean().optional(),
    childUuids: z.array(uuid).optional(),
});
export type Medium = z.infer<typeof MediumSchema>;

const LABELS = [
    'UUID', 'Parent UUID', 'State', 'Access Error', 'Description', 'Type', 'Auto-Reset', 'Location', 'Storage format',
    'Format variant', 'Capacity', 'Size on disk', 'Encryption', 'Cipher', 'Password ID', 'Property', 'In use by VMs',
    'Child UUIDs',
] as const;
type Label = (typeof LABELS)[number];

/** Every label is padded so that values start in this column. */
const VALUE_COLUMN = 16;
/** Labels whose further values follow on lines indented to the value column. */
const LISTS = new Set<Label>(['Property', 'In use by VMs', 'Child UUIDs']);
/** Free text that may span lines; it ends only at one of the labels VBoxManage prints next. */
const FREE_TEXT_FOLLOWERS: Partial<Record<Label, readonly Label[]>> = {
    'Access Error': ['Description', 'Type'],
    Description: ['Type'],
};

function labelOf(line: string, candidates: readonly Label[]): Label | undefined {
    return candidates.find((label) => line.startsWith(`${label}:`));
}

function valueAfter(line: string, label: Label): string {
    const padding = Math.max(VALUE_COLUMN - label.length - 1, 1);
    return line.slice(label.length + 1).replace(new RegExp(`^ {0,${padding}}`), '');
}

/** The lines of one record grouped by label; list labels and continuation lines give several values. */
function readFields(lines: readonly string[]): Map<Label, string[]> {
    const fields = new Map<Label, string[]>();
    let last: Label | undefined;
    for (const line of lines) {
        const followers = last ? FREE_TEXT_FOLLOWERS[last] : undefined;
        const label = labelOf(line, followers ?? LABELS);
        if (label) {
            fields.set(label, [...(fields.get(label) ?? []), valueAfter(line, label)]);
            last = label;
        } else if (followers && last) {
            const values = fields.get(last) ?? [''];
            values[values.length - 1] += `\n${line}`;
        } else if (last && LISTS.has(last) && line.startsWith(' '.repeat(VALUE_COLUMN))) {
            fields.get(last)?.push(line.slice(VALUE_COLUMN));
        } else {
            throw new Error(`Unexpected line in a medium record: ${JSON.stringify(line)} (VBoxManage must print English labels)`);
        }
    }
    return fields;
}

/** `name (UUID: x)` then ` [snapshot (UUID: y)]` per snapshot. Names are printed raw, so try each `(UUID:` in turn. */
function parseUsage(value: string): MediumUsage {
    const vmUuid = new RegExp(` \\(UUID: (${UUID_PATTERN})\\)`, 'g');
    for (const match of value.matchAll(vmUuid)) {
        const snapshots = parseSnapshotUsage(value.slice(match.index + match[0].length));
        if (snapshots) return { name: value.slice(0, match.index), uuid: match[1], ...(snapshots.length ? { snapshots } : {}) };
    }
    throw new Error(`Cannot read the "In use by VMs" entry ${JSON.stringify(value)}`);
}

function parseSnapshotUsage(rest: string): { name: string; uuid: string }[] | undefined {
    // A snapshot name cannot contain its own "(UUID: ...)" marker; that keeps odd VM names on the VM side.
    const snapshot = new RegExp(`^ \\[((?:(?! \\(UUID: ${UUID_PATTERN}\\)).)*?) \\(UUID: (${UUID_PATTERN})\\)\\]`);
    const found: { name: string; uuid: string }[] = [];
    while (rest !== '') {
        const match = snapshot.exec(rest);
        if (!match) return undefined;
        found.push({ name: match[1], uuid: match[2] });
        rest = rest.slice(match[0].length);
    }
    return found;
}

function megabytes(value: string | undefined, label: Label): number | undefined {
    if (value === undefined) return undefined;
    const match = /^(\d+) MBytes$/.exec(value);
    if (!match) throw new Error(`Cannot read the medium's "${label}" value ${JSON.stringify(value)}`);
    return Number(match[1]);
}

function toMedium(lines: readonly string[]): Medium {
    const fields = readFields(lines);
    const one = (label: Label) => fields.get(label)?.[0];
    const required = (label: Label) => {
        const value = one(label);
        if (value === undefined) throw new Error(`A medium record has no "${label}:" line (UUID ${one('UUID') ?? 'unknown'})`);
        return value;
    };
    const parent = one('Parent UUID');
    const encryption = one('Encryption');
    const children = fields.get('Child UUIDs');
    return {
        uuid: required('UUID'),
        ...(parent !== undefined && parent !== 'base' ? { parentUuid: parent } : {}),
        state: required('State'),
        type: one('Type'),
        location: required('Location'),
        format: one('Storage format'),
        capacityMb: megabytes(one('Capacity'), 'Capacity'),
        sizeOnDiskMb: megabytes(one('Size on disk'), 'Size on disk'),
        inUseBy: (fields.get('In use by VMs') ?? []).map(parseUsage),
        description: one('Description'),
        accessError: one('Access Error'),
        variant: one('Format variant'),
        encrypted: encryption === undefined ? undefined : encryption === 'enabled',
        childUuids: children,
    };
}

/** Splits the output at each `UUID:` line and drops the blank line VBoxManage prints after every record. */
function splitRecords(text: string): string[][] {
    const records: string[][] = [];
    for (const line of text.split('\n')) {
        if (line.startsWith('UUID:')) records.push([line]);
        else if (records.length) records[records.length - 1].push(line);
        else if (line.trim() !== '') throw new Error(`Unexpected text before the first medium: ${JSON.stringify(line)}`);
    }
    for (const record of records) {
        while (record.length && record[record.length - 1] === '') record.pop();
    }
    return records;
}

export function parseMediaList(text: string): Medium[] {
    const media = splitRecords(text).map(toMedium);
    return z.array(MediumSchema).parse(media.map(withoutUndefined));
}

/** Keeps optional properties absent rather than present-and-undefined, so results compare and serialise cleanly. */
function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
