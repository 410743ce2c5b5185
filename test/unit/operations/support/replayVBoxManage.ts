import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationContext } from '../../../../src/operations/operation';
import type { CommandOutput, VBoxCommand } from '../../../../src/vbox/command';
import { errorFromOutput } from '../../../../src/vbox/errorMapping';
import { VBoxError } from '../../../../src/vbox/errors';
import { silentLogger } from '../../../../src/vbox/logger';
import { normalizeNewlines, stripProgress, stripWrapperBanner } from '../../../../src/vbox/normalize';
import type { VBoxManage } from '../../../../src/vbox/runner';

/**
 * A VBoxManage for unit tests of operations: it answers from fixtures RECORDED on the real testbed
 * (test/fixtures/vboxmanage/<group>/<name>.json), chosen by the beginning of the call's arguments, and records
 * every call so that a test can check what would have been spawned. A call it has no answer for fails the test.
 */
export interface ReplayVBoxManage extends VBoxManage {
    readonly calls: string[][];
}

interface RecordedFixture {
    readonly stdout: string;
    readonly stderr: string;
    readonly exitCode: number;
}

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'vboxmanage');

/** A recorded call's output, normalised as the runner normalises it. */
export function fixtureOutput(fixture: string): CommandOutput {
    const recorded = JSON.parse(readFileSync(join(FIXTURES, `${fixture}.json`), 'utf8')) as RecordedFixture;
    return {
        stdout: stripWrapperBanner(normalizeNewlines(recorded.stdout)).text,
        stderr: stripProgress(normalizeNewlines(recorded.stderr)),
        exitCode: recorded.exitCode,
    };
}

/** `answers`: [argument prefix, fixture], e.g. ['showvminfo', 'vm/showvminfo-running']; the first match answers. */
export function replayVBoxManage(answers: readonly (readonly [string, string])[] = []): ReplayVBoxManage {
    const calls: string[][] = [];
    return {
        calls,
        async run<T>(command: VBoxCommand<T>): Promise<T> {
            calls.push([...command.args]);
            const line = command.args.join(' ');
            const answer = answers.find(([prefix]) => line === prefix || line.startsWith(`${prefix} `));
            if (!answer) throw new Error(`unexpected VBoxManage call: ${line}`);
            const output = fixtureOutput(answer[1]);
            if (output.exitCode !== 0 && !command.acceptExitCodes?.includes(output.exitCode)) {
                throw errorFromOutput(command.args, output, command.notFound);
            }
            try {
                return command.parse(output);
            } catch (error) {
                if (error instanceof VBoxError) throw error;
                throw new VBoxError('PARSE_ERROR', String(error));
            }
        },
    };
}

export function unitContext(vbox: VBoxManage): OperationContext {
    return { vbox, signal: new AbortController().signal, progress: () => undefined, log: silentLogger };
}
