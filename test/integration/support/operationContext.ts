import type { OperationContext } from '../../../src/operations/operation';
import { recordingLogger } from './recordingLogger';
import { testEnv } from './testEnv';

/** An OperationContext on the real VirtualBox, recording progress reports for assertions. */
export function operationContext(signal: AbortSignal = new AbortController().signal): OperationContext & { percents: number[] } {
    const percents: number[] = [];
    return {
        vbox: testEnv.runner,
        signal,
        log: recordingLogger,
        progress: (update) => {
            if (update.percent !== undefined) percents.push(update.percent);
        },
        percents,
    };
}
