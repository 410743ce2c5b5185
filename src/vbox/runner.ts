import { execa } from 'execa';
import { UUID_REFERENCE, type CommandOutput, type VBoxCommand } from './command';
import { errorFromOutput } from './errorMapping';
import { VBoxError, cancelled, isVBoxError } from './errors';
import type { Logger } from './logger';
import { normalizeNewlines, ProgressReader, stripProgress, stripWrapperBanner } from './normalize';
import { KeyedQueue } from './keyedQueue';
import { retryWhileLocked, type RetryPolicy } from './lockRetry';

export interface RunOptions {
    /** Aborting kills the VBoxManage process and rejects with CANCELLED. */
    readonly signal?: AbortSignal;
    /** Percentages from VBoxManage's progress bar, as they arrive. */
    readonly onProgress?: (percent: number) => void;
    readonly timeoutMs?: number;
}

/** The one way the product runs VBoxManage. */
export interface VBoxManage {
    run<T>(command: VBoxCommand<T>, options?: RunOptions): Promise<T>;
}

export interface RunnerOptions {
    /** Absolute path of the VBoxManage executable, or a function that finds it (a setting may change). */
    readonly executable: string | (() => Promise<string>);
    readonly logger: Logger;
    readonly defaultTimeoutMs?: number;
    readonly lockRetry?: RetryPolicy;
    /**
     * The UUID of a VM given by name, so that its calls queue with the calls that name it by UUID (undefined when it
     * cannot tell: the name is the key then). A UUID, with or without braces, in any case, is its own key.
     */
    readonly uuidOfName?: (name: string) => Promise<string | undefined>;
    /** Extra environment, e.g. VBOX_USER_HOME for tests. */
    readonly env?: Readonly<Record<string, string>>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** How long a cancelled VBoxManage may take to cancel VirtualBox's task before it is killed. */
const CANCEL_GRACE_MS = 5_000;

/**
 * The locale for every call. The language part must be C so that VBoxManage does not translate its messages; the
 * codeset must be UTF-8, because under plain `C` VBoxManage silently cuts its output at the first non-ASCII
 * character (a VM named "ünï" ends the `list vms` output, exit 0) and refuses non-ASCII arguments
 * (VERR_NO_TRANSLATION). macOS has no C.UTF-8 and takes its language from the system anyway.
 */
export function untranslatedUtf8Locale(platform: NodeJS.Platform = process.platform): Record<string, string> {
    const locale = platform === 'darwin' ? 'en_US.UTF-8' : 'C.UTF-8';
    return { LC_ALL: locale, LANG: locale, LANGUAGE: 'C' };
}

export class VBoxManageRunner implements VBoxManage {
    private readonly perVm = new KeyedQueue();

    constructor(private readonly options: RunnerOptions) {}

    run<T>(command: VBoxCommand<T>, options: RunOptions = {}): Promise<T> {
        const once = () => this.runOnce(command, options);
        const withRetry = () => retryWhileLocked(once, options.signal, this.options.lockRetry);
        return command.vm === undefined ? withRetry() : this.queueKey(command.vm).then((key) => this.perVm.run(key, withRetry));
    }

    /** The key a VM's calls queue under: its UUID however the caller named it, when that can be told. */
    private async queueKey(vm: string): Promise<string> {
        const uuid = UUID_REFERENCE.exec(vm)?.[1];
        if (uuid) return uuid.toLowerCase();
        const resolved = await this.options.uuidOfName?.(vm).catch(() => undefined);
        return resolved?.toLowerCase() ?? `name:${vm}`;
    }

    private async runOnce<T>(command: VBoxCommand<T>, options: RunOptions): Promise<T> {
        if (options.signal?.aborted) throw cancelled();
        const file = typeof this.options.executable === 'string' ? this.options.executable : await this.options.executable();
        const timeout = options.timeoutMs ?? command.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
        const args = [...command.args];
        const started = performance.now();
        const child = execa(file, args, {
            // No shell, ever: each argument reaches VBoxManage as one argv element.
            shell: false,
            reject: false,
            stdin: 'ignore',
            timeout,
            forceKillAfterDelay: 2_000,
            windowsHide: true,
            stripFinalNewline: false,
            env: { ...this.options.env, ...untranslatedUtf8Locale() },
        });
        if (options.onProgress) {
            const report = options.onProgress;
            const reader = new ProgressReader();
            child.stderr?.on('data', (chunk: Buffer) => reader.push(chunk.toString()).forEach(report));
        }
        // Cancel is SIGINT, as Ctrl-C, with the pipes left open (not execa's cancelSignal, which closes them and sends
        // SIGTERM): VBoxManage then cancels VirtualBox's own task (a clone, an import) and says CANCELED. Killed any other
        // way it dies first, and VBoxSVC finishes the task regardless (measured on 7.2.22: a "cancelled" clonemedium
        // registered its copy half a minute later). One that is still there 5 s later gets SIGTERM, then SIGKILL.
        let aborted = false;
        let escalation: NodeJS.Timeout | undefined;
        const onAbort = () => {
            aborted = true;
            child.kill('SIGINT');
            escalation = setTimeout(() => child.kill('SIGTERM'), CANCEL_GRACE_MS);
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const result = await child.finally(() => {
            options.signal?.removeEventListener('abort', onAbort);
            clearTimeout(escalation);
        });
        const durationMs = Math.round(performance.now() - started);
        const output: CommandOutput = {
            stdout: stripWrapperBanner(normalizeNewlines(String(result.stdout ?? ''))).text,
            stderr: stripProgress(normalizeNewlines(String(result.stderr ?? ''))),
            exitCode: result.exitCode ?? -1,
        };
        const log = (outcome: 'ok' | 'failed' | 'timeout' | 'cancelled' | 'spawn-error') =>
            this.options.logger.call({
                args,
                durationMs,
                exitCode: result.exitCode,
                outcome,
                stderr: outcome === 'ok' ? undefined : output.stderr || result.message,
            });

        if (aborted) {
            log('cancelled');
            throw cancelled();
        }
        if (result.timedOut) {
            log('timeout');
            throw new VBoxError('TIMEOUT', `VBoxManage did not answer within ${Math.round(timeout / 1000)} s and was stopped.`, {
                args,
                details: output.stderr,
            });
        }
        if (result.failed && result.exitCode === undefined) {
            log('spawn-error');
            const missing = (result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
            throw new VBoxError(
                missing ? 'VBOXMANAGE_MISSING' : 'VBOX_ERROR',
                missing ? `VBoxManage was not found at ${file}.` : `VBoxManage could not be started: ${result.shortMessage}`,
                { args, cause: result.cause },
            );
        }
        if (output.exitCode !== 0 && !command.acceptExitCodes?.includes(output.exitCode)) {
            log('failed');
            throw errorFromOutput(args, output, command.notFound);
        }
        log('ok');
        try {
            return command.parse(output);
        } catch (error) {
            if (isVBoxError(error)) throw error;
            throw new VBoxError('PARSE_ERROR', `The output of VBoxManage ${args[0]} was not understood.`, {
                args,
                details: String(error),
                cause: error,
            });
        }
    }
}
