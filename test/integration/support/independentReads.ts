import { command, ignoreOutput } from '../../../src/vbox/command';
import { isVBoxError } from '../../../src/vbox/errors';
import { parseMachineReadable } from '../../../src/vbox/parsers/machineReadable';
import { testEnv } from './testEnv';

/**
 * Independent checks: VirtualBox's own answers through the test runner, never through the operation under test.
 */
export const vbox = (...args: string[]) => testEnv.runner.run(command(args, (o) => o.stdout));

/** Runs a call whose failure does not matter (cleanup). */
export const quietly = (...args: string[]) => testEnv.runner.run(command(args, ignoreOutput)).catch(() => undefined);

/** showvminfo as key/values, retried while VirtualBox answers "object not ready" (just after a VM process ends). */
export async function machine(vm: string): Promise<Map<string, string>> {
    for (let attempt = 0; ; attempt++) {
        try {
            return parseMachineReadable(await vbox('showvminfo', vm, '--machinereadable'));
        } catch (error) {
            const transient = isVBoxError(error) && (error.resultCode === 0x80070005 || error.resultCode === 0x80bb0003);
            if (!transient || attempt >= 10) throw error;
            await new Promise((resolve) => setTimeout(resolve, 300));
        }
    }
}
