import type { SharedFolderMapping, VmInfo } from '../../vbox/parsers/vmInfo';
import { readSharedFolderSettings, type SharedFolderSettings } from '../../vbox/settingsFiles/sharedFolderSettings';
import type { Logger } from '../../vbox/logger';

/** A VM's shared folder as the tree, the tools and the API show it. */
export interface SharedFolder {
    readonly name: string;
    readonly hostPath: string;
    /** Lasts only until the VM process ends (added to a running VM with `transient`). */
    readonly transient: boolean;
    /** A global shared folder (VirtualBox 7.2), shared with every VM; not changed through a VM. */
    readonly global: boolean;
    /**
     * The flags, from the VM's .vbox file. Left out where VirtualBox does not say: for a transient or global folder
     * (showvminfo's machine-readable form does not print them) or when the .vbox file could not be read.
     */
    readonly readOnly?: boolean;
    readonly autoMount?: boolean;
    /** Empty when the guest picks the mount point. */
    readonly autoMountPoint?: string;
}

/**
 * Names and host paths come from showvminfo (what VBoxSVC serves); the flags of permanent folders from the .vbox file
 * that VirtualBox saved with them (matched by name). An unreadable file only leaves the flags out.
 */
export async function sharedFoldersOf(info: Pick<VmInfo, 'cfgFile' | 'sharedFolders'>, log?: Logger): Promise<SharedFolder[]> {
    return withFlags(info.sharedFolders, info.cfgFile, log);
}

export async function withFlags(mappings: readonly SharedFolderMapping[], settingsFile: string, log?: Logger): Promise<SharedFolder[]> {
    let settings: SharedFolderSettings[] = [];
    const permanent = (mapping: SharedFolderMapping) => !mapping.transient && !mapping.global;
    if (mappings.some(permanent) && settingsFile) {
        try {
            settings = await readSharedFolderSettings(settingsFile);
        } catch (error) {
            log?.warn(`Shared folder flags not read from ${settingsFile}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    return mappings.map((mapping) => {
        const saved = permanent(mapping) ? settings.find((candidate) => candidate.name === mapping.name) : undefined;
        const folder = { name: mapping.name, hostPath: mapping.hostPath, transient: mapping.transient, global: mapping.global };
        if (!saved) return folder;
        return {
            ...folder,
            readOnly: saved.readOnly,
            autoMount: saved.autoMount,
            autoMountPoint: saved.autoMountPoint,
        };
    });
}
