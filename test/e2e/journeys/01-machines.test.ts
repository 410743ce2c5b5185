import assert from 'node:assert/strict';
import { screenshot, session } from '../support/session';
import { uniqueName } from '../support/vboxManage';
import { vmRowDescription } from '../support/vmStates';

describe('(e2e) journey 1: the VirtualBox view lists the VMs with their states', function () {
    const off = uniqueName('listed-off');
    const on = uniqueName('listed-on');

    before(async function () {
        const { vbox } = session();
        await vbox.createVm(off, { memoryMb: 96, cpus: 2 });
        await vbox.createVm(on);
        await vbox.run('startvm', on, '--type', 'headless');
    });

    after(async function () {
        const { vbox } = session();
        await Promise.all([vbox.removeVm(off), vbox.removeVm(on)]);
    });

    it('shows every VM VirtualBox has, each with its state, CPUs and memory', async function () {
        const { workbench, vbox } = session();
        // Opened from another view, as a person coming to it would.
        await workbench.runCommand('View: Show Explorer');
        await workbench.showVirtualBox();

        const vms = await vbox.vms();
        assert.ok(vms.some((vm) => vm.name === off) && vms.some((vm) => vm.name === on), 'VirtualBox lists both VMs');
        for (const vm of vms) {
            const info = await vbox.vmInfo(vm.uuid);
            const row = await workbench.row('Machines', await vbox.treePath(vm.uuid), { description: vmRowDescription(info) });
            const icon = await workbench.rowIcon(row);
            if (info.get('VMState') === 'running') assert.equal(icon, 'vm-running', `${vm.name} has the running icon`);
            if (info.get('VMState') === 'poweroff') assert.equal(icon, 'vm-outline', `${vm.name} has the powered-off icon`);
        }
        assert.equal((await vbox.vmInfo(on)).get('VMState'), 'running');
        await screenshot('journey-01-machines', { docsImage: 'journey-01-machines.png' });
    });
});
