/** Why a refresh was asked for: manual ones run at once, the others are coalesced. */
export type RefreshReason = 'manual' | 'operation' | 'interval' | 'config' | 'visible';

export interface SchedulerTimers {
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

const realTimers: SchedulerTimers = {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How often a visible view's cheap change check runs (a change made elsewhere shows within about this long). */
export const CHANGE_CHECK_MS = 1_000;

/** A cheap check, run every `everyMs` while visible, of whether a refresh would find something new. */
export interface ChangeProbe {
    readonly everyMs: number;
    changed(): Promise<boolean>;
}

/**
 * Runs one refresh task: never two at once (a request during a run queues exactly one more run), requests within
 * the debounce window are coalesced, and polling happens only while something is visible. With a change probe, the
 * probe runs every `probe.everyMs` while visible and refreshes at once when it reports a change; the full poll then
 * only runs when no refresh happened for `intervalMs`. vscode-free.
 */
export class RefreshScheduler {
    private running?: Promise<void>;
    private pending = false;
    private debounceHandle?: unknown;
    private pollHandle?: unknown;
    private visible = false;
    private lastRunAt = 0;
    private firstLoadHandle?: unknown;

    constructor(
        private readonly task: (reason: RefreshReason) => Promise<void>,
        private intervalMs: number,
        private readonly debounceMs = 300,
        private readonly timers: SchedulerTimers = realTimers,
        /** A failed refresh is reported here and polling goes on. */
        private readonly onError: (error: unknown) => void = () => undefined,
        private readonly probe?: ChangeProbe,
        private readonly now: () => number = () => Date.now(),
    ) {}

    request(reason: RefreshReason): Promise<void> {
        if (reason === 'manual') return this.runNow(reason);
        if (this.debounceHandle !== undefined) return Promise.resolve();
        this.debounceHandle = this.timers.setTimeout(() => {
            this.debounceHandle = undefined;
            void this.runNow(reason);
        }, this.debounceMs);
        return Promise.resolve();
    }

    /**
     * The first load, started just after the caller returns: the extension's activate() registers every view
     * without waiting for the first reads to begin (VS Code counts activate()'s time against the extension).
     */
    loadSoon(): void {
        this.firstLoadHandle = this.timers.setTimeout(() => {
            this.firstLoadHandle = undefined;
            void this.runNow('manual');
        }, 0);
    }

    setVisible(visible: boolean): void {
        if (visible === this.visible) return;
        this.visible = visible;
        if (visible) {
            void this.request('visible');
            this.schedulePoll();
        } else {
            this.stopPolling();
        }
    }

    setInterval(intervalMs: number): void {
        this.intervalMs = intervalMs;
        if (this.visible) {
            this.stopPolling();
            this.schedulePoll();
        }
    }

    get isPolling(): boolean {
        return this.pollHandle !== undefined;
    }

    private async runNow(reason: RefreshReason): Promise<void> {
        if (this.running) {
            this.pending = true;
            return this.running;
        }
        this.lastRunAt = this.now();
        this.running = (async () => {
            try {
                await this.task(reason);
            } catch (error) {
                this.onError(error);
            } finally {
                this.running = undefined;
            }
            if (this.pending) {
                this.pending = false;
                await this.runNow(reason);
            }
        })();
        return this.running;
    }

    private schedulePoll(): void {
        const tickMs = this.probe ? Math.min(this.probe.everyMs, this.intervalMs) : this.intervalMs;
        this.pollHandle = this.timers.setTimeout(() => {
            this.pollHandle = undefined;
            if (!this.visible) return;
            void this.pollOnce().finally(() => {
                if (this.visible && this.pollHandle === undefined) this.schedulePoll();
            });
        }, tickMs);
    }

    /** The full poll when it is due, else the probe (a refresh at once when it reports a change). */
    private async pollOnce(): Promise<void> {
        const probe = this.probe;
        if (probe && this.now() - this.lastRunAt < this.intervalMs) {
            if (this.running || !(await probe.changed().catch(() => false))) return;
        }
        await this.runNow('interval');
    }

    private stopPolling(): void {
        if (this.pollHandle !== undefined) this.timers.clearTimeout(this.pollHandle);
        this.pollHandle = undefined;
    }

    dispose(): void {
        this.visible = false;
        this.stopPolling();
        if (this.debounceHandle !== undefined) this.timers.clearTimeout(this.debounceHandle);
        if (this.firstLoadHandle !== undefined) this.timers.clearTimeout(this.firstLoadHandle);
    }
}
