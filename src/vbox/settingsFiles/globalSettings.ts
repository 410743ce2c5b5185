import * as path from 'node:path';
import { z } from 'zod';
import { isWithin, parseFormatVersion } from './formatVersion';
import { child, childrenNamed, parseXmlElements } from './xmlElements';

/** VirtualBox.xml, the home's global settings: only the machine registry is read. */

/** 1.12 is what VirtualBox 4.1 up to 7.2 write; the registry's shape has not changed in any of them. */
const MIN_MINOR = 12;
const MAX_MINOR = 21;

export const RegistryEntrySchema = z.object({
    uuid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    /** Absolute path of the machine's .vbox file. */
    settingsFile: z.string().refine((file) => path.isAbsolute(file), 'must be absolute'),
});
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;

/** VirtualBox 7.2's global shared folders (`sharedfolder add global`), shared with every VM: `Global/SharedFolders`. */
const GlobalSharedFolderSchema = z.object({ name: z.string().min(1), hostPath: z.string() });
export const GlobalSettingsSchema = z.object({ machines: z.array(RegistryEntrySchema), sharedFolders: z.array(GlobalSharedFolderSchema) });
export type GlobalSettings = z.infer<typeof GlobalSettingsSchema>;

/** Why a settings file could not be used; the caller then asks VBoxManage instead. */
export class UnreadableSettingsError extends Error {}

/** `{UUID}` as VirtualBox writes it, in the lower case VBoxManage prints. */
export function bareUuid(text: string | undefined): string {
    return (text ?? '').replace(/^\{|\}$/g, '').toLowerCase();
}

/**
 * The registered machines of a VirtualBox.xml. `home` resolves relative `src` paths the way VirtualBox does (old
 * registries stored them relative to the home folder).
 */
export function parseGlobalSettings(text: string, home: string): GlobalSettings {
    const root = parseXmlElements(text);
    if (root.name !== 'VirtualBox') throw new UnreadableSettingsError(`root element is <${root.name}>, not <VirtualBox>`);
    const version = parseFormatVersion(root.attributes.version);
    if (!version || !isWithin(version, MIN_MINOR, MAX_MINOR)) {
        throw new UnreadableSettingsError(`settings format ${root.attributes.version ?? '(none)'} is not one this reader knows`);
    }
    const global = child(root, 'Global');
    if (!global) throw new UnreadableSettingsError('no <Global> element');
    const machines = childrenNamed(child(global, 'MachineRegistry'), 'MachineEntry').map((entry) => ({
        uuid: bareUuid(entry.attributes.uuid),
        settingsFile: path.resolve(home, entry.attributes.src ?? ''),
    }));
    const sharedFolders = childrenNamed(child(global, 'SharedFolders'), 'SharedFolder').map((folder) => ({
        name: folder.attributes.name,
        hostPath: folder.attributes.hostPath ?? '',
    }));
    const parsed = GlobalSettingsSchema.safeParse({ machines, sharedFolders });
    if (!parsed.success) throw new UnreadableSettingsError(`machine registry: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
}
