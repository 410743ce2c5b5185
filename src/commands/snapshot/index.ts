import type { CommandSpec } from '../commandSpec';

/** The snapshot commands. */
export const snapshotCommands: readonly CommandSpec[] = [];
