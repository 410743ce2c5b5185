/** A structured record of one VBoxManage call, for the output channel and for tests that count spawns. */
export interface CallRecord {
    readonly args: readonly string[];
    readonly durationMs: number;
    readonly exitCode: number | undefined;
    /** stderr, on failure only. */
    readonly stderr?: string;
    readonly outcome: 'ok' | 'failed' | 'timeout' | 'cancelled' | 'spawn-error';
}

/** The logging surface the vscode-free core writes to; the extension backs it with a LogOutputChannel. */
export interface Logger {
    call(record: CallRecord): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string, error?: unknown): void;
}

export const silentLogger: Logger = {
    call: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
};
