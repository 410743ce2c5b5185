import type { RunOptions } from '../../vbox/runner';
import type { OperationContext } from '../operation';

/** Run options that forward cancellation and VBoxManage's progress bar to the operation's context. */
export function runOptions(ctx: OperationContext): RunOptions {
    return { signal: ctx.signal, onProgress: (percent) => ctx.progress({ percent }) };
}
