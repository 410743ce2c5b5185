/**
 * `list systemproperties`: `Label: value` lines, labels padded to a column (sometimes not at all:
 * `Maximum PIIX3 Floppy Controllers:1`). After the global part come one block for the host platform and one per
 * supported architecture, which repeat the same labels; the first occurrence (the host platform) wins.
 */
import { z } from 'zod';

export const SystemPropertiesSchema = z.object({
    minGuestRamMb: z.number().int().nonnegative(),
    maxGuestRamMb: z.number().int().positive(),
    minGuestVramMb: z.number().int().nonnegative(),
    maxGuestVramMb: z.number().int().positive(),
    minGuestCpus: z.number().int().positive(),
    maxGuestCpus: z.number().int().positive(),
    /** `Virtual disk limit (info)`, in bytes. */
    maxDiskBytes: z.number().int().positive().optional(),
    defaultMachineFolder: z.string(),
    defaultHardDiskFormat: z.string().min(1),
    /** By chipset name (PIIX3, ICH9, ARMv8Virtual, ...), from the host platform's block. */
    maxNetworkAdapters: z.record(z.string(), z.number().int().positive()),
    /** Every `Label: value` line by label, first occurrence. */
    raw: z.record(z.string(), z.string()),
});
export type SystemProperties = z.infer<typeof SystemPropertiesSchema>;

function readLines(text: string): Record<string, string> {
    const raw: Record<string, string> = {};
    for (const line of text.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        // Split at the first colon only: values such as Windows paths contain colons.
        const label = line.slice(0, colon).trim();
        if (!Object.hasOwn(raw, label)) raw[label] = line.slice(colon + 1).trim();
    }
    return raw;
}

export function parseSystemProperties(text: string): SystemProperties {
    const raw = readLines(text);
    const value = (label: string) => {
        const found = Object.hasOwn(raw, label) ? raw[label] : undefined;
        if (found === undefined) throw new Error(`list systemproperties has no "${label}:" line (VBoxManage must print English labels)`);
        return found;
    };
    /** `4 Megabytes`, `64`, `2199022206976 Bytes`. */
    const count = (label: string) => {
        const match = /^(\d+)(?: [A-Za-z]+)?$/.exec(value(label));
        if (!match) throw new Error(`Cannot read "${label}: ${value(label)}" as a number`);
        return Number(match[1]);
    };
    const maxNetworkAdapters: Record<string, number> = {};
    for (const [label, adapters] of Object.entries(raw)) {
        const chipset = /^Maximum (\S+) Network Adapter count$/.exec(label);
        if (chipset && /^\d+$/.test(adapters)) maxNetworkAdapters[chipset[1]] = Number(adapters);
    }
    if (Object.keys(maxNetworkAdapters).length === 0) {
        throw new Error('list systemproperties has no "Maximum <chipset> Network Adapter count:" line');
    }
    return SystemPropertiesSchema.parse({
        minGuestRamMb: count('Minimum guest RAM size'),
        maxGuestRamMb: count('Maximum guest RAM size'),
        minGuestVramMb: count('Minimum video RAM size'),
        maxGuestVramMb: count('Maximum video RAM size'),
        minGuestCpus: count('Minimum guest CPU count'),
        maxGuestCpus: count('Maximum guest CPU count'),
        ...(Object.hasOwn(raw, 'Virtual disk limit (info)') ? { maxDiskBytes: count('Virtual disk limit (info)') } : {}),
        defaultMachineFolder: value('Default machine folder'),
        defaultHardDiskFormat: value('Default hard disk format'),
        maxNetworkAdapters,
        raw,
    });
}
