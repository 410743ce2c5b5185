import { z } from 'zod';
import { PERMANENT_FOLDER_STATES, TRANSIENT_FOLDER_STATES } from '../../operations/sharedFolders/sharedFolderRules';
import { nodeVm } from '../storage/treeArgs';

/** VM states in which some shared folder can be added or removed: the operations' rules, both kinds. */
export const SHARED_FOLDER_STATES: readonly string[] = [...PERMANENT_FOLDER_STATES, ...TRANSIENT_FOLDER_STATES];

/** A shared folder node of the Machines tree (`sharedFolder`, `sharedFolder:removable`). */
export const sharedFolderNode = z.object({
    vm: nodeVm,
    folder: z.object({ name: z.string(), hostPath: z.string(), transient: z.boolean() }),
});
export type SharedFolderTarget = z.infer<typeof sharedFolderNode>;
