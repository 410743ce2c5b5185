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

/** The VM's `Forwarding(i)` values of adapter `slot`: printed (raw) after its `nicN=` line, before the next adapter's. */
export async function forwardingOf(vm: string, slot: number): Promise<string[]> {
    const text = await vbox('showvminfo', vm, '--machinereadable');
    const rest = text.slice(text.search(new RegExp(`^nic${slot}=`, 'm')) + 1);
    const end = rest.search(/^nic\d+=/m);
    return [...(end < 0 ? rest : rest.slice(0, end)).matchAll(/^Forwarding\(\d+\)="(.*)"$/gm)].map((match) => match[1]);
}
