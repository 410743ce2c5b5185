import type { Operation } from '../operation';
import { addSharedFolder } from './addSharedFolder';
import { listSharedFolders } from './listSharedFolders';
import { removeSharedFolder } from './removeSharedFolder';

/** Every shared-folder operation, in the order the UI lists them. */
export const sharedFolderOperations: readonly Operation[] = [listSharedFolders, addSharedFolder, removeSharedFolder] as readonly Operation[];
