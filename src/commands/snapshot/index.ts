import type { CommandSpec } from '../commandSpec';
import { deleteSnapshotCommand } from './deleteSnapshot';
import { restoreSnapshotCommand } from './restoreSnapshot';
import { takeSnapshotCommand } from './takeSnapshot';

/** The snapshot commands (the snapshot list is the Machines tree itself). */
export const snapshotCommands: readonly CommandSpec[] = [takeSnapshotCommand, restoreSnapshotCommand, deleteSnapshotCommand];
