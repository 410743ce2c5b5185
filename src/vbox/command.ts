import type { VBoxErrorCode } from './errors';

/** What one VBoxManage process left behind, after normalisation (no `\r`, no wrapper banner, no progress bar). */
export interface CommandOutput {
    readonly stdout: string;
    readonly stderr: string;
    readonly exitCode: number;
}

/**
 * One VBoxManage call, described apart from its execution so that argument building and parsing can be tested
 * without a process. The runner executes it; nothing else spawns VBoxManage.
 */
export interface VBoxCommand<T> {
    /** The arguments after `VBoxManage`, each one element: never joined into a command line. */
    readonly args: readonly string[];
    /** Turns a successful call's output into a typed, zod-validated value. */
    readonly parse: (output: CommandOutput) => T;
    /** Overrides the runner's default timeout (long work: clone, createmedium, snapshots). */
    readonly timeoutMs?: number;
    /** What VBOX_E_OBJECT_NOT_FOUND means for this call when VirtualBox's context does not say. */
    readonly notFound?: VBoxErrorCode;
    /**
     * The VM this call acts on. Calls with the same key run one at a time, and a transient "already locked"
     * is retried before it becomes VM_LOCKED.
     */
    readonly vm?: string;
    /**
     * Exit codes other than 0 that still count as success for this call (e.g. `snapshot list` exits 1 when a VM
     * has no snapshots).
     */
    readonly acceptExitCodes?: readonly number[];
}

/** For calls whose output carries nothing but success. */
export const ignoreOutput = (): void => undefined;

export function command<T>(args: readonly string[], parse: (output: CommandOutput) => T, options: Omit<VBoxCommand<T>, 'args' | 'parse'> = {}): VBoxCommand<T> {
    return { args, parse, ...options };
}

/** A VM referred to by its UUID, with or without braces, in any case; group 1 is the bare UUID. */
export const UUID_REFERENCE = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
