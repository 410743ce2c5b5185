import { spawn } from 'node:child_process';

/** How one run of a program ended, with its whole output. */
export interface ProcessOutcome {
    readonly stdout: string;
    readonly stderr: string;
    /** Undefined when the program did not exit by itself (never started, or ended by a signal). */
    readonly exitCode: number | undefined;
    readonly signal: NodeJS.Signals | undefined;
    readonly timedOut: boolean;
    readonly cancelled: boolean;
    /** Why the program could not be started (ENOENT: not there; EACCES: not executable). */
    readonly startError: NodeJS.ErrnoException | undefined;
}

export interface ProcessOptions {
    readonly timeoutMs: number;
    readonly signal?: AbortSignal;
    /** Added to this process's environment. */
    readonly env: Readonly<Record<string, string | undefined>>;
    /** Each piece of stderr as it arrives (VBoxManage's progress bar). */
    readonly onStderr?: (text: string) => void;
    /** After a timeout or a cancel, SIGTERM first, SIGKILL this much later if the program is still there. */
    readonly forceKillAfterMs: number;
}

/**
 * Runs a program with Node's own child_process: an argument array and never a shell, stdin closed, stdout and stderr
 * kept whole (decoded as UTF-8 once complete, so a character split between chunks survives), a timeout and an
 * AbortSignal that end it. Never rejects: every ending is described in the outcome.
 */
export function runProcess(file: string, args: readonly string[], options: ProcessOptions): Promise<ProcessOutcome> {
    return new Promise((resolve) => {
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        let timedOut = false;
        let cancelled = false;
        let startError: NodeJS.ErrnoException | undefined;
        let forceKill: NodeJS.Timeout | undefined;
        const child = spawn(file, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env: { ...process.env, ...options.env } });
        const end = () => {
            child.kill('SIGTERM');
            forceKill ??= setTimeout(() => child.kill('SIGKILL'), options.forceKillAfterMs);
        };
        const timer = setTimeout(() => {
            timedOut = true;
            end();
        }, options.timeoutMs);
        const onAbort = () => {
            cancelled = true;
            end();
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        let settled = false;
        const settle = (exitCode: number | null, signal: NodeJS.Signals | null) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            clearTimeout(forceKill);
            options.signal?.removeEventListener('abort', onAbort);
            resolve({
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8'),
                exitCode: exitCode ?? undefined,
                signal: signal ?? undefined,
                timedOut,
                cancelled,
                startError,
            });
        };
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => {
            stderr.push(chunk);
            options.onStderr?.(chunk.toString('utf8'));
        });
        child.on('error', (error: NodeJS.ErrnoException) => {
            startError ??= error;
            // A program that never started emits no 'close' of its own.
            if (child.pid === undefined) settle(null, null);
        });
        child.on('close', settle);
    });
}
