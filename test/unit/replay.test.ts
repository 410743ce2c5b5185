import { strict as assert } from 'node:assert';
import { execa } from 'execa';
import { command } from '../../src/vbox/command';
import { isVBoxError } from '../../src/vbox/errors';
import { parseSnapshotTree } from '../../src/vbox/parsers/snapshots';
import { parseVmInfo } from '../../src/vbox/parsers/vmInfo';
import { parseVmList } from '../../src/vbox/parsers/vmList';
import { FIXTURES_DIR, fixtureName, loadFixture } from '../support/fixtures';
import { REPLAY_SCRIPT, answer, replayCall, replayRunner, startReplay, type ReplaySession } from '../support/replay/cassette';

const FAST_RETRY = { retries: 2, initialDelayMs: 1, maxDelayMs: 1 };

describe('(unit) replay VBoxManage with the real runner', () => {
    let replay: ReplaySession | undefined;
    afterEach(() => replay?.dispose());

    it('answers a recorded success, which the parser reads', async () => {
        const fixture = loadFixture('vm', 'showvminfo-hardware');
        replay = startReplay([fixture]);
        const info = await replayRunner(replay).run(command(fixture.args, ({ stdout }) => parseVmInfo(stdout)));
        assert.equal(info.name, fixtureName(fixture, 'vm'));
        assert.equal(info.storageControllers.length, 3);
        assert.deepEqual(replay.calls(), [{ args: fixture.args, answered: true }]);
    });

    it('passes odd arguments through unchanged (no shell anywhere)', async () => {
        const fixture = loadFixture('vm', 'showvminfo-odd-name');
        replay = startReplay([fixture]);
        const info = await replayRunner(replay).run(command(fixture.args, ({ stdout }) => parseVmInfo(stdout)));
        assert.equal(info.name, fixtureName(fixture, 'vm'));
        assert.equal(info.description, fixtureName(fixture, 'description'));
    });

    it('turns a recorded failure into the right VBoxError', async () => {
        const unknown = loadFixture('errors', 'showvminfo-unknown-vm');
        const snapshot = loadFixture('errors', 'snapshot-restore-unknown');
        replay = startReplay([unknown, snapshot]);
        const runner = replayRunner(replay);
        await assert.rejects(runner.run(command(unknown.args, () => 'parsed')), (e) => isVBoxError(e, 'VM_NOT_FOUND') && e.exitCode === 1);
        await assert.rejects(runner.run(command(snapshot.args, () => 'parsed')), (e) => isVBoxError(e, 'SNAPSHOT_NOT_FOUND'));
    });

    it('retries a recorded lock error and then gives VM_LOCKED', async () => {
        const fixture = loadFixture('errors', 'modifyvm-running');
        replay = startReplay([fixture]);
        const runner = replayRunner(replay, { lockRetry: FAST_RETRY });
        await assert.rejects(runner.run(command(fixture.args, () => undefined, { vm: fixture.args[1] })), (e) => isVBoxError(e, 'VM_LOCKED'));
        assert.equal(replay.calls().length, 1 + FAST_RETRY.retries);
    });

    it('treats a recorded "lock request pending" as a passing lock: retried, and the call then succeeds', async () => {
        const pending = loadFixture('errors', 'modifyvm-lock-pending');
        replay = startReplay([pending, { args: pending.args, stdout: '', stderr: '', exitCode: 0 }], { sequence: true });
        const runner = replayRunner(replay, { lockRetry: FAST_RETRY });
        const done = await runner.run(command(pending.args, () => 'changed', { vm: pending.args[1] }));
        assert.equal(done, 'changed');
        assert.deepEqual(
            replay.calls().map((call) => call.answered),
            [true, true],
            'one refused call, then the retry',
        );
    });

    it('fails loudly on a call nobody recorded, naming its arguments', async () => {
        replay = startReplay([loadFixture('vm', 'showvminfo-fresh')]);
        const args = ['showvminfo', 'never recorded "vm"', '--machinereadable'];
        const error = await replayRunner(replay)
            .run(command(args, () => 'parsed'))
            .then(
                () => assert.fail('an unrecorded call succeeded'),
                (e: unknown) => e,
            );
        assert.ok(isVBoxError(error) && error.exitCode === 99, String(error));
        assert.ok(error.message.includes(JSON.stringify(args)), error.message);
        assert.deepEqual(replay.calls(), [{ args, answered: false }]);
    });

    it('accepts a recorded exit code 1 where the call says so (no snapshots)', async () => {
        const fixture = loadFixture('vm', 'snapshot-list-none');
        replay = startReplay([fixture]);
        const tree = await replayRunner(replay).run(command(fixture.args, ({ stdout }) => parseSnapshotTree(stdout), { acceptExitCodes: [1] }));
        assert.deepEqual(tree.roots, []);
    });

    it('strips the recorded wrapper banner and reports the recorded progress', async () => {
        const wrapper = loadFixture('vm', 'list-vms-wrapper');
        const take = loadFixture('vm', 'snapshot-take');
        replay = startReplay([wrapper, take]);
        const runner = replayRunner(replay);
        const vms = await runner.run(command(wrapper.args, ({ stdout }) => parseVmList(stdout)));
        assert.deepEqual(vms.map((vm) => vm.name), [fixtureName(wrapper, 'vm')]);
        const percents: number[] = [];
        const stdout = await runner.run(command(take.args, (output) => output.stdout), { onProgress: (p) => percents.push(p) });
        assert.match(stdout, /^Snapshot taken\. UUID: /);
        assert.equal(percents.at(-1), 100);
    });

    it('answers calls with the same arguments in turn when asked to, the last one repeating', async () => {
        const args = ['showvminfo', 'the-vm', '--machinereadable'];
        const running = loadFixture('vm', 'showvminfo-running');
        const paused = loadFixture('vm', 'showvminfo-paused');
        replay = startReplay([answer(args, running), answer(args, paused)], { sequence: true });
        const runner = replayRunner(replay);
        const state = () => runner.run(command(args, ({ stdout }) => parseVmInfo(stdout).state));
        assert.deepEqual([await state(), await state(), await state()], ['running', 'paused', 'paused']);
    });

    it('holds an answer back for delayMs, so that the runner times out', async () => {
        const fixture = loadFixture('vm', 'showvminfo-fresh');
        replay = startReplay([replayCall(fixture, 5_000)]);
        await assert.rejects(replayRunner(replay).run(command(fixture.args, () => 'late'), { timeoutMs: 300 }), (e) => isVBoxError(e, 'TIMEOUT'));
    });

    it('reads a folder of fixtures as the cassette, and runs as `node replay.mjs` (as on Windows)', async () => {
        const fixture = loadFixture('errors', 'snapshot-restore-running');
        const result = await execa(process.execPath, [REPLAY_SCRIPT, ...fixture.args], {
            env: { VBOX_REPLAY_CASSETTE: FIXTURES_DIR },
            reject: false,
            stripFinalNewline: false,
        });
        assert.deepEqual([result.exitCode, result.stdout, result.stderr], [fixture.exitCode, fixture.stdout, fixture.stderr]);
    });

    it('refuses to run without a cassette', async () => {
        const result = await execa(process.execPath, [REPLAY_SCRIPT, 'list', 'vms'], { env: { VBOX_REPLAY_CASSETTE: '' }, reject: false });
        assert.equal(result.exitCode, 99);
        assert.match(result.stderr, /VBOX_REPLAY_CASSETTE is not set/);
    });
});
