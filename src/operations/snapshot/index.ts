import type { Operation } from '../operation';

/** Every snapshot operation, in the order the UI lists them. */
export const snapshotOperations: readonly Operation[] = [];
