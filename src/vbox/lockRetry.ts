import { isVBoxError } from './errors';
import { sleep } from './sleep';

export interface RetryPolicy {
    /** Attempts after the first one. */
    readonly retries: number;
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
}

export const DEFAULT_LOCK_RETRY: RetryPolicy = { retries: 7, initialDelayMs: 100, maxDelayMs: 1_600 };

/**
 * Another session (the GUI, a closing VM process) may hold a VM's lock for a moment. Such a VM_LOCKED is retried
 * with exponential backoff; when it persists, the last VM_LOCKED error is thrown.
 */
export async function retryWhileLocked<T>(task: () => Promise<T>, signal?: AbortSignal, policy: RetryPolicy = DEFAULT_LOCK_RETRY): Promise<T> {
    let delay = policy.initialDelayMs;
    for (let attempt = 0; ; attempt++) {
        try {
            return await task();
        } catch (error) {
            if (!isVBoxError(error, 'VM_LOCKED') || attempt >= policy.retries) throw error;
        }
        await sleep(delay, signal);
        delay = Math.min(delay * 2, policy.maxDelayMs);
    }
}
