import { connectOperations } from './connect';
import type { Operation } from './operation';
import { networkOperations } from './network';
import { sharedFolderOperations } from './sharedFolders';
import { snapshotOperations } from './snapshot';
import { storageOperations } from './storage';
import { vmOperations } from './vm';

/** The whole catalogue: what the commands, the webviews, the language-model tools and the docs are built from. */
export const allOperations: readonly Operation[] = [...vmOperations, ...storageOperations, ...networkOperations, ...sharedFolderOperations, ...snapshotOperations, ...connectOperations];

export function findOperation(id: string): Operation | undefined {
    return allOperations.find((operation) => operation.id === id);
}
