// The network adapter commands on the Machines tree in real VS Code: Add Network Adapter, Set Network Attachment,
// port forwarding add/remove (on nodes and from the palette), Remove Network Adapter; read back through VBoxManage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, createTestVm, removeTestVm, updateSetting, vbox } from './machinesHelpers';
import { pickBy, pickLabel, pickVmNamed, runOn, settledVmInfo, vmNodeWhere, withAnswers } from './storageSupport';

const unique = (label: string) => `ext-networks-${label}-${Math.random().toString(16).slice(2, 8)}`;
const hostPort = () => 20_000 + Math.floor(Math.random() * 10_000);

describe('(extension) network adapter commands', function () {
    this.timeout(180_000);
    const vm = unique('nics');
    const intnet = unique('intnet');
    let uuid = '';

    before(async () => {
        await activateExtension();
        uuid = await createTestVm(vm);
        await vbox('modifyvm', uuid, '--nic1', 'nat');
        await updateSetting('confirmDestructiveActions', true);
    });

    after(async () => {
        await updateSetting('confirmDestructiveActions', undefined);
        await removeTestVm(uuid);
    });

    it('Add Network Adapter on a VM node enables the next slot on a new internal network', async () => {
        const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'vm:poweroff', 'the VM');
        // The internal network step offers the names in use plus "New internal network…" (straight to the name when none).
        const existing = (await vbox('list', 'intnets')).trim() !== '';
        await withAnswers(
            { quickPicks: [pickLabel('Internal Network'), ...(existing ? [pickBy((item) => item.isNew === true)] : [])], inputs: [intnet] },
            () => Promise.resolve(runOn('virtualbox.nic.add', node)),
        );
        const info = await settledVmInfo(uuid);
        assert.equal(info.get('nic2'), 'intnet');
        assert.equal(info.get('intnet2'), intnet);
    });

    it('Set Network Attachment on the adapter node switches it to NAT', async () => {
        const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'nic:intnet', 'adapter 2');
        await withAnswers({ quickPicks: [pickLabel('NAT')] }, () => Promise.resolve(runOn('virtualbox.nic.setMode', node)));
        assert.equal((await settledVmInfo(uuid)).get('nic2'), 'nat');
    });

    it('Add Port Forwarding Rule on a NAT adapter adds the rule typed; Remove on its node removes it', async () => {
        const port = hostPort();
        const nic = await vmNodeWhere(uuid, (candidate) => candidate.id?.endsWith('/network/1') === true, 'adapter 1');
        assert.equal(nic.contextValue, 'nic:nat');
        const { shown } = await withAnswers({ quickPicks: [pickLabel('TCP')], inputs: ['web', String(port), '80', '127.0.0.1', ''] }, () =>
            Promise.resolve(runOn('virtualbox.portForward.add', nic)),
        );
        assert.ok(await shown.inputBoxes[0]?.validateInput?.('a,b'), 'a rule name with a comma is refused');
        assert.ok(await shown.inputBoxes[1]?.validateInput?.('70000'), 'a port above 65535 is refused');
        assert.ok(await shown.inputBoxes[3]?.validateInput?.('300.1.1.1'), 'a bad address is refused');
        assert.equal((await settledVmInfo(uuid)).get('Forwarding(0)'), `web,tcp,127.0.0.1,${port},,80`);

        const rule = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'portForward' && candidate.label === 'web', 'rule "web"');
        await withAnswers({}, () => Promise.resolve(runOn('virtualbox.portForward.remove', rule)));
        assert.equal((await settledVmInfo(uuid)).get('Forwarding(0)'), undefined);
    });

    it('port forwarding from the palette: add on the chosen adapter, then remove the chosen rule', async () => {
        const port = hostPort();
        await withAnswers(
            { quickPicks: [pickVmNamed(vm), pickBy((item) => (item.nic as { slot?: number } | undefined)?.slot === 2), pickLabel('UDP')], inputs: ['dns', String(port), '53', '', ''] },
            () => Promise.resolve(vscode.commands.executeCommand('virtualbox.portForward.add')),
        );
        assert.equal((await settledVmInfo(uuid)).get('Forwarding(0)'), `dns,udp,,${port},,53`);
        await withAnswers({ quickPicks: [pickVmNamed(vm), pickLabel('dns')] }, () => Promise.resolve(vscode.commands.executeCommand('virtualbox.portForward.remove')));
        assert.equal((await settledVmInfo(uuid)).get('Forwarding(0)'), undefined);
    });

    it('Remove Network Adapter on the adapter node disables it after the modal', async () => {
        const node = await vmNodeWhere(uuid, (candidate) => candidate.id?.endsWith('/network/2') === true, 'adapter 2');
        const { shown } = await withAnswers({ warnings: ['Remove Adapter'] }, () => Promise.resolve(runOn('virtualbox.nic.remove', node)));
        assert.match(shown.warnings[0]?.detail ?? '', /MAC address/);
        assert.equal((await settledVmInfo(uuid)).get('nic2'), 'none');
        assert.equal((await settledVmInfo(uuid)).get('nic1'), 'nat', 'the other adapter stays');
    });
});
