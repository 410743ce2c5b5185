import type { Operation } from '../operation';
import { createSnapshot } from './createSnapshot';
import { deleteSnapshot } from './deleteSnapshot';
import { listSnapshots } from './listSnapshots';
import { restoreSnapshot } from './restoreSnapshot';

/** Every snapshot operation, in the order the UI lists them. */
export const snapshotOperations: readonly Operation[] = [listSnapshots, createSnapshot, restoreSnapshot, deleteSnapshot] as readonly Operation[];
