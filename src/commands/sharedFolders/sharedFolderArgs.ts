import { z } from 'zod';
import { nodeVm } from '../storage/treeArgs';

/** A shared folder node of the Machines tree (`sharedFolder`, `sharedFolder:removable`). */
export const sharedFolderNode = z.object({
    vm: nodeVm,
    folder: z.object({ name: z.string(), hostPath: z.string(), transient: z.boolean() }),
});
export type SharedFolderTarget = z.infer<typeof sharedFolderNode>;
