/**
 * Runs `tick` every `intervalMs` while running, never two at once: the next tick is scheduled only after the
 * previous one settled. Stopping cancels the pending timer; a tick in flight finishes but schedules nothing.
 * No vscode import: the panels drive start/stop from visibility and VM state, and the unit tests drive it directly.
 */
export class Poller {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private running = false;
    private inFlight: Promise<void> | undefined;

    constructor(
        private readonly intervalMs: number,
        private readonly tick: () => Promise<void>,
        private readonly onError: (error: unknown) => void = () => undefined,
    ) {}

    get isRunning(): boolean {
        return this.running;
    }

    /** Starts polling (a first tick at once unless `immediately` is false); no-op when running. */
    start(immediately = true): void {
        if (this.running) return;
        this.running = true;
        this.schedule(immediately ? 0 : this.intervalMs);
    }

    stop(): void {
        this.running = false;
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
    }

    /** Runs a tick now (e.g. on a click), unless one is in flight; the regular schedule continues after it. */
    async now(): Promise<void> {
        if (this.inFlight) return this.inFlight;
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        await this.run();
    }

    private schedule(delayMs: number): void {
        if (!this.running || this.timer || this.inFlight) return;
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.run();
        }, delayMs);
    }

    private async run(): Promise<void> {
        this.inFlight = this.tick().catch(this.onError);
        try {
            await this.inFlight;
        } finally {
            this.inFlight = undefined;
            this.schedule(this.intervalMs);
        }
    }
}
