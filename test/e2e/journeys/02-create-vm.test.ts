import assert from 'node:assert/strict';
import { screenshot, session } from '../support/session';
import { uniqueName } from '../support/vboxManage';
import { vmRowDescription } from '../support/vmStates';

describe('(e2e) journey 2: a VM created with the wizard', function () {
    const name = uniqueName('created');

    after(async function () {
        await session().vbox.removeVm(name);
    });

    it('asks for name, OS type, memory, CPUs, disk and ISO; the tree shows the VM and VirtualBox has it as chosen', async function () {
        const { workbench, vbox } = session();
        await workbench.viewAction('Machines', 'Create VM…');

        await workbench.waitForPrompt('Name of the new VM');
        await workbench.enterText(name);
        await workbench.waitForPlaceholder('Guest OS type (type to search)');
        await workbench.pickByDescription('Linux_64');
        await workbench.waitForPrompt(/^Memory in MB/);
        await workbench.enterText('192', { accept: false });
        await screenshot('journey-02-wizard-memory', { docsImage: 'journey-02-create-vm-wizard.png' });
        await workbench.quickInput.locator('.quick-input-box input').press('Enter');
        await workbench.waitForPrompt(/^Virtual CPUs/);
        await workbench.enterText('2');
        await workbench.waitForPrompt(/^Size of a new, dynamically growing disk/);
        await workbench.enterText('2');
        await workbench.waitForPlaceholder('Optional: an installation ISO for the DVD drive');
        await workbench.pick(/No ISO/);
        await workbench.waitForNotification(`Created VM "${name}".`, 120_000);

        // What VirtualBox has, read with VBoxManage.
        const info = await vbox.vmInfo(name);
        assert.equal(info.get('memory'), '192', 'memory as typed');
        assert.equal(info.get('cpus'), '2', 'CPUs as typed');
        assert.equal(info.get('ostype'), 'Other Linux (64-bit)', 'the OS type picked');
        const diskPath = info.get('"SATA-0-0"') ?? info.get('SATA-0-0');
        assert.ok(diskPath && diskPath.endsWith('.vdi'), `a new disk on SATA port 0 (showvminfo says ${diskPath})`);
        const disk = (await vbox.hdds()).find((record) => record.get('Location') === diskPath);
        assert.equal(disk?.get('Capacity'), '2048 MBytes', 'the disk has the size typed (2 GB)');

        const row = await workbench.row('Machines', [name], { description: vmRowDescription(info) });
        assert.equal(await workbench.rowIcon(row), 'vm-outline', 'a new VM is powered off');
        await row.click();
        await screenshot('journey-02-created');
    });
});
