import type { CommandSpec } from '../commandSpec';

/** The storage commands. */
export const storageCommands: readonly CommandSpec[] = [];
