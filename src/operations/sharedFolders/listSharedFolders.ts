import { z } from 'zod';
import { defineOperation } from '../operation';
import { vmRef } from '../shared/schemas';
import { readVmInfoLockFree } from '../shared/vmFromFiles';
import { sharedFoldersOf, type SharedFolder } from './sharedFolderQuery';
import { sharedFolderKindFor } from './sharedFolderRules';

export interface ListSharedFoldersResult {
    readonly vm: string;
    readonly state: string;
    readonly folders: SharedFolder[];
    /** What add/remove can change in the VM's current state: permanent folders (powered off), transient (running), or neither. */
    readonly changeable: 'permanent' | 'transient' | 'none';
}

export const listSharedFolders = defineOperation({
    id: 'list_shared_folders',
    title: 'List Shared Folders',
    description:
        "Lists a VM's shared folders: share name, host path, permanent or transient, and for permanent folders read-only, " +
        'auto-mount and mount point; says which kind can be added or removed in the VM\'s current state.',
    input: z.object({ vm: vmRef }),
    effect: 'read',
    async run(ctx, input): Promise<ListSharedFoldersResult> {
        // A VM no process uses is read from its files (no session lock), like get_vm_config.
        const info = await readVmInfoLockFree(ctx, input.vm);
        return {
            vm: info.name,
            state: info.state,
            folders: await sharedFoldersOf(info, ctx.log),
            changeable: sharedFolderKindFor(info.state) ?? 'none',
        };
    },
});
