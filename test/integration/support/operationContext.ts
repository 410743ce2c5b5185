import type { OperationContext } from '../../../src/operations/operation';
import { localHostNetwork } from '../../../src/vbox/hostNetwork';
import { recordingLogger } from './recordingLogger';
import { testEnv } from './testEnv';

/** An OperationContext on the real VirtualBox, recording progress reports for assertions. */
export function operationContext(signal: AbortSignal = new AbortController().signal): OperationContext & { percents: number[]; messages: string[] } {
    const percents: number[] = [];
    const messages: string[] = [];
    return {
        vbox: testEnv.runner,
        signal,
        log: recordingLogger,
        hostNetwork: localHostNetwork,
        progress: (update) => {
            if (update.percent !== undefined) percents.push(update.percent);
            if (update.message !== undefined) messages.push(update.message);
        },
        percents,
        messages,
    };
}
