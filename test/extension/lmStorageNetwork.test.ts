// Disks, network adapters, port forwarding and NAT networks through the language-model tools, each result read back
// through VBoxManage (showvminfo, showmediuminfo, natnetwork list).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, createTestVm, removeTestVm, vbox, vmInfo } from './machinesHelpers';
import { mediumInfo } from './storageSupport';

const unique = (label: string) => `ext-lm-io-${label}-${Math.random().toString(16).slice(2, 8)}`;

async function invoke(id: string, input: object): Promise<string> {
    const result = await vscode.lm.invokeTool(`virtualbox_${id}`, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
    return result.content.map((part) => String((part as { value?: unknown }).value ?? '')).join('');
}

/** The JSON a tool returned: all of a read's text, or what follows "Result: " after a change's sentence. */
async function invokeJson<T>(id: string, input: object): Promise<T> {
    const text = await invoke(id, input);
    assert.doesNotMatch(text, /^Error /, text);
    return JSON.parse(text.startsWith('Done: ') ? text.slice(text.indexOf(' Result: ') + ' Result: '.length) : text) as T;
}

async function natNetworkNames(): Promise<string[]> {
    return [...(await vbox('natnetwork', 'list')).matchAll(/^Name:\s+(.+)$/gm)].map((match) => match[1].trim());
}

describe('(extension) language-model tools: disks and networks', function () {
    this.timeout(240_000);
    const vm = unique('vm');
    const network = unique('natnet');
    let uuid = '';
    let disk = { uuid: '', path: '' };
    let slot = 0;

    before(async () => {
        await activateExtension();
        uuid = await createTestVm(vm);
    });

    after(async () => {
        await removeTestVm(uuid);
        if (disk.uuid) await vbox('closemedium', 'disk', disk.uuid, '--delete').catch(() => undefined);
        if ((await natNetworkNames()).includes(network)) await vbox('natnetwork', 'remove', '--netname', network);
    });

    it('virtualbox_add_disk creates a new disk and attaches it; virtualbox_list_disks shows the attachment', async () => {
        disk = await invokeJson<{ uuid: string; path: string }>('add_disk', { vm, disk: { kind: 'new', sizeMb: 32 } });
        assert.equal((await vmInfo(uuid)).get('SATA-ImageUUID-0-0'), disk.uuid);
        const listed = await invokeJson<{ attachments: { uuid?: string; location: string }[] }>('list_disks', { vm });
        assert.ok(listed.attachments.some((attachment) => attachment.uuid === disk.uuid && attachment.location === disk.path), JSON.stringify(listed));
    });

    it('virtualbox_resize_disk grows the disk', async () => {
        await invokeJson('resize_disk', { disk: disk.uuid, newSizeMb: 64 });
        assert.equal((await mediumInfo(disk.uuid)).get('Capacity'), '64 MBytes');
    });

    it('virtualbox_remove_disk with deleteFile detaches the disk and deletes its file', async () => {
        const removed = await invokeJson<{ fileDeleted: boolean }>('remove_disk', { vm, disk: disk.uuid, deleteFile: true });
        assert.equal(removed.fileDeleted, true);
        assert.equal((await vmInfo(uuid)).get('SATA-0-0') ?? 'none', 'none');
        assert.ok(!existsSync(disk.path), `${disk.path} still exists`);
        disk = { uuid: '', path: '' };
    });

    it('virtualbox_add_nic adds a NAT adapter in a free slot', async () => {
        ({ slot } = await invokeJson<{ slot: number }>('add_nic', { vm }));
        assert.equal((await vmInfo(uuid)).get(`nic${slot}`), 'nat');
    });

    it('virtualbox_port_forwarding adds, lists and removes a rule on that adapter', async () => {
        const hostPort = 20_000 + Math.floor(Math.random() * 30_000);
        await invokeJson('port_forwarding', { vm, slot, action: 'add', rule: { name: 'ssh', hostPort, guestPort: 22 } });
        assert.equal((await vmInfo(uuid)).get('Forwarding(0)'), `ssh,tcp,,${hostPort},,22`);
        const listed = await invokeJson<{ rules: { name: string; hostPort: number }[] }>('port_forwarding', { vm, slot, action: 'list' });
        assert.deepEqual(listed.rules.map((rule) => [rule.name, rule.hostPort]), [['ssh', hostPort]]);
        await invokeJson('port_forwarding', { vm, slot, action: 'remove', name: 'ssh' });
        assert.equal((await vmInfo(uuid)).get('Forwarding(0)'), undefined);
    });

    it('virtualbox_create_network creates a NAT network; virtualbox_list_networks lists it', async () => {
        const cidr = `10.${100 + Math.floor(Math.random() * 100)}.${Math.floor(Math.random() * 250)}.0/24`;
        await invokeJson('create_network', { kind: 'natnetwork', name: network, cidr });
        assert.ok((await natNetworkNames()).includes(network));
        const listed = await invokeJson<{ natNetworks: { name: string; network: string }[] }>('list_networks', {});
        assert.equal(listed.natNetworks.find((entry) => entry.name === network)?.network, cidr);
    });

    it('virtualbox_set_network_mode attaches the adapter to the NAT network', async () => {
        await invokeJson('set_network_mode', { vm, slot, network: { mode: 'natnetwork', networkName: network } });
        const info = await vmInfo(uuid);
        assert.deepEqual([info.get(`nic${slot}`), info.get(`nat-network${slot}`)], ['natnetwork', network]);
    });

    it('virtualbox_remove_nic removes the adapter; virtualbox_delete_network then deletes the network', async () => {
        await invokeJson('remove_nic', { vm, slot });
        assert.equal((await vmInfo(uuid)).get(`nic${slot}`), 'none');
        await invokeJson('delete_network', { kind: 'natnetwork', name: network });
        assert.ok(!(await natNetworkNames()).includes(network));
    });
});
