import assert from 'node:assert/strict';
import { screenshot, session } from '../support/session';
import { uniqueName } from '../support/vboxManage';

describe('(e2e) journey 7: a NAT network is created, used by an adapter, and deleted once free', function () {
    const vm = uniqueName('natnet-user');
    const network = uniqueName('natnet');

    before(async function () {
        const { vbox } = session();
        await vbox.createVm(vm);
        await vbox.run('modifyvm', vm, '--nic1', 'nat');
    });

    after(async function () {
        const { vbox } = session();
        await vbox.removeVm(vm);
        await vbox.removeNatNetwork(network);
    });

    const natNetworkNames = async () => (await session().vbox.natNetworks()).map((record) => record.get('Name') ?? record.get('NetworkName'));

    /** Set Network Attachment… on the VM's first adapter: the mode, then (for a NAT network) which one. */
    async function attachAdapter(mode: string, networkName?: string): Promise<void> {
        const { workbench } = session();
        await workbench.contextMenu(await workbench.row('Machines', [vm, 'Network', 'Adapter 1']), 'Set Network Attachment…');
        await workbench.waitForPlaceholder('Attached to');
        await workbench.pick(mode);
        if (networkName) {
            await workbench.waitForQuickInput(`: ${mode}`);
            await workbench.pick(networkName);
        }
        const attachedTo = networkName ? `NAT network "${networkName}"` : mode;
        await workbench.waitForNotification(`Adapter 1 of "${vm}" is now attached to ${attachedTo}.`, 120_000);
    }

    async function deleteNetwork(): Promise<void> {
        const { workbench } = session();
        await workbench.contextMenu(await workbench.row('Networks', ['NAT Networks', network]), 'Delete Network…');
        await workbench.dialog.waitFor();
        assert.match(await workbench.dialog.innerText(), new RegExp(`Delete the NAT network "${network}"\\?`));
        await workbench.dialogButton('Delete');
    }

    it('refuses to delete the network while the adapter uses it, naming the VM; deletes it after the adapter moves', async function () {
        this.timeout(300_000);
        const { workbench, vbox } = session();
        await workbench.layoutViews({ Media: false });

        // Create NAT Network… from the Networks view's title bar: a name, then the proposed free CIDR.
        await workbench.viewAction('Networks', 'Create NAT Network…');
        await workbench.waitForPrompt('Network name');
        await workbench.enterText(network);
        await workbench.waitForPrompt(/^IPv4 network in CIDR notation/);
        const cidr = await workbench.quickInput.locator('.quick-input-box input').inputValue();
        await workbench.enterText(cidr);
        await workbench.waitForNotification(`Created NAT network "${network}" (${cidr}).`, 120_000);
        assert.ok((await natNetworkNames()).includes(network), 'VirtualBox lists the NAT network');
        await workbench.row('Networks', ['NAT Networks', network], { description: new RegExp(cidr.replace(/[./]/g, '\\$&')) });

        await attachAdapter('NAT Network', network);
        let info = await vbox.vmInfo(vm);
        assert.equal(info.get('nic1'), 'natnetwork', 'adapter 1 is on a NAT network');
        assert.equal(info.get('nat-network1'), network, 'on the new one');
        await workbench.row('Machines', [vm, 'Network', 'Adapter 1'], { description: new RegExp(`^NAT Network \\(${network}\\)`) });

        // In use: a modal names the VM and its adapter, and nothing is deleted.
        await deleteNetwork();
        await workbench.dialog.waitFor();
        const refusal = await workbench.dialog.innerText();
        assert.match(refusal, new RegExp(`The NAT network "${network}" is in use`));
        assert.match(refusal, new RegExp(`"${vm}" \\(adapter 1\\)`));
        await screenshot('journey-07-network-in-use', { docsImage: 'journey-07-network-in-use.png' });
        await workbench.page.keyboard.press('Escape');
        await workbench.dialog.waitFor({ state: 'detached' });
        assert.ok((await natNetworkNames()).includes(network), 'VirtualBox still has the NAT network');

        // Back to plain NAT; then the network can go.
        await attachAdapter('NAT');
        info = await vbox.vmInfo(vm);
        assert.equal(info.get('nic1'), 'nat', 'adapter 1 is back on NAT');
        await deleteNetwork();
        await workbench.waitForNotification(`Deleted the NAT network "${network}".`, 120_000);
        assert.ok(!(await natNetworkNames()).includes(network), 'VirtualBox no longer lists the NAT network');
        await workbench.noRow('Networks', ['NAT Networks', network]);
    });
});
