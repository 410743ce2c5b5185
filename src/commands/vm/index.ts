import type { CommandSpec } from '../commandSpec';

/** The vm commands. */
export const vmCommands: readonly CommandSpec[] = [];
