import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` until it returns true or `timeoutMs` passes: the workbench learns about the extension host's doings
 * (channels, views, commands) asynchronously, so a single look right after an action can miss them.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (await check()) return true;
        if (Date.now() >= deadline) return false;
        await sleep(intervalMs);
    }
}
