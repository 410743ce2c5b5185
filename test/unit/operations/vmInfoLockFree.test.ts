import { strict as assert } from 'node:assert';
import { readVmInfo } from '../../../src/operations/shared/vmInfoQuery';
import { parseVmInfo, type VmInfo } from '../../../src/vbox/parsers/vmInfo';
import { fixtureOutput, replayVBoxManage, unitContext } from './support/replayVBoxManage';

// The views' reads must not meet a user's own command with showvminfo's shared session lock: a lock-free read (the
// settings files) is asked first, and again before each of showvminfo's retries after a VM process ended.
describe('(unit) a VM read that prefers the lock-free answer', () => {
    const fromFiles = parseVmInfo(fixtureOutput('vm/showvminfo-saved').stdout);

    it('never calls showvminfo when the lock-free read answers', async () => {
        const vbox = replayVBoxManage();
        const info = await readVmInfo(unitContext(vbox), 'vm', async () => fromFiles);
        assert.equal(info, fromFiles);
        assert.deepEqual(vbox.calls, []);
    });

    it('asks showvminfo once when the lock-free read cannot tell, and uses its answer', async () => {
        const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-running']]);
        let asked = 0;
        const info = await readVmInfo(unitContext(vbox), 'vm', async () => {
            asked++;
            return undefined;
        });
        assert.equal(info.state, 'running');
        assert.equal(asked, 1);
        assert.equal(vbox.calls.length, 1);
    });

    it('stops retrying showvminfo as soon as the lock-free read can tell (a VM process that just ended)', async () => {
        // Recorded: showvminfo refused with E_ACCESSDENIED, a result VirtualBox gives for a moment after a VM process ends.
        const vbox = replayVBoxManage([['showvminfo', 'errors/showvminfo-inaccessible']]);
        const answers: (VmInfo | undefined)[] = [undefined, undefined, fromFiles];
        const info = await readVmInfo(unitContext(vbox), 'vm', async () => answers.shift());
        assert.equal(info, fromFiles);
        assert.equal(vbox.calls.length, 2, 'one showvminfo per round the files could not tell');
        assert.deepEqual(answers, []);
    });

    it('without a lock-free read, retries the transient refusal and then reports it', async () => {
        const vbox = replayVBoxManage([['showvminfo', 'errors/showvminfo-inaccessible']]);
        await assert.rejects(readVmInfo(unitContext(vbox), 'vm'), (error: Error & { resultCode?: number }) => error.resultCode === 0x80070005);
        assert.ok(vbox.calls.length > 1, `retried ${vbox.calls.length - 1} times`);
    });
});
