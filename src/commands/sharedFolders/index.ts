import type { CommandSpec } from '../commandSpec';
import { addSharedFolderCommand } from './addSharedFolder';
import { removeSharedFolderCommand } from './removeSharedFolder';

/** The shared folder commands (Machines tree: a VM's Shared Folders node and its folders). */
export const sharedFolderCommands: readonly CommandSpec[] = [addSharedFolderCommand, removeSharedFolderCommand];
