import type { Operation } from '../operation';
import { addDisk } from './addDisk';
import { deleteDisk } from './deleteDisk';
import { listDisks } from './listDisks';
import { removeDisk } from './removeDisk';
import { resizeDisk } from './resizeDisk';

/** Every storage operation, in the order the UI lists them. */
export const storageOperations: readonly Operation[] = [listDisks, addDisk, removeDisk, resizeDisk, deleteDisk] as readonly Operation[];
