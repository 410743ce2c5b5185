import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '../../src/vbox/command';
import { VBoxError } from '../../src/vbox/errors';
import type { CallRecord } from '../../src/vbox/logger';
import { VBoxManageRunner } from '../../src/vbox/runner';

const FAULT = join(import.meta.dirname, '..', 'support', 'fake-vboxmanage', 'fault.mjs');

function runnerWithLog(executable = FAULT) {
    const calls: CallRecord[] = [];
    const runner = new VBoxManageRunner({
        executable,
        logger: { call: (record) => calls.push(record), info: () => undefined, warn: () => undefined, error: () => undefined },
        lockRetry: { retries: 2, initialDelayMs: 1, maxDelayMs: 2 },
    });
    return { runner, calls };
}

const text = (args: string[]) => command(args, (output) => output.stdout);

describe('(unit) VBoxManageRunner', () => {
    it('passes arguments as separate argv elements, literally, with an untranslated UTF-8 locale', async () => {
        const { runner } = runnerWithLog();
        const tricky = ['a b', '"quoted"', "$(touch /tmp/x)", '`id`', '; rm -rf /', '--flag', 'ünï 🎉'];
        const out = await runner.run(text(['echo-args', ...tricky]));
        assert.deepEqual(out.trimEnd().split('\n'), [...tricky, `LC_ALL=${process.platform === 'darwin' ? 'en_US.UTF-8' : 'C.UTF-8'}`]);
    });

    it('logs every call as a structured record', async () => {
        const { runner, calls } = runnerWithLog();
        await runner.run(text(['echo-args', 'x']));
        assert.equal(calls.length, 1);
        assert.deepEqual(calls[0].args, ['echo-args', 'x']);
        assert.equal(calls[0].exitCode, 0);
        assert.equal(calls[0].outcome, 'ok');
        assert.ok(calls[0].durationMs >= 0);
    });

    it('reports progress percentages and strips the bar and CRLF from the output', async () => {
        const { runner } = runnerWithLog();
        const seen: number[] = [];
        const out = await runner.run(text(['progress']), { onProgress: (p) => seen.push(p) });
        assert.equal(out, 'done\n');
        assert.deepEqual(seen, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    });

    it('drops the Linux wrapper banner', async () => {
        const { runner } = runnerWithLog();
        assert.equal(await runner.run(text(['banner'])), '"vm one" {0a1b2c3d-0000-4000-8000-000000000001}\n');
    });

    it('kills a hanging VBoxManage at the timeout and says so', async () => {
        const { runner, calls } = runnerWithLog();
        const started = Date.now();
        await assert.rejects(runner.run(text(['hang']), { timeoutMs: 300 }), (error: VBoxError) => {
            assert.equal(error.code, 'TIMEOUT');
            assert.match(error.message, /did not answer within/);
            return true;
        });
        assert.ok(Date.now() - started < 5_000);
        assert.equal(calls[0].outcome, 'timeout');
    });

    it('cancels through an AbortSignal, killing the process', async () => {
        const { runner, calls } = runnerWithLog();
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        await assert.rejects(runner.run(text(['hang']), { signal: controller.signal }), (error: VBoxError) => error.code === 'CANCELLED');
        assert.equal(calls[0].outcome, 'cancelled');
    });

    it('does not spawn for an already-aborted signal', async () => {
        const { runner, calls } = runnerWithLog();
        const controller = new AbortController();
        controller.abort();
        await assert.rejects(runner.run(text(['echo-args']), { signal: controller.signal }), (error: VBoxError) => error.code === 'CANCELLED');
        assert.equal(calls.length, 0, 'nothing was spawned');
    });

    it('maps a missing executable to VBOXMANAGE_MISSING', async () => {
        const { runner } = runnerWithLog('/nonexistent/VBoxManage');
        await assert.rejects(runner.run(text(['list', 'vms'])), (error: VBoxError) => error.code === 'VBOXMANAGE_MISSING');
    });

    it('maps VirtualBox result codes, not text, to stable codes', async () => {
        const { runner } = runnerWithLog();
        const cases: [string, string, string, string][] = [
            ['VBOX_E_OBJECT_NOT_FOUND', '0x80bb0001', 'FindMachine', 'VM_NOT_FOUND'],
            ['VBOX_E_OBJECT_NOT_FOUND', '0x80bb0001', 'FindSnapshot', 'SNAPSHOT_NOT_FOUND'],
            ['VBOX_E_INVALID_VM_STATE', '0x80bb0002', 'RestoreSnapshot', 'INVALID_VM_STATE'],
            ['VBOX_E_OBJECT_IN_USE', '0x80bb000c', 'Close', 'MEDIUM_IN_USE'],
        ];
        for (const [name, hex, context, expected] of cases) {
            await assert.rejects(runner.run(text(['fail-with', name, hex, context])), (error: VBoxError) => {
                assert.equal(error.code, expected, `${name} in ${context}`);
                assert.match(error.details ?? '', /Details: code/);
                return true;
            });
        }
    });

    it('retries a transient lock, then reports VM_LOCKED', async () => {
        const { runner, calls } = runnerWithLog();
        const locked = text(['fail-with', 'VBOX_E_INVALID_OBJECT_STATE', '0x80bb0007', 'LockMachine']);
        await assert.rejects(runner.run(locked), (error: VBoxError) => error.code === 'VM_LOCKED');
        assert.equal(calls.length, 3, 'the first attempt and two retries');
    });

    it('queues the calls on one VM under its UUID, whether named, by UUID or by {UUID} in capitals', async () => {
        const uuid = '0a1b2c3d-0000-4000-8000-000000000001';
        const folder = mkdtempSync(join(tmpdir(), 'vbox-queue-'));
        try {
            const runner = new VBoxManageRunner({
                executable: FAULT,
                logger: { call: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
                uuidOfName: (name) => Promise.resolve(name === 'web server' ? uuid : undefined),
            });
            // Each call holds one file while it runs: two that overlap make the second exit 3.
            const hold = (vm: string, ms = 150) => runner.run(command(['exclusive', join(folder, 'held'), String(ms)], (output) => output.stdout.trim(), { vm }));
            const results = await Promise.all([hold('web server'), hold(uuid), hold(`{${uuid.toUpperCase()}}`), hold('web server')]);
            assert.deepEqual(results, ['held', 'held', 'held', 'held']);
            // A VM the resolver does not know is keyed by its name: a different queue, so the two (held long enough to
            // meet whatever the process starts take) overlap.
            const other = await Promise.allSettled([hold('unknown vm', 3_000), hold(uuid, 3_000)]);
            assert.ok(
                other.some((outcome) => outcome.status === 'rejected'),
                'calls on different VMs were serialised too',
            );
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    it('turns a parser exception into PARSE_ERROR', async () => {
        const { runner } = runnerWithLog();
        const broken = command(['echo-args'], () => {
            throw new Error('unexpected line');
        });
        await assert.rejects(runner.run(broken), (error: VBoxError) => error.code === 'PARSE_ERROR');
    });
});
