import type { CommandSpec } from '../commandSpec';

/** The network commands. */
export const networkCommands: readonly CommandSpec[] = [];
