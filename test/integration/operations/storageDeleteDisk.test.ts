// Loads this spec as an ES module, like the root hook's runner: one copy of src/vbox/errors.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runOperation } from '../../../src/operations/operation';
import { deleteDisk } from '../../../src/operations/storage/deleteDisk';
import { isVBoxError } from '../../../src/vbox/errors';
import { covers } from '../support/coverage';
import { operationContext } from '../support/operationContext';
import { quietly, vbox } from '../support/independentReads';
import { testEnv } from '../support/testEnv';


describe('(integration) storage operations: delete_disk', function () {
    const vm = testEnv.uniqueName('deldisk');
    let disk = '';

    before(async function () {
        disk = join(testEnv.vbox.dataDir, `${testEnv.uniqueName('deldisk')}.vdi`);
        await vbox('createvm', '--name', vm, '--ostype', 'Other', '--basefolder', testEnv.vbox.dataDir, '--register');
        await vbox('createmedium', 'disk', '--filename', disk, '--size', '8');
        await vbox('storagectl', vm, '--name', 'SATA', '--add', 'sata', '--portcount', '1');
        await vbox('storageattach', vm, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', disk);
    });

    after(async function () {
        await quietly('unregistervm', vm, '--delete');
        await quietly('closemedium', 'disk', disk, '--delete');
    });

    it('refuses a disk a VM uses, naming the VM, and deletes nothing', async () => {
        await assert.rejects(runOperation(deleteDisk, operationContext(), { disk }), (error) => {
            assert.ok(isVBoxError(error, 'MEDIUM_IN_USE'), String(error));
            assert.match(error.message, new RegExp(`"${vm}"`));
            return true;
        });
        assert.ok(existsSync(disk), 'the file is still there');
        assert.match(await vbox('showmediuminfo', 'disk', disk), /In use by VMs:/);
    });

    it('deletes the file of a disk nothing uses and VirtualBox forgets it', async () => {
        await vbox('storageattach', vm, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--medium', 'none');
        const result = await runOperation(deleteDisk, operationContext(), { disk });
        assert.equal(result.path, disk);
        assert.ok(!existsSync(disk), 'file deleted');
        assert.ok(!(await vbox('list', 'hdds')).includes(disk), 'no longer registered');
        covers('delete_disk');
    });
});
