import type { CommandOutput } from './command';
import { VBoxError, type VBoxErrorCode } from './errors';

/**
 * Maps a failed call to a typed error. The classification uses only what VirtualBox never translates: the hex
 * result code of the `Details:` line, the function named in the `Context:` line, and the exit code. The English
 * text is kept as details for the log, and used as the message only where it is all there is.
 */

const RESULT_CODES: Record<number, VBoxErrorCode> = {
    0x80bb0001: 'VM_NOT_FOUND', // VBOX_E_OBJECT_NOT_FOUND: refined by the Context line and the call's hint
    0x80bb0002: 'INVALID_VM_STATE', // VBOX_E_INVALID_VM_STATE
    0x80bb0004: 'FILE_ERROR', // VBOX_E_FILE_ERROR
    0x80bb0007: 'INVALID_VM_STATE', // VBOX_E_INVALID_OBJECT_STATE: refined below (locks, media in use)
    0x80bb0009: 'NOT_SUPPORTED', // VBOX_E_NOT_SUPPORTED
    0x80bb000b: 'VM_LOCKED', // VBOX_E_INVALID_SESSION_STATE
    0x80bb000c: 'MEDIUM_IN_USE', // VBOX_E_OBJECT_IN_USE
    0x80bb0010: 'TIMEOUT', // VBOX_E_TIMEOUT
};

export interface ErrorLines {
    /** The `VBoxManage: error:` lines without their prefix, Details and Context removed. */
    readonly messages: string[];
    readonly resultCode?: number;
    readonly resultName?: string;
    /** The call VirtualBox's Context line names, e.g. `FindMachine`, `OpenMedium`, `FindSnapshot`. */
    readonly contextCall?: string;
}

const PREFIX = /^VBoxManage(?:\.exe)?: error: ?/;

export function parseErrorLines(stderr: string): ErrorLines {
    const messages: string[] = [];
    let resultCode: number | undefined;
    let resultName: string | undefined;
    let contextCall: string | undefined;
    for (const raw of stderr.split('\n')) {
        if (!PREFIX.test(raw)) continue;
        const line = raw.replace(PREFIX, '');
        const details = /^Details: code (\w+) \((0x[0-9a-fA-F]{8})\)/.exec(line);
        if (details) {
            resultName ??= details[1];
            resultCode ??= Number.parseInt(details[2], 16);
            continue;
        }
        const context = /^Context: "(?:[\w:<>*\s]+\s)?([A-Za-z_][\w:]*)\(/.exec(line);
        if (context) {
            contextCall ??= context[1].split('::').pop();
            continue;
        }
        if (line.startsWith('Context: ') || line === '--------' || line.trim() === '') continue;
        messages.push(line.trim());
    }
    return { messages, resultCode, resultName, contextCall };
}

function notFoundCode(contextCall: string | undefined, hint: VBoxErrorCode | undefined): VBoxErrorCode {
    if (contextCall) {
        if (/snapshot/i.test(contextCall)) return 'SNAPSHOT_NOT_FOUND';
        if (/medium|openmedium/i.test(contextCall)) return 'MEDIUM_NOT_FOUND';
        if (/machine/i.test(contextCall)) return 'VM_NOT_FOUND';
        if (/network|natnet|hostonly/i.test(contextCall)) return 'NETWORK_NOT_FOUND';
    }
    return hint ?? 'VM_NOT_FOUND';
}

function classify(lines: ErrorLines, exitCode: number, hint: VBoxErrorCode | undefined): VBoxErrorCode {
    const { resultCode, contextCall } = lines;
    if (resultCode === 0x80bb0001) return notFoundCode(contextCall, hint);
    if (resultCode === 0x80bb0007 && contextCall && /^(LockMachine|LaunchVMProcess|Unregister)$/.test(contextCall)) return 'VM_LOCKED';
    if (resultCode !== undefined && RESULT_CODES[resultCode]) return RESULT_CODES[resultCode];
    if (exitCode === 2) return 'INVALID_INPUT';
    return 'VBOX_ERROR';
}

const ADVICE: Partial<Record<VBoxErrorCode, string>> = {
    VM_LOCKED: 'Another program (the VirtualBox GUI or another VBoxManage) is changing this VM. Try again when it is done.',
    INVALID_VM_STATE: 'The VM is not in a state that allows this. Check whether it is running, paused or saved.',
    MEDIUM_IN_USE: 'Detach the disk from every VM (and snapshot) that uses it first.',
    HOST_DRIVER_MISSING: "VirtualBox's host kernel driver is not loaded on this machine.",
};

/** The typed error for a call that exited non-zero. */
export function errorFromOutput(args: readonly string[], output: CommandOutput, hint?: VBoxErrorCode): VBoxError {
    const lines = parseErrorLines(output.stderr);
    const code = classify(lines, output.exitCode, hint);
    const vboxSays = lines.messages[0] ?? (output.stderr.trim().split('\n')[0] || output.stdout.trim().split('\n').pop() || '');
    const advice = ADVICE[code];
    const message = [vboxSays ? vboxSays.replace(/\.?$/, '.') : `VBoxManage ${args[0] ?? ''} failed (exit code ${output.exitCode}).`, advice]
        .filter(Boolean)
        .join(' ');
    return new VBoxError(code, message, {
        details: output.stderr.trim() || output.stdout.trim(),
        args,
        exitCode: output.exitCode,
        resultCode: lines.resultCode,
    });
}
