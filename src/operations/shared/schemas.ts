import { z } from 'zod';

/** Input fields the storage, network and snapshot operations share, described once for forms and tool schemas. */

// VBoxManage reads an argument that starts with "-" as an option wherever it takes a VM or a disk
// ("Unknown option: -x", or worse a real option such as --help): such a VM is named by its UUID instead.
const notAnOption = (what: string) => [(ref: string) => !ref.startsWith('-'), `must not start with "-" (VBoxManage would read it as an option); give the ${what}'s UUID instead`] as const;

export const vmRef = z
    .string()
    .trim()
    .min(1)
    .refine(...notAnOption('VM'))
    .describe('The VM: its name or UUID, as VirtualBox lists it.');

export const mediumRef = z
    .string()
    .trim()
    .min(1)
    .refine(...notAnOption('disk'))
    .describe('The disk image: its UUID, or the full path of its file as VirtualBox lists it (list_disks shows both).');

/** NIC slots are 1-based; the ICH9 chipset has the most (36), the VM's chipset may allow fewer. */
export const nicSlot = z.number().int().min(1).max(36).describe('Network adapter slot, 1-based (adapter 1 is the first NIC).');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
    return UUID.test(text);
}

/** The first UUID in a text: VBoxManage's success lines around it ("Medium created. UUID:") may be translated. */
export function firstUuid(text: string): string | undefined {
    return /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(text)?.[0];
}

/** No line breaks, tabs or other control characters: VirtualBox prints many names unescaped, one per line. */
export function withoutControlCharacters(text: string): boolean {
    return ![...text].some((char) => {
        const code = char.charCodeAt(0);
        return code < 0x20 || code === 0x7f;
    });
}
