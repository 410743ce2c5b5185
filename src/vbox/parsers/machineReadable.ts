import { z } from 'zod';

/**
 * The `key=value` lines of `--machinereadable` output (showvminfo, snapshot list). VBoxManage is not consistent,
 * and every quirk below was seen in real 7.2 output:
 * - values are `"..."` with only `\` and `"` escaped, and raw newlines inside (a description spans lines);
 * - keys are quoted and escaped when they hold odd characters: `"SATA-0-0"="..."`, `"ctl \"q\"-0-0"="..."`;
 * - some values are printed raw, unescaped, between quotes (snapshot names and descriptions, network names, MAC
 *   addresses, NAT rules, the saved-state file, ...): for those, everything between the first and the last quote;
 * - `cpuid=...` overrides have no newline, so the next key is glued to the line;
 * - bare lines without `=` (` rec_screen0`), and `VRDEClients==0`.
 */

/** Keys whose value VBoxManage prints without escaping (VBoxManageInfo.cpp passes them through `%ls`). */
const RAW_KEY =
    /^(?:(?:SnapshotName|SnapshotDescription)(?:-\d+)*|CurrentSnapshotName|VMStateFile|vrdeports|vrdeaddress|Forwarding\(\d+\)|vrdeproperty\[.*\]|(?:natnet|bridgeadapter|intnet|hostonlyadapter|hostonly-network|nat-network|cloud-network|generic|macaddress|uartmode|lptmode)\d+)$/;

/** A line that starts a new entry; ends a raw value that spans lines. */
const KEY_LINE = /^(?:"(?:[^"\\]|\\.)*"|[A-Za-z_][\w\-.()[\]/]*)=/;

/** `cpuid=leaf,subleaf,eax,ebx,ecx,edx` with no newline after it. */
const GLUED_CPUID = /^([0-9a-fA-F]{8}(?:,[0-9a-fA-F]{8}){5})(.*)$/;

export interface MachineReadableEntry {
    readonly key: string;
    readonly value: string;
}

export const MachineReadableSchema = z.map(z.string(), z.string());

/** Reads a `"..."` escaped string starting at `text[0] === '"'`; undefined when it does not close on this line. */
function readQuoted(text: string): { value: string; end: number } | undefined {
    let value = '';
    for (let i = 1; i < text.length; i++) {
        const c = text[i];
        if (c === '\\' && i + 1 < text.length) value += text[++i];
        else if (c === '"') return { value, end: i + 1 };
        else value += c;
    }
    return undefined;
}

class LineReader {
    private index = 0;
    constructor(private readonly lines: string[]) {}

    next(): string | undefined {
        return this.index < this.lines.length ? this.lines[this.index++] : undefined;
    }

    /** True when the line after the current one starts a new entry, or only blank lines follow. */
    atEntryBoundary(): boolean {
        for (let i = this.index; i < this.lines.length; i++) {
            if (this.lines[i] !== '') return i === this.index && KEY_LINE.test(this.lines[i]);
        }
        return true;
    }

    mark(): number {
        return this.index;
    }

    reset(mark: number): void {
        this.index = mark;
    }
}

/** A raw value: single-line when the line ends with `"` at an entry boundary, else it runs on to such a line. */
function readRaw(first: string, reader: LineReader): string {
    const mark = reader.mark();
    let text = first;
    for (;;) {
        if (text.length >= 2 && text.endsWith('"') && reader.atEntryBoundary()) return text.slice(1, -1);
        const line = reader.next();
        if (line === undefined) break;
        text += `\n${line}`;
    }
    // No plausible end: keep the first line's quoted part and go on from the next line.
    reader.reset(mark);
    return first.length >= 2 && first.lastIndexOf('"') > 0 ? first.slice(1, first.lastIndexOf('"')) : first;
}

/** An escaped value that may run over lines; text after the closing quote keeps the value as printed. */
function readEscaped(first: string, reader: LineReader): string {
    const mark = reader.mark();
    let text = first;
    for (;;) {
        const quoted = readQuoted(text);
        if (quoted) return quoted.end === text.length ? quoted.value : text;
        const line = reader.next();
        if (line === undefined) break;
        text += `\n${line}`;
    }
    reader.reset(mark);
    return readRaw(first, reader);
}

function splitKey(line: string): { key: string; rest: string } | undefined {
    if (line.startsWith('"')) {
        const quoted = readQuoted(line);
        if (!quoted || line[quoted.end] !== '=') return undefined;
        return { key: quoted.value, rest: line.slice(quoted.end + 1) };
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || /^\s/.test(line)) return undefined;
    return { key: line.slice(0, eq), rest: line.slice(eq + 1) };
}

/** Every entry in output order, duplicates included (NAT rules repeat `Forwarding(0)` for each NIC). */
export function parseMachineReadableEntries(text: string): MachineReadableEntry[] {
    const entries: MachineReadableEntry[] = [];
    const reader = new LineReader(text.split('\n'));
    for (let line = reader.next(); line !== undefined; line = reader.next()) {
        let pending: string | undefined = line;
        while (pending) {
            const entry = splitKey(pending);
            if (!entry) break;
            const { key, rest } = entry;
            pending = undefined;
            const cpuid = key === 'cpuid' ? GLUED_CPUID.exec(rest) : null;
            if (cpuid) {
                entries.push({ key, value: cpuid[1] });
                pending = cpuid[2];
            } else if (!rest.startsWith('"')) {
                // `VRDEClients==0`: the format string already ends in `=`.
                entries.push({ key, value: rest.startsWith('=') ? rest.slice(1) : rest });
            } else {
                entries.push({ key, value: RAW_KEY.test(key) ? readRaw(rest, reader) : readEscaped(rest, reader) });
            }
        }
    }
    return entries;
}

/** Keys to values; the first occurrence of a key wins. */
export function entriesToMap(entries: readonly MachineReadableEntry[]): Map<string, string> {
    const map = new Map<string, string>();
    for (const { key, value } of entries) {
        if (!map.has(key)) map.set(key, value);
    }
    return MachineReadableSchema.parse(map);
}

export function parseMachineReadable(text: string): Map<string, string> {
    return entriesToMap(parseMachineReadableEntries(text));
}
