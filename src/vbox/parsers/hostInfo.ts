/**
 * `list hostinfo`: a `Host Information:` heading, then `Label: value` lines (English under LC_ALL=C), e.g.
 * `Processor count: 2`, `Memory size: 24105 MByte`, `Processor#0 description: AMD EPYC`.
 */
import { z } from 'zod';

export const HostInfoSchema = z.object({
    processorCount: z.number().int().positive(),
    processorOnlineCount: z.number().int().positive().optional(),
    processorCoreCount: z.number().int().positive().optional(),
    /** The first processor's model name. */
    processorDescription: z.string().optional(),
    /** VT-x / AMD-V; without it VirtualBox runs guests only in its slow interpreter (or not at all). */
    hardwareVirtualization: z.boolean().optional(),
    memorySizeMb: z.number().int().positive(),
    memoryAvailableMb: z.number().int().nonnegative().optional(),
    operatingSystem: z.string().optional(),
    operatingSystemVersion: z.string().optional(),
});
export type HostInfo = z.infer<typeof HostInfoSchema>;

function readLines(text: string): Map<string, string> {
    const fields = new Map<string, string>();
    for (const line of text.split('\n')) {
        const colon = line.indexOf(': ');
        // Also skips the "Host Information:" heading, which has no value.
        if (colon <= 0) continue;
        const label = line.slice(0, colon);
        if (!fields.has(label)) fields.set(label, line.slice(colon + 2).trim());
    }
    return fields;
}

export function parseHostInfo(text: string): HostInfo {
    const fields = readLines(text);
    const number = (label: string, unit?: string): number | undefined => {
        const value = fields.get(label);
        if (value === undefined) return undefined;
        const match = new RegExp(`^(\\d+)${unit ? ` ${unit}` : ''}$`).exec(value);
        if (!match) throw new Error(`Cannot read "${label}: ${value}" as a number`);
        return Number(match[1]);
    };
    const required = (label: string, unit?: string): number => {
        const value = number(label, unit);
        if (value === undefined) throw new Error(`list hostinfo has no "${label}:" line (VBoxManage must print English labels)`);
        return value;
    };
    const virtualization = fields.get('Processor supports HW virtualization');
    return HostInfoSchema.parse(
        Object.fromEntries(
            Object.entries({
                processorCount: required('Processor count'),
                processorOnlineCount: number('Processor online count'),
                processorCoreCount: number('Processor core count'),
                processorDescription: fields.get('Processor#0 description') || undefined,
                hardwareVirtualization: virtualization === undefined ? undefined : virtualization === 'yes',
                memorySizeMb: required('Memory size', 'MByte'),
                memoryAvailableMb: number('Memory available', 'MByte'),
                operatingSystem: fields.get('Operating system') || undefined,
                operatingSystemVersion: fields.get('Operating system version') || undefined,
            }).filter(([, value]) => value !== undefined),
        ),
    );
}
