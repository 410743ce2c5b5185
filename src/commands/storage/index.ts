import type { CommandSpec } from '../commandSpec';
import { addDiskCommand } from './addDisk';
import { deleteDiskFileCommand } from './deleteDiskFile';
import { refreshMediaCommand } from './refreshMedia';
import { removeDiskCommand } from './removeDisk';
import { resizeDiskCommand } from './resizeDisk';

/** The storage commands. */
export const storageCommands: readonly CommandSpec[] = [addDiskCommand, removeDiskCommand, resizeDiskCommand, deleteDiskFileCommand, refreshMediaCommand];
