import type { Operation } from '../operation';

/** Every storage operation, in the order the UI lists them. */
export const storageOperations: readonly Operation[] = [];
