import { strict as assert } from 'node:assert';
import { listNetworks } from '../../../src/operations/network/listNetworks';
import { runOperation } from '../../../src/operations/operation';
import { listDisks } from '../../../src/operations/storage/listDisks';
import { listVms } from '../../../src/operations/vm/listVms';
import { listVmsCommand } from '../../../src/operations/vm/vmQueries';
import { VirtualBoxSettingsFiles } from '../../../src/vbox/settingsFiles/settingsFiles';
import { nodeUserHome } from '../../../src/vbox/settingsFiles/userHome';
import { countingContext } from './rejections';

/**
 * The reads behind the Machines, Media and Networks views and the status bar's count, as the extension runs them
 * (list_vms from VirtualBox's settings files): after a fault each must still succeed, and the VM list must be the one
 * VBoxManage itself gives.
 */
export async function viewsStillWork(): Promise<void> {
    const { ctx } = countingContext();
    // At once, as the three views refresh independently.
    const [vms, listed] = await Promise.all([
        runOperation(listVms, { ...ctx, settingsFiles: new VirtualBoxSettingsFiles(nodeUserHome) }, {}),
        ctx.vbox.run(listVmsCommand),
        runOperation(listDisks, ctx, {}),
        runOperation(listNetworks, ctx, {}),
    ]);
    assert.deepEqual(vms.map((vm) => vm.uuid).sort(), listed.map((vm) => vm.uuid).sort(), 'the VM list matches `list vms`');
}
