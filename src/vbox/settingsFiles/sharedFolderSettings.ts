import { z } from 'zod';
import { readConsistent } from './fileStamps';
import { UnreadableSettingsError } from './globalSettings';
import { xmlBoolean } from './machineSettings';
import { child, childrenNamed, parseXmlElements } from './xmlElements';

/**
 * The permanent shared folders of a machine's .vbox file, for what `showvminfo --machinereadable` does not print:
 * VirtualBox 7.2 prints only each folder's name and host path there, and keeps read-only, auto-mount and the mount
 * point in `Machine/Hardware/SharedFolders/SharedFolder` (recorded: `writable="false" autoMount="true"
 * autoMountPoint="/mnt/ro"`). VirtualBox writes `writable` and `autoMount` always and `autoMountPoint` only when set;
 * a missing `writable` is read as writable, a missing `autoMount` as off (its defaults). Transient folders live only
 * in the running VM and are not in the file.
 */
export const SharedFolderSettingsSchema = z.object({
    name: z.string().min(1),
    hostPath: z.string(),
    readOnly: z.boolean(),
    autoMount: z.boolean(),
    autoMountPoint: z.string(),
});
export type SharedFolderSettings = z.infer<typeof SharedFolderSettingsSchema>;

export function parseSharedFolderSettings(text: string): SharedFolderSettings[] {
    const root = parseXmlElements(text);
    if (root.name !== 'VirtualBox') throw new UnreadableSettingsError(`root element is <${root.name}>, not <VirtualBox>`);
    const machine = child(root, 'Machine');
    if (!machine) throw new UnreadableSettingsError('no <Machine> element (an encrypted machine?)');
    const folders = childrenNamed(child(child(machine, 'Hardware'), 'SharedFolders'), 'SharedFolder');
    return folders.map(({ attributes }) => {
        const parsed = SharedFolderSettingsSchema.safeParse({
            name: attributes.name,
            hostPath: attributes.hostPath ?? '',
            readOnly: !(xmlBoolean(attributes.writable) ?? true),
            autoMount: xmlBoolean(attributes.autoMount) ?? false,
            autoMountPoint: attributes.autoMountPoint ?? '',
        });
        if (!parsed.success) throw new UnreadableSettingsError(`shared folder: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return parsed.data;
    });
}

/** Reads the .vbox file (again if VirtualBox rewrote it meanwhile); UnreadableSettingsError on any failure. */
export async function readSharedFolderSettings(settingsFile: string): Promise<SharedFolderSettings[]> {
    try {
        return parseSharedFolderSettings((await readConsistent(settingsFile)).text);
    } catch (error) {
        if (error instanceof UnreadableSettingsError) throw error;
        throw new UnreadableSettingsError(error instanceof Error ? error.message : String(error), { cause: error });
    }
}
