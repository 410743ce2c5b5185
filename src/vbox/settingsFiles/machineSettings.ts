import { z } from 'zod';
import { isWithin, parseFormatVersion } from './formatVersion';
import { UnreadableSettingsError, bareUuid } from './globalSettings';
import { child, childrenNamed, parseXmlElements, type XmlElement } from './xmlElements';

/**
 * A machine's .vbox file, read for what the Machines tree shows. Checked against files VirtualBox 7.2 wrote:
 * - 1.12 .. 1.19: the CPU count is `Hardware/CPU@count`;
 * - 1.20 (VirtualBox 7.1+, written once a machine uses a 7.1 setting, e.g. an ARM machine): it moved to
 *   `Platform/CPU@count`, a sibling of `Hardware`.
 * VirtualBox leaves out values that are at their default: no `count` means 1 CPU, no `<Groups>` means the root
 * group "/", no `stateFile` means no saved state, no `aborted` means not aborted. An encrypted machine
 * (`<MachineEncrypted>`) or any other version is refused, and the caller asks VBoxManage.
 */

const MIN_MINOR = 12;
const PLATFORM_MINOR = 20;
const MAX_MINOR = 20;

export const MachineSettingsSchema = z.object({
    uuid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    name: z.string().min(1),
    /** The OS type id, e.g. "Ubuntu_64" (showvminfo prints its description instead). */
    osTypeId: z.string().min(1),
    cpus: z.number().int().min(1),
    memoryMb: z.number().int().min(1),
    groups: z.array(z.string().startsWith('/')).min(1),
    /** The saved-state file, when the machine has one. */
    stateFile: z.string().optional(),
    aborted: z.boolean(),
    /** When the machine's state last changed, as VirtualBox wrote it (`2026-11-25T06:33:27Z`, UTC). */
    lastStateChange: z.string().optional(),
});
export type MachineSettings = z.infer<typeof MachineSettingsSchema>;

/** VirtualBox's XML booleans (xml::ElementNode::getAttributeValue). */
export function xmlBoolean(value: string | undefined): boolean | undefined {
    if (value === undefined) return undefined;
    if (/^(?:true|yes|on|1)$/i.test(value)) return true;
    if (/^(?:false|no|off|0)$/i.test(value)) return false;
    throw new UnreadableSettingsError(`"${value}" is not a boolean`);
}

function integer(value: string | undefined, fallback?: number): number {
    if (value === undefined && fallback !== undefined) return fallback;
    if (!/^\d+$/.test(value ?? '')) throw new UnreadableSettingsError(`"${value ?? '(missing)'}" is not a number`);
    return Number(value);
}

function cpuElement(machine: XmlElement, minor: number): XmlElement | undefined {
    return minor >= PLATFORM_MINOR ? child(child(machine, 'Platform'), 'CPU') : child(child(machine, 'Hardware'), 'CPU');
}

export function parseMachineSettings(text: string): MachineSettings {
    const root = parseXmlElements(text);
    if (root.name !== 'VirtualBox') throw new UnreadableSettingsError(`root element is <${root.name}>, not <VirtualBox>`);
    const version = parseFormatVersion(root.attributes.version);
    if (!version || !isWithin(version, MIN_MINOR, MAX_MINOR)) {
        throw new UnreadableSettingsError(`settings format ${root.attributes.version ?? '(none)'} is not one this reader knows`);
    }
    const machine = child(root, 'Machine');
    if (!machine) throw new UnreadableSettingsError('no <Machine> element (an encrypted machine?)');
    const hardware = child(machine, 'Hardware');
    if (!hardware) throw new UnreadableSettingsError('no <Hardware> element');
    const groups = childrenNamed(child(machine, 'Groups'), 'Group').map((group) => group.attributes.name ?? '');
    const { attributes } = machine;
    const parsed = MachineSettingsSchema.safeParse({
        uuid: bareUuid(attributes.uuid),
        name: attributes.name,
        osTypeId: attributes.OSType,
        cpus: integer(cpuElement(machine, version.minor)?.attributes.count, 1),
        memoryMb: integer(child(hardware, 'Memory')?.attributes.RAMSize),
        groups: groups.length > 0 ? groups : ['/'],
        stateFile: attributes.stateFile || undefined,
        aborted: xmlBoolean(attributes.aborted) ?? false,
        lastStateChange: attributes.lastStateChange || undefined,
    });
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UnreadableSettingsError(`machine settings: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    }
    return parsed.data;
}
