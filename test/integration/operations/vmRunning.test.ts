// Under mocha + tsx, a spec that does not import the runner is loaded as CommonJS, while the root hook's runner is
// an ES module (execa is one): the two would hold different copies of src/vbox/errors, and isVBoxError (instanceof)
// would not recognise the runner's errors inside the operations. Importing the runner here loads this file as an ES
// module too. Remove once isVBoxError no longer depends on class identity.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runOperation } from '../../../src/operations/operation';
import { deleteVm } from '../../../src/operations/vm/deleteVm';
import { pauseVm, powerOffVm, resumeVm, saveVmState, startVm } from '../../../src/operations/vm/lifecycle';
import { resetVm } from '../../../src/operations/vm/resetVm';
import { getResourceUsage, startMetricsCollection } from '../../../src/operations/vm/resourceUsage';
import { setMemory } from '../../../src/operations/vm/resources';
import { takeScreenshot } from '../../../src/operations/vm/screenshot';
import { stopVm } from '../../../src/operations/vm/stopVm';
import { updateVmConfig } from '../../../src/operations/vm/updateVmConfig';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { parseMachineReadable } from '../../../src/vbox/parsers/machineReadable';
import { parseMetricsQuery } from '../../../src/vbox/parsers/metrics';
import { covers } from '../support/coverage';
import { operationContext } from '../support/operationContext';
import { calls } from '../support/recordingLogger';
import { quietly, vbox } from '../support/independentReads';
import { testEnv } from '../support/testEnv';

// For a few seconds after a VM process ends, VirtualBox answers showvminfo now and then with a transient error
// ("The object is not ready", "The session is not locked"); the independent reads try again for a moment.
async function showVmInfo(vm: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await vbox('showvminfo', vm, '--machinereadable');
        } catch (error) {
            if (attempt >= 8) throw error;
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }
}
const readBack = async (vm: string) => parseMachineReadable(await showVmInfo(vm));
const stateOf = async (vm: string) => (await readBack(vm)).get('VMState');
const rejectsWith = (promise: Promise<unknown>, code: VBoxErrorCode, message: RegExp) =>
    assert.rejects(promise, (error) => isVBoxError(error, code) && message.test(error.message));
// Progress arrives while VBoxManage runs. Only that some arrived, in order, is checked: the runner can miss the first
// and the last percentage when the bar's digits and "%" come in separate chunks.
const assertProgress = (percents: number[]) =>
    assert.ok(percents.length > 0 && percents.every((p, i) => p >= 0 && p <= 100 && (i === 0 || p >= percents[i - 1])), `progress ${percents.join(',')}`);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('(integration) vm operations on a running VM', function () {
    const name = testEnv.uniqueName('vmrun');
    const shots = () => join(testEnv.vbox.dataDir, name);
    let logFile = '';

    before(async function () {
        await vbox('createvm', '--name', name, '--ostype', 'Other', '--register');
        await vbox('modifyvm', name, '--memory', '128');
        logFile = join((await readBack(name)).get('LogFldr') ?? '', 'VBox.log');
        mkdirSync(shots(), { recursive: true });
    });

    after(async function () {
        await quietly('controlvm', name, 'poweroff');
        await quietly('unregistervm', name, '--delete');
        rmSync(shots(), { recursive: true, force: true });
    });

    it('start_vm starts it headless', async () => {
        const result = await runOperation(startVm, operationContext(), { vm: name });
        assert.equal(result.state, 'running');
        assert.equal(await stateOf(name), 'running');
        await rejectsWith(runOperation(startVm, operationContext(), { vm: name }), 'INVALID_VM_STATE', /already running/);
        covers('start_vm');
    });

    it('refuses settings changes and deletion while it runs, without calling modifyvm or unregistervm', async () => {
        const spawnsBefore = calls.filter((call) => call.args[0] === 'modifyvm' || call.args[0] === 'unregistervm').length;
        await rejectsWith(
            runOperation(updateVmConfig, operationContext(), { vm: name, patch: { memoryMb: 256, cpus: 2 } }),
            'INVALID_VM_STATE',
            /Cannot change memoryMb, cpus of VM .* while it is running/,
        );
        await rejectsWith(runOperation(setMemory, operationContext(), { vm: name, memoryMb: 256 }), 'INVALID_VM_STATE', /running/);
        await rejectsWith(runOperation(deleteVm, operationContext(), { vm: name, deleteFiles: true }), 'INVALID_VM_STATE', /Cannot delete .* running/);
        await rejectsWith(runOperation(resetVm, operationContext(), { vm: name, mode: 'snapshot' }), 'INVALID_VM_STATE', /running/);
        assert.equal(calls.filter((call) => call.args[0] === 'modifyvm' || call.args[0] === 'unregistervm').length, spawnsBefore);
        assert.equal((await readBack(name)).get('memory'), '128');
    });

    it('pause_vm and resume_vm pause and resume it', async () => {
        assert.equal((await runOperation(pauseVm, operationContext(), { vm: name })).state, 'paused');
        assert.equal(await stateOf(name), 'paused');
        await rejectsWith(runOperation(pauseVm, operationContext(), { vm: name }), 'INVALID_VM_STATE', /paused/);
        covers('pause_vm');
        assert.equal((await runOperation(resumeVm, operationContext(), { vm: name })).state, 'running');
        assert.equal(await stateOf(name), 'running');
        covers('resume_vm');
    });

    it('take_screenshot writes a PNG to a new file in a folder, or to a given path', async () => {
        const inFolder = await runOperation(takeScreenshot, operationContext(), { vm: name, folder: shots() });
        const png = readFileSync(inFolder.path);
        assert.ok(png.subarray(0, 8).equals(PNG), 'PNG signature');
        assert.equal(inFolder.bytes, statSync(inFolder.path).size);
        assert.ok(inFolder.path.startsWith(shots()) && inFolder.bytes > 1000);
        assert.deepEqual([inFolder.width, inFolder.height], [png.readUInt32BE(16), png.readUInt32BE(20)]);
        const target = join(shots(), 'given.png');
        const atPath = await runOperation(takeScreenshot, operationContext(), { vm: name, path: target });
        assert.equal(atPath.path, target);
        assert.ok(readFileSync(target).subarray(0, 8).equals(PNG));
        await rejectsWith(runOperation(takeScreenshot, operationContext(), { vm: name, path: target }), 'INVALID_INPUT', /already exists/);
        covers('take_screenshot');
    });

    it('get_resource_usage only reads: it refuses until start_metrics_collection made VirtualBox collect, then reads real metrics', async () => {
        const collected = async () => (parseMetricsQuery(await vbox('metrics', 'query', name, 'CPU/Load/User'))[0]?.values.length ?? 0) > 0;
        assert.equal(await collected(), false, 'no collection before');
        const setups = () => calls.filter((call) => call.args[0] === 'metrics' && call.args[1] === 'setup').length;
        const before = setups();
        await rejectsWith(runOperation(getResourceUsage, operationContext(), { vm: name }), 'INVALID_VM_STATE', /start_metrics_collection/);
        assert.equal(setups(), before, 'get_resource_usage ran no metrics setup');
        assert.equal(await collected(), false, 'still no collection after the read');

        const started = await runOperation(startMetricsCollection, operationContext(), { vm: name });
        assert.deepEqual([started.periodSeconds, started.samplesKept], [1, 5]);
        assert.ok(await collected(), 'VirtualBox collects after start_metrics_collection');
        covers('start_metrics_collection');

        const usage = await runOperation(getResourceUsage, operationContext(), { vm: name });
        assert.ok(usage.ramUsedMb > 10, `RAM in use ${usage.ramUsedMb} MB`);
        assert.ok(usage.cpuUserPercent >= 0 && usage.cpuUserPercent <= 100 * 64);
        assert.ok(usage.cpuKernelPercent >= 0);
        assert.equal(usage.diskUsedMb, 0, 'no disks');
        assert.equal(usage.networkRxBytesPerSecond !== undefined && usage.networkTxBytesPerSecond !== undefined, true);
        assert.ok(usage.samples >= 1 && Math.abs(Date.parse(usage.timestamp) - Date.now()) < 60_000);
        const raw = parseMetricsQuery(await vbox('metrics', 'query', name, 'RAM/Usage/Used'));
        const ramKb = raw[0]?.values.at(-1) ?? 0;
        assert.ok(Math.abs(ramKb / 1024 - usage.ramUsedMb) < Math.max(32, usage.ramUsedMb * 0.2), `${ramKb} kB vs ${usage.ramUsedMb} MB`);
        covers('get_resource_usage');
    });

    it('reset_vm in hard mode resets the running VM', async () => {
        const resetsInLog = () => (readFileSync(logFile, 'utf8').match(/to 'RESETTING'/g) ?? []).length;
        const before = resetsInLog();
        const result = await runOperation(resetVm, operationContext(), { vm: name, mode: 'hard' });
        assert.equal(result.state, 'running');
        assert.equal(await stateOf(name), 'running');
        assert.equal(resetsInLog(), before + 1, "the VM's log records one reset");
    });

    it('save_vm_state saves it to disk, and start_vm restores it', async () => {
        const ctx = operationContext();
        const result = await runOperation(saveVmState, ctx, { vm: name });
        assert.equal(result.state, 'saved');
        const info = await readBack(name);
        assert.equal(info.get('VMState'), 'saved');
        assert.ok(existsSync(info.get('VMStateFile') ?? ''), 'state file written');
        assertProgress(ctx.percents);
        await rejectsWith(runOperation(takeScreenshot, operationContext(), { vm: name, folder: shots() }), 'INVALID_VM_STATE', /saved/);
        covers('save_vm_state');
        assert.equal((await runOperation(startVm, operationContext(), { vm: name })).state, 'running');
        assert.equal(await stateOf(name), 'running');
    });

    it('stop_vm leaves a guest that ignores the power button running and says so, unless forced', async () => {
        // This VM has no OS, so nothing answers the ACPI power button.
        const started = Date.now();
        await rejectsWith(runOperation(stopVm, operationContext(), { vm: name, timeoutSeconds: 2 }), 'TIMEOUT', /still running 2 s after .*force/);
        assert.ok(Date.now() - started >= 2000, 'waited for the timeout');
        assert.equal(await stateOf(name), 'running');
        const forced = await runOperation(stopVm, operationContext(), { vm: name, timeoutSeconds: 2, force: true });
        assert.deepEqual([forced.method, forced.state], ['poweroff', 'poweroff']);
        assert.ok(forced.waitedSeconds >= 2);
        assert.equal(await stateOf(name), 'poweroff');
        await rejectsWith(runOperation(stopVm, operationContext(), { vm: name }), 'INVALID_VM_STATE', /powered off/);
        covers('stop_vm');
    });

    it('power_off_vm turns it off at once', async () => {
        await runOperation(startVm, operationContext(), { vm: name });
        const result = await runOperation(powerOffVm, operationContext(), { vm: name });
        assert.equal(result.state, 'poweroff');
        assert.equal(await stateOf(name), 'poweroff');
        await rejectsWith(runOperation(powerOffVm, operationContext(), { vm: name }), 'INVALID_VM_STATE', /not running/);
        await rejectsWith(runOperation(getResourceUsage, operationContext(), { vm: name }), 'INVALID_VM_STATE', /start it first/);
        covers('power_off_vm');
    });

    it('a cancelled stop_vm stops waiting and leaves the VM as it was', async () => {
        await runOperation(startVm, operationContext(), { vm: name });
        const abort = new AbortController();
        setTimeout(() => abort.abort(), 1000);
        const started = Date.now();
        await rejectsWith(runOperation(stopVm, operationContext(abort.signal), { vm: name, timeoutSeconds: 60, force: true }), 'CANCELLED', /cancelled/);
        assert.ok(Date.now() - started < 10_000, 'returned soon after the cancel');
        assert.equal(await stateOf(name), 'running');
    });
});

