import type { Operation } from '../operation';

/** Every vm operation, in the order the UI lists them. */
export const vmOperations: readonly Operation[] = [];
