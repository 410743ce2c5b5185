/**
 * Helpers to run product code against the replay VBoxManage (replay.mjs): build a cassette from recorded fixtures,
 * get the executable and environment for a VBoxManageRunner, and read which calls were made.
 *
 *     const replay = startReplay([loadFixture('vm', 'showvminfo-fresh')]);
 *     const runner = replayRunner(replay);
 *     ... await runner.run(command(...)) ...
 *     replay.dispose();
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FixtureFile, RecordedCall } from '../../../scripts/fixtures/recipe';
import { silentLogger, type Logger } from '../../../src/vbox/logger';
import { VBoxManageRunner, type RunnerOptions } from '../../../src/vbox/runner';

/** A recorded call as the cassette holds it; `delayMs` holds the answer back (for timeout and cancel tests). */
export interface ReplayCall extends RecordedCall {
    readonly delayMs?: number;
}

export interface Cassette {
    readonly calls: readonly ReplayCall[];
}

export interface ReplayedCall {
    readonly args: string[];
    readonly answered: boolean;
}

export interface ReplaySession {
    /** What to give VBoxManageRunner as `executable`. */
    readonly executable: string;
    /** What to give VBoxManageRunner as `env` (the cassette, the state and the log). */
    readonly env: Readonly<Record<string, string>>;
    readonly cassettePath: string;
    /** Every invocation so far, in order, answered or not. */
    calls(): ReplayedCall[];
    /** Removes the temporary folder. */
    dispose(): void;
}

export const REPLAY_SCRIPT = path.join(import.meta.dirname, 'replay.mjs');

/** The replay executable: the script itself (shebang) on POSIX, the .cmd launcher on Windows. */
export function replayExecutable(): string {
    return process.platform === 'win32' ? path.join(import.meta.dirname, 'replay.cmd') : REPLAY_SCRIPT;
}

/** Only what the replay needs from a fixture (its about/names stay out of the cassette). */
export function replayCall(call: RecordedCall | FixtureFile, delayMs?: number): ReplayCall {
    const { args, stdout, stderr, exitCode } = call;
    return delayMs === undefined ? { args: [...args], stdout, stderr, exitCode } : { args: [...args], stdout, stderr, exitCode, delayMs };
}

/**
 * A recorded answer given to different arguments, e.g. a showvminfo recorded by name, asked for by UUID. Use it
 * only where the arguments do not change what VirtualBox prints.
 */
export function answer(args: readonly string[], recorded: RecordedCall | FixtureFile): ReplayCall {
    return { ...replayCall(recorded), args: [...args] };
}

export function cassetteFrom(calls: readonly (RecordedCall | FixtureFile | ReplayCall)[]): Cassette {
    return { calls: calls.map((call) => replayCall(call, (call as ReplayCall).delayMs)) };
}

export interface ReplayOptions {
    /** Calls with the same arguments answer in turn (the last one repeats) instead of the first always answering. */
    readonly sequence?: boolean;
}

/** Writes the cassette to a temporary folder and returns how to run the replay against it. */
export function startReplay(calls: readonly (RecordedCall | FixtureFile | ReplayCall)[], options: ReplayOptions = {}): ReplaySession {
    const dir = mkdtempSync(path.join(tmpdir(), 'vbox-replay-'));
    const cassettePath = path.join(dir, 'cassette.json');
    const logPath = path.join(dir, 'calls.jsonl');
    writeFileSync(cassettePath, JSON.stringify(cassetteFrom(calls), null, 2));
    const env: Record<string, string> = { VBOX_REPLAY_CASSETTE: cassettePath, VBOX_REPLAY_LOG: logPath };
    if (options.sequence) env.VBOX_REPLAY_STATE = path.join(dir, 'state.json');
    return {
        executable: replayExecutable(),
        env,
        cassettePath,
        calls: () =>
            existsSync(logPath)
                ? readFileSync(logPath, 'utf8')
                      .split('\n')
                      .filter(Boolean)
                      .map((line) => JSON.parse(line) as ReplayedCall)
                : [],
        dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
}

/** A real VBoxManageRunner whose VBoxManage is the replay. */
export function replayRunner(session: ReplaySession, options: Partial<Omit<RunnerOptions, 'executable'>> & { logger?: Logger } = {}): VBoxManageRunner {
    return new VBoxManageRunner({ logger: silentLogger, ...options, executable: session.executable, env: { ...options.env, ...session.env } });
}
