import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { command, ignoreOutput } from '../../src/vbox/command';
import { powerOffAndWait } from '../reliability/support/sharedVms';
import { testEnv } from './support/testEnv';

/** The foundation's smoke test: a real VM's life, each step read back from VirtualBox itself. */
describe('(integration) smoke: a real VM from create to delete', function () {
    const name = testEnv.uniqueName('smoke');
    const vbox = (...args: string[]) => testEnv.runner.run(command(args, (o) => o.stdout));
    const readBack = async (key: string) => {
        const info = await vbox('showvminfo', name, '--machinereadable');
        return new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(info)?.[1];
    };
    let settingsFile = '';

    after(async () => {
        // Leave nothing behind, whatever failed.
        await testEnv.runner.run(command(['controlvm', name, 'poweroff'], ignoreOutput)).catch(() => undefined);
        await testEnv.runner.run(command(['unregistervm', name, '--delete'], ignoreOutput)).catch(() => undefined);
    });

    it('reports VirtualBox 7.2', () => {
        assert.match(testEnv.version, /^7\.2\./);
    });

    it('creates and registers a VM', async () => {
        const out = await vbox('createvm', '--name', name, '--ostype', 'Other', '--register');
        settingsFile = /Settings file: '(.+)'/.exec(out)?.[1] ?? '';
        assert.ok(existsSync(settingsFile), `settings file ${settingsFile} exists`);
        assert.equal(await readBack('VMState'), 'poweroff');
    });

    it('starts it (state running)', async () => {
        const out = await vbox('startvm', name, '--type', 'headless');
        assert.match(out, /has been successfully started/);
        assert.equal(await readBack('VMState'), 'running');
    });

    it('pauses and resumes it', async () => {
        await vbox('controlvm', name, 'pause');
        assert.equal(await readBack('VMState'), 'paused');
        await vbox('controlvm', name, 'resume');
        assert.equal(await readBack('VMState'), 'running');
    });

    it('takes a PNG screenshot of its screen', async () => {
        const file = join(testEnv.vbox.dataDir, `${name}.png`);
        await vbox('controlvm', name, 'screenshotpng', file);
        const png = readFileSync(file);
        rmSync(file);
        assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
        assert.ok(png.length > 1000, `a real screen image (${png.length} bytes)`);
    });

    it('powers it off', async () => {
        const uuid = await readBack('UUID');
        await vbox('controlvm', name, 'poweroff');
        assert.equal(await readBack('VMState'), 'poweroff');
        // The session is released a moment later (on a busy testbed, once its VM process ends): delete only then.
        assert.ok(uuid, 'showvminfo gave no UUID');
        await powerOffAndWait(uuid);
    });

    it('deletes it with its files', async () => {
        await vbox('unregistervm', name, '--delete');
        const vms = await vbox('list', 'vms');
        assert.ok(!vms.includes(`"${name}"`), 'no longer registered');
        assert.ok(!existsSync(settingsFile), 'settings file removed');
    });
});
