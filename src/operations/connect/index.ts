import type { Operation } from '../operation';
import { getVmSshEndpoint, setupSshAccess, waitForSsh } from './sshAccess';

/** Every operation that gets a person into a guest, in the order the UI lists them. */
export const connectOperations: readonly Operation[] = [getVmSshEndpoint, setupSshAccess, waitForSsh] as readonly Operation[];
