// Loads this spec as an ES module, like the root hook's runner (see vmRunning.test.ts): one copy of src/vbox/errors.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactDisk } from '../../../src/operations/media/compactDisk';
import { copyDisk } from '../../../src/operations/media/copyDisk';
import { runOperation } from '../../../src/operations/operation';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { parseMediaList } from '../../../src/vbox/parsers/media';
import { covers } from '../support/coverage';
import { operationContext } from '../support/operationContext';
import { calls } from '../support/recordingLogger';
import { quietly, vbox } from '../support/independentReads';
import { testEnv } from '../support/testEnv';

const rejectsWith = (promise: Promise<unknown>, code: VBoxErrorCode, message: RegExp) =>
    assert.rejects(promise, (error) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        assert.match(error.message, message);
        return true;
    });
const registered = async (path: string) => parseMediaList(await vbox('list', '--long', 'hdds')).find((medium) => medium.location === path);
const spawned = (verb: string) => calls.filter((call) => call.args[0] === verb).length;

describe('(integration) media operations: compact and copy disks', function () {
    let dir = '';
    let vdi = '';
    let big = '';

    before(async function () {
        dir = join(testEnv.vbox.dataDir, testEnv.uniqueName('disktools'));
        mkdirSync(dir, { recursive: true });
        vdi = join(dir, 'source.vdi');
        big = join(dir, 'big.vdi');
        await vbox('createmedium', 'disk', '--filename', vdi, '--size', '16');
        // Fixed 8 GB (a sparse file on the host): copying it takes long enough to be cancelled midway.
        await vbox('createmedium', 'disk', '--filename', big, '--size', '8192', '--variant', 'Fixed');
    });

    after(async function () {
        for (const medium of parseMediaList(await vbox('list', 'hdds')).filter((m) => m.location.startsWith(`${dir}/`))) {
            await quietly('closemedium', 'disk', medium.uuid, '--delete');
        }
        rmSync(dir, { recursive: true, force: true });
    });

    it('copy_disk converts a VDI to a fixed VMDK next to it, with progress, registered and attached nowhere', async () => {
        const target = join(dir, 'source-copy.vmdk');
        const ctx = operationContext();
        const result = await runOperation(copyDisk, ctx, { disk: vdi, target, format: 'VMDK', variant: 'Fixed' });
        assert.ok(ctx.percents.length > 0 && ctx.percents.every((p) => p >= 0 && p <= 100), `progress ${ctx.percents.join(',')}`);
        const copy = await registered(target);
        assert.ok(copy, 'the copy is registered');
        assert.equal(copy.uuid, result.uuid);
        assert.equal(copy.format, 'VMDK');
        assert.equal(copy.capacityMb, 16);
        assert.match(copy.variant ?? '', /fixed/);
        assert.deepEqual(copy.inUseBy, []);
        assert.notEqual(result.uuid, result.sourceUuid);
        covers('copy_disk');
    });

    it('copy_disk refuses a target that exists or whose extension does not match, before calling VirtualBox', async () => {
        const clones = spawned('clonemedium');
        const taken = join(dir, 'taken.vdi');
        writeFileSync(taken, 'not an image');
        await rejectsWith(runOperation(copyDisk, operationContext(), { disk: vdi, target: taken, format: 'VDI' }), 'ALREADY_EXISTS', /already exists/);
        await rejectsWith(runOperation(copyDisk, operationContext(), { disk: vdi, target: join(dir, 'x.vdi'), format: 'VHD' }), 'INVALID_INPUT', /ends in \.vhd/);
        assert.equal(spawned('clonemedium'), clones);
    });

    it('a cancelled copy_disk leaves no file and no registered image behind', async () => {
        const target = join(dir, 'cancelled.vdi');
        const controller = new AbortController();
        const ctx = { ...operationContext(controller.signal), progress: () => controller.abort() };
        await rejectsWith(runOperation(copyDisk, ctx, { disk: big, target, format: 'VDI' }), 'CANCELLED', /./);
        assert.equal(await registered(target), undefined, 'no image registered at the target');
        assert.ok(!existsSync(target), 'no file at the target');
        // The copy task is over (the source is no longer locked for it), so nothing can turn up at the target later.
        assert.equal((await registered(big))?.state, 'created');
    });

    it('compact_disk compacts a VDI (capacity unchanged) and refuses a VMDK with NOT_SUPPORTED before calling VirtualBox', async () => {
        const ctx = operationContext();
        const result = await runOperation(compactDisk, ctx, { disk: vdi });
        assert.equal(result.path, vdi);
        assert.equal((await registered(vdi))?.capacityMb, 16);
        assert.ok(calls.some((call) => call.args.join(' ') === `modifymedium disk ${result.uuid} --compact`), 'modifymedium --compact ran');
        const compacts = spawned('modifymedium');
        await rejectsWith(runOperation(compactDisk, operationContext(), { disk: join(dir, 'source-copy.vmdk') }), 'NOT_SUPPORTED', /only VDI/);
        assert.equal(spawned('modifymedium'), compacts);
        covers('compact_disk');
    });
});
