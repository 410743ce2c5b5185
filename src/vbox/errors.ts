/**
 * The one error type of the product. Every failure that reaches a user carries a stable code (for programs, the
 * language-model tools and tests) and a message a person can act on; VirtualBox's own words stay in `details`
 * for the log.
 */
export const VBOX_ERROR_CODES = [
    'VM_NOT_FOUND',
    'VM_LOCKED',
    'INVALID_VM_STATE',
    'SNAPSHOT_NOT_FOUND',
    'MEDIUM_NOT_FOUND',
    'MEDIUM_IN_USE',
    'NETWORK_NOT_FOUND',
    'ALREADY_EXISTS',
    'HOST_DRIVER_MISSING',
    'VBOXMANAGE_MISSING',
    'VBOXSVC_UNAVAILABLE',
    'FILE_ERROR',
    'NOT_SUPPORTED',
    'SSH_UNAVAILABLE',
    'SSH_CLIENT_MISSING',
    'TIMEOUT',
    'CANCELLED',
    'INVALID_INPUT',
    'PARSE_ERROR',
    'VBOX_ERROR',
] as const;

export type VBoxErrorCode = (typeof VBOX_ERROR_CODES)[number];

export interface VBoxErrorOptions {
    /** VirtualBox's own output (stderr, Details/Context lines), kept for the log. */
    details?: string;
    /** The VBoxManage arguments that failed, when the error came from a call. */
    args?: readonly string[];
    exitCode?: number;
    /** The COM/XPCOM result code from the `Details:` line, e.g. 0x80bb0001. */
    resultCode?: number;
    cause?: unknown;
}

// A brand rather than `instanceof`: tests (and any host) may load this module twice, and an error made by one
// copy must still be recognised by the other.
const BRAND = Symbol.for('vscode-virtualbox.VBoxError');

export class VBoxError extends Error {
    override readonly name = 'VBoxError';
    readonly [BRAND] = true;
    readonly details?: string;
    readonly args?: readonly string[];
    readonly exitCode?: number;
    readonly resultCode?: number;

    constructor(
        readonly code: VBoxErrorCode,
        message: string,
        options: VBoxErrorOptions = {},
    ) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.details = options.details;
        this.args = options.args;
        this.exitCode = options.exitCode;
        this.resultCode = options.resultCode;
    }

    /** A plain object for logs and for tool results; never includes a stack. */
    toJSON(): Record<string, unknown> {
        return { code: this.code, message: this.message, details: this.details, exitCode: this.exitCode };
    }
}

export function isVBoxError(error: unknown, code?: VBoxErrorCode): error is VBoxError {
    const branded = typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
    return branded && (code === undefined || (error as VBoxError).code === code);
}

/** A user's cancellation: callers show nothing for it. */
export function isCancellation(error: unknown): boolean {
    return isVBoxError(error, 'CANCELLED');
}

export function cancelled(): VBoxError {
    return new VBoxError('CANCELLED', 'The operation was cancelled.');
}

export function invalidInput(message: string, details?: string): VBoxError {
    return new VBoxError('INVALID_INPUT', message, { details });
}
