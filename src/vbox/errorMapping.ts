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

/**
 * Failures that VirtualBox reports without a Details line (errorArgument, exit 2) or with a generic code, told apart
 * by the command that failed: still no translated text involved.
 */
function classifyByCommand(args: readonly string[], lines: ErrorLines, exitCode: number): VBoxErrorCode | undefined {
    const [verb, sub] = args;
    if (verb === 'natnetwork' && lines.resultCode === undefined && exitCode === 2) {
        // "NATNetwork server already exists" / "does not exist": the only argument errors left once --netname is given.
        if (sub === 'add') return 'ALREADY_EXISTS';
        if (sub === 'remove' || sub === 'modify' || sub === 'start' || sub === 'stop') return 'NETWORK_NOT_FOUND';
    }
    if (verb === 'controlvm' && lines.resultCode === undefined && exitCode === 1) {
        // controlvm's only Details-less failure: "Machine '...' is not currently running."
        return 'INVALID_VM_STATE';
    }
    if (verb === 'hostonlyif' && sub === 'create' && lines.resultCode === 0x80004005 && lines.contextCall === 'handleCreate') {
        // VBoxNetAdpCtl cannot open /dev/vboxnetctl: the host-only network driver is not loaded.
        return 'HOST_DRIVER_MISSING';
    }
    return undefined;
}

// When VBoxSVC cannot be reached it has no say in the language, so VBoxManage speaks its own (untranslated under
// our C locale) text; there is no Details line to go by.
const SERVICE_UNREACHABLE = /Failed to create the VirtualBox object|VirtualBox COM server is not running/;
// When VBoxSVC ends during a call (crashed, killed), the IPC layer fails the call or the progress object VBoxManage
// waits on, and VBoxManage prints the status by its IPRT name, which is never translated (recorded on 7.2.22 by
// killing VBoxSVC during a clonevm: `Progress object failure: NS_ERROR_ABORT`, no Details line). The RPC_S_ names
// are the Windows COM equivalents.
const SERVICE_LOST = /\b(?:NS_ERROR_ABORT|NS_ERROR_CALL_FAILED|RPC_S_SERVER_UNAVAILABLE|RPC_S_CALL_FAILED)\b/;

function classify(args: readonly string[], lines: ErrorLines, output: CommandOutput, hint: VBoxErrorCode | undefined): VBoxErrorCode {
    const { resultCode, contextCall } = lines;
    if (resultCode === undefined && (SERVICE_UNREACHABLE.test(output.stderr) || SERVICE_LOST.test(output.stderr))) return 'VBOXSVC_UNAVAILABLE';
    const byCommand = classifyByCommand(args, lines, output.exitCode);
    if (byCommand) return byCommand;
    if (resultCode === 0x80bb0001) return notFoundCode(contextCall, hint);
    // IPRT status names such as VERR_FILE_NOT_FOUND are never translated.
    if (resultCode === 0x80bb0004 && contextCall === 'OpenMedium' && /\bVERR_(FILE|PATH)_NOT_FOUND\b/.test(output.stderr)) return 'MEDIUM_NOT_FOUND';
    if (resultCode === 0x80bb0007 && contextCall && /^(LockMachine|LaunchVMProcess|Unregister)$/.test(contextCall)) return 'VM_LOCKED';
    if (resultCode !== undefined && RESULT_CODES[resultCode]) return RESULT_CODES[resultCode];
    if (output.exitCode === 2) return 'INVALID_INPUT';
    return 'VBOX_ERROR';
}

const ADVICE: Partial<Record<VBoxErrorCode, string>> = {
    VM_LOCKED: 'The VM is in use by another session: it may be running, or another program (the VirtualBox GUI, VBoxManage) is changing it.',
    INVALID_VM_STATE: 'The VM is not in a state that allows this. Check whether it is running, paused or saved.',
    MEDIUM_IN_USE: 'Detach the disk from every VM (and snapshot) that uses it first.',
    HOST_DRIVER_MISSING: "VirtualBox's host kernel driver is not loaded on this machine.",
    VBOXSVC_UNAVAILABLE:
        "VirtualBox's service (VBoxSVC) could not be reached, or stopped during the call. Try again; if it keeps failing, check that VirtualBox is installed for this user.",
};

/** The typed error for a call that exited non-zero. */
export function errorFromOutput(args: readonly string[], output: CommandOutput, hint?: VBoxErrorCode): VBoxError {
    const lines = parseErrorLines(output.stderr);
    const code = classify(args, lines, output, hint);
    // A failed progress prints a generic first line ("Failed to create medium") and the reason on the next one. When
    // the next one is generic too ("Failed to resize medium!"), the first line was the reason already.
    const [first, second] = lines.messages;
    const vboxSays =
        first && second && /^Failed to /.test(first) && !/^Failed to /.test(second)
            ? `${first.replace(/\.$/, '')}: ${second}`
            : (first ?? (output.stderr.trim().split('\n')[0] || output.stdout.trim().split('\n').pop() || ''));
    const advice = ADVICE[code];
    const message = [vboxSays ? vboxSays.replace(/([^.!?])$/, '$1.') : `VBoxManage ${args[0] ?? ''} failed (exit code ${output.exitCode}).`, advice]
        .filter(Boolean)
        .join(' ');
    return new VBoxError(code, message, {
        details: output.stderr.trim() || output.stdout.trim(),
        args,
        exitCode: output.exitCode,
        resultCode: lines.resultCode,
    });
}
