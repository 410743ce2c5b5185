import type { Operation } from '../operation';

/** Every network operation, in the order the UI lists them. */
export const networkOperations: readonly Operation[] = [];
