import { command } from '../../src/vbox/command';
import { isVBoxError } from '../../src/vbox/errors';
import { silentLogger } from '../../src/vbox/logger';
import { VBoxManageRunner } from '../../src/vbox/runner';

export type HarnessCall = (...args: string[]) => Promise<string>;

/**
 * How the test harnesses (extension, e2e) call VBoxManage to set up, change and check VMs: through the product's
 * runner, so a call that meets a VM's session lock for a moment ("already locked", "already has a lock request
 * pending": a VM process still closing, a user's own command) is retried by the same rule the extension follows,
 * and the harness never fails where the product would not. A failure rejects with VirtualBox's own words.
 */
export function harnessVBoxManage(executable: string | (() => string), timeoutMs = 120_000): HarnessCall {
    const runner = new VBoxManageRunner({
        executable: typeof executable === 'string' ? executable : () => Promise.resolve(executable()),
        logger: silentLogger,
        defaultTimeoutMs: timeoutMs,
    });
    return async (...args) => {
        try {
            return await runner.run(command(args, (output) => output.stdout));
        } catch (error) {
            const said = isVBoxError(error) ? error.details || error.message : String(error);
            throw new Error(`VBoxManage ${args.join(' ')} failed: ${said}`, { cause: error });
        }
    };
}
