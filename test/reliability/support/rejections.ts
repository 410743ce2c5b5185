import { strict as assert } from 'node:assert';
import type { Operation, OperationContext } from '../../../src/operations/operation';
import { runOperation } from '../../../src/operations/operation';
import { VBOX_ERROR_CODES, isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import type { CallRecord, Logger } from '../../../src/vbox/logger';
import { VBoxManageRunner } from '../../../src/vbox/runner';
import { testEnv } from '../../integration/support/testEnv';
import { recordInput, type InputOutcome } from './tally';

export type TimedCall = CallRecord & { readonly startedAt: number; readonly endedAt: number };

/**
 * An OperationContext on the real VirtualBox through a runner of its own, whose log records every VBoxManage process
 * it starts: the count proves that input rejected by validation never reaches VBoxManage.
 */
export function countingContext(
    options: { executable?: string; timeoutMs?: number; uuidOfName?: (name: string) => Promise<string | undefined> } = {},
): { ctx: OperationContext; spawns: TimedCall[] } {
    const spawns: TimedCall[] = [];
    // The runner logs a call when its process has ended: that moment, less the duration, is when it started.
    const log: Logger = {
        call: (record) => spawns.push({ ...record, endedAt: performance.now(), startedAt: performance.now() - record.durationMs }),
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
    };
    const runner = new VBoxManageRunner({
        executable: options.executable ?? testEnv.vbox.executable,
        defaultTimeoutMs: options.timeoutMs ?? 120_000,
        logger: log,
        uuidOfName: options.uuidOfName,
    });
    const ctx: OperationContext = { vbox: runner, signal: new AbortController().signal, progress: () => undefined, log };
    return { ctx, spawns };
}

export interface BadInput {
    readonly label: string;
    readonly operation: Operation;
    readonly input: unknown;
    /** The codes that are right for this input (usually one). */
    readonly codes: readonly VBoxErrorCode[];
    /** What the message must name so that a person can act (the field, the limit, the state...). */
    readonly mentions?: RegExp;
    /** Rejected by the schema: no VBoxManage may be started. */
    readonly byValidation?: boolean;
}

/**
 * A message a person can act on: some words, no stack trace, no leaked `undefined` / `[object Object]` / `NaN`,
 * not a wall of text.
 */
export function unclearMessage(message: string): string | undefined {
    if (message.trim().length < 12) return 'message too short';
    if (message.length > 2_000) return 'message too long';
    if (/\n\s+at |\bundefined\b|\[object Object\]|\bNaN\b/.test(message)) return 'message leaks internals';
    return undefined;
}

function judge(bad: BadInput, outcome: { error?: unknown; resolved?: boolean }, spawns: number): { outcome: InputOutcome; note?: string } {
    if (outcome.resolved) return { outcome: 'accepted', note: 'the operation succeeded' };
    const { error } = outcome;
    if (!isVBoxError(error)) return { outcome: 'crash', note: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    if (!VBOX_ERROR_CODES.includes(error.code)) return { outcome: 'unclear', note: `unknown code ${error.code}` };
    if (!bad.codes.includes(error.code)) return { outcome: 'unclear', note: `${error.code} (expected ${bad.codes.join('/')}): ${error.message}` };
    const unclear = unclearMessage(error.message);
    if (unclear) return { outcome: 'unclear', note: `${unclear}: ${error.message}` };
    if (bad.mentions && !bad.mentions.test(error.message)) return { outcome: 'unclear', note: `message does not mention ${bad.mentions}: ${error.message}` };
    if (bad.byValidation && spawns > 0) return { outcome: 'unclear', note: `${spawns} VBoxManage process(es) started before the rejection` };
    return { outcome: 'clear' };
}

/** Runs the operation on the bad input, records what happened for the summary, and fails the test unless it was clear. */
export async function expectRejected(bad: BadInput, context = countingContext()): Promise<void> {
    const { ctx, spawns } = context;
    const before = spawns.length;
    let result: { error?: unknown; resolved?: boolean };
    try {
        await runOperation(bad.operation, ctx, bad.input);
        result = { resolved: true };
    } catch (error) {
        result = { error };
    }
    const spawned = spawns.length - before;
    const verdict = judge(bad, result, spawned);
    recordInput({ label: `${bad.operation.id}: ${bad.label}`, outcome: verdict.outcome, byValidation: bad.byValidation ?? false, spawns: spawned, note: verdict.note });
    assert.equal(verdict.outcome, 'clear', `${bad.operation.id} ${bad.label}: ${verdict.note ?? ''}`);
}
