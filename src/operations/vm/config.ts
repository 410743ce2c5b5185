import { z } from 'zod';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { defineOperation } from '../operation';
import { vmRef } from '../shared/schemas';
import { readVmInfoLockFree } from '../shared/vmFromFiles';

/** A VM's configuration as the UI and the tools show it: VmInfo regrouped, the unused network slots left out. */
export interface VmConfig {
    readonly state: VmInfo['state'];
    readonly general: {
        readonly name: string;
        readonly uuid: string;
        readonly accessible: boolean;
        readonly osType: string;
        readonly description: string;
        readonly groups: string[];
        readonly settingsFile: string;
    };
    readonly system: { readonly memoryMb: number; readonly cpus: number; readonly firmware: string; readonly chipset: string; readonly bootOrder: string[] };
    readonly display: { readonly vramMb: number; readonly graphicsController: string };
    readonly storage: VmInfo['storageControllers'];
    readonly network: VmInfo['nics'];
    /** Names and host paths; list_shared_folders adds the flags. */
    readonly sharedFolders: VmInfo['sharedFolders'];
    readonly snapshots: { readonly count: number; readonly currentName?: string; readonly currentUuid?: string };
}

export function toVmConfig(info: VmInfo): VmConfig {
    return {
        state: info.state,
        general: {
            name: info.name,
            uuid: info.uuid,
            accessible: info.accessible,
            osType: info.osTypeDescription,
            description: info.description,
            groups: info.groups,
            settingsFile: info.cfgFile,
        },
        system: { memoryMb: info.memoryMb, cpus: info.cpus, firmware: info.firmware, chipset: info.chipset, bootOrder: info.bootOrder },
        display: { vramMb: info.vramMb, graphicsController: info.graphicsController },
        storage: info.storageControllers,
        network: info.nics.filter((nic) => nic.attachment !== 'none'),
        sharedFolders: info.sharedFolders,
        snapshots: { count: info.snapshotCount, currentName: info.currentSnapshotName, currentUuid: info.currentSnapshotUuid },
    };
}

export const getVmConfig = defineOperation({
    id: 'get_vm_config',
    title: 'Show VM Configuration',
    description:
        "Reads a VM's configuration and state: general settings, memory and CPUs, display, storage controllers with their " +
        'attached media, enabled network adapters with port-forwarding rules, shared folders (name and host path), and a snapshot summary.',
    input: z.object({ vm: vmRef }),
    effect: 'read',
    async run(ctx, input): Promise<VmConfig> {
        // A VM no process uses is read from its settings files, which takes no lock; the views read it often, and a
        // user's own VBoxManage command must not meet showvminfo's shared lock.
        return toVmConfig(await readVmInfoLockFree(ctx, input.vm));
    },
});
