// Loads this spec as an ES module, like the root hook's runner (see vmRunning.test.ts): one copy of src/vbox/errors.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { randomInt } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addNic } from '../../../src/operations/network/addNic';
import { createNetwork } from '../../../src/operations/network/createNetwork';
import { deleteNetwork } from '../../../src/operations/network/deleteNetwork';
import { listNetworks } from '../../../src/operations/network/listNetworks';
import { portForwarding } from '../../../src/operations/network/portForwarding';
import { removeNic } from '../../../src/operations/network/removeNic';
import { setNetworkMode } from '../../../src/operations/network/setNetworkMode';
import { setNicProperties } from '../../../src/operations/network/setNicProperties';
import { runOperation } from '../../../src/operations/operation';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { covers } from '../support/coverage';
import { operationContext } from '../support/operationContext';
import { calls } from '../support/recordingLogger';
import { forwardingOf, machine, quietly, vbox } from '../support/independentReads';
import { testEnv } from '../support/testEnv';

/** The `Name:` values of a `list` output. */
const namesIn = (text: string) => [...text.matchAll(/^Name: +(.*)$/gm)].map((match) => match[1]);
const natNetworkNames = async () => namesIn(await vbox('list', 'natnets'));
const rejectsWith = (promise: Promise<unknown>, code: VBoxErrorCode, message: RegExp) =>
    assert.rejects(promise, (error) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        assert.match(error.message, message);
        return true;
    });
const spawned = (verb: string) => calls.filter((call) => call.args[0] === verb).length;

/** After a power-off the VM process keeps the session for a moment. */
async function waitUntilUnlocked(vm: string): Promise<void> {
    for (let i = 0; i < 120; i++) {
        const info = await machine(vm).catch(() => undefined);
        if (!info || (!info.has('SessionName') && info.get('VMState') !== 'running')) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}

/**
 * Gives the VM a guest that idles: a floppy whose boot sector is an endless loop (`jmp $`). An empty VM fails to
 * boot after a few seconds, and the VM window's error message then keeps its process (and the VM's lock) alive
 * after a power-off.
 */
async function giveIdleGuest(vm: string): Promise<void> {
    const image = join(testEnv.vbox.dataDir, vm, 'idle-guest.img');
    const sectors = Buffer.alloc(1_474_560);
    sectors.set([0xeb, 0xfe], 0);
    sectors.set([0x55, 0xaa], 510);
    writeFileSync(image, sectors);
    await vbox('storagectl', vm, '--name', 'Floppy', '--add', 'floppy');
    await vbox('storageattach', vm, '--storagectl', 'Floppy', '--port', '0', '--device', '0', '--type', 'fdd', '--medium', image);
}

/**
 * Powers the VM off, waits for its process to let go of the session, unregisters and deletes it. The folder is
 * removed only once VirtualBox has forgotten the VM, so a VM whose process lingers is left whole (and named).
 */
async function removeVm(vm: string): Promise<void> {
    await quietly('controlvm', vm, 'poweroff');
    await waitUntilUnlocked(vm);
    for (let attempt = 0; attempt < 5; attempt++) {
        await quietly('unregistervm', vm, '--delete-all');
        if (!(await vbox('list', 'vms')).includes(`"${vm}" {`)) {
            rmSync(join(testEnv.vbox.dataDir, vm), { recursive: true, force: true });
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    console.warn(`    left behind: VM "${vm}" is still locked by its process`);
}

describe('(integration) network operations', function () {
    const vm = testEnv.uniqueName('nets');
    const runner = testEnv.uniqueName('nets-run');
    const natNet = testEnv.uniqueName('natnet');
    const intnet = testEnv.uniqueName('lab');
    const cidr = `10.${randomInt(100, 250)}.${randomInt(0, 250)}.0/24`;
    const hostPort = randomInt(20_000, 40_000);

    before(async function () {
        for (const name of [vm, runner]) await vbox('createvm', '--name', name, '--ostype', 'Other', '--basefolder', testEnv.vbox.dataDir, '--register');
        await vbox('modifyvm', runner, '--memory', '64', '--nic1', 'nat');
        await giveIdleGuest(runner);
    });

    after(async function () {
        this.timeout(180_000);
        for (const name of [vm, runner]) await removeVm(name);
        await quietly('natnetwork', 'remove', '--netname', natNet);
    });

    it('list_networks lists what VirtualBox lists', async () => {
        const result = await runOperation(listNetworks, operationContext(), {});
        assert.deepEqual(result.bridged.map((i) => i.name), namesIn(await vbox('list', 'bridgedifs')));
        assert.deepEqual(result.hostOnly.map((i) => i.name), namesIn(await vbox('list', 'hostonlyifs')));
        assert.deepEqual(result.natNetworks.map((n) => n.name), await natNetworkNames());
        assert.deepEqual(result.internal, namesIn(await vbox('list', 'intnets')));
        covers('list_networks');
    });

    it('create_network makes a NAT network and refuses a duplicate or a bad CIDR', async () => {
        const result = await runOperation(createNetwork, operationContext(), { kind: 'natnetwork', name: natNet, cidr, dhcp: false });
        assert.equal(result.kind, 'natnetwork');
        const listed = await vbox('natnetwork', 'list', natNet);
        assert.match(listed, new RegExp(`^Network: +${cidr.replace(/\./g, '\\.')}$`, 'm'));
        assert.match(listed, /^DHCP Server: +No$/m);
        assert.match(listed, /^Enabled: +Yes$/m);

        await rejectsWith(runOperation(createNetwork, operationContext(), { kind: 'natnetwork', name: natNet, cidr }), 'ALREADY_EXISTS', /already exists/);
        const other = testEnv.uniqueName('natnet-bad');
        await rejectsWith(runOperation(createNetwork, operationContext(), { kind: 'natnetwork', name: other, cidr: '10.9.8.7/24' }), 'INVALID_INPUT', /10\.9\.8\.0\/24/);
        assert.ok(!(await natNetworkNames()).includes(other), 'nothing created for the bad CIDR');
        covers('create_network');
    });

    it('create_network hostonly: an interface, or HOST_DRIVER_MISSING where the host driver is absent', async () => {
        const before = namesIn(await vbox('list', 'hostonlyifs'));
        try {
            const result = await runOperation(createNetwork, operationContext(), { kind: 'hostonly' });
            assert.equal(result.kind, 'hostonly');
            const name = result.kind === 'hostonly' ? result.interface.name : '';
            assert.ok(namesIn(await vbox('list', 'hostonlyifs')).includes(name), `${name} is listed`);
            await runOperation(deleteNetwork, operationContext(), { kind: 'hostonly', name });
            assert.ok(!namesIn(await vbox('list', 'hostonlyifs')).includes(name), `${name} is gone`);
        } catch (error) {
            assert.ok(isVBoxError(error, 'HOST_DRIVER_MISSING'), `expected HOST_DRIVER_MISSING, got ${String(error)}`);
            assert.match(error.message, /host network driver/);
            assert.deepEqual(namesIn(await vbox('list', 'hostonlyifs')), before);
        }
        await rejectsWith(
            runOperation(deleteNetwork, operationContext(), { kind: 'hostonly', name: 'vboxnet-none-such' }),
            'NETWORK_NOT_FOUND',
            /vboxnet-none-such/,
        );
    });

    it('add_nic fills the first free slots: NAT by default, then a NAT network', async () => {
        const first = await runOperation(addNic, operationContext(), { vm });
        const slot = first.slot;
        let info = await machine(vm);
        assert.equal(info.get(`nic${slot}`), 'nat');
        for (let earlier = 1; earlier < slot; earlier++) assert.notEqual(info.get(`nic${earlier}`), 'none', `slot ${earlier} was taken`);
        assert.equal(info.get(`macaddress${slot}`), first.macAddress);

        const second = await runOperation(addNic, operationContext(), { vm, network: { mode: 'natnetwork', networkName: natNet } });
        assert.equal(second.slot, slot + 1);
        info = await machine(vm);
        assert.equal(info.get(`nic${second.slot}`), 'natnetwork');
        assert.equal(info.get(`nat-network${second.slot}`), natNet);

        const changes = spawned('modifyvm');
        await rejectsWith(
            runOperation(addNic, operationContext(), { vm, network: { mode: 'natnetwork', networkName: `${natNet}-missing` } }),
            'NETWORK_NOT_FOUND',
            /no NAT network named/,
        );
        await rejectsWith(runOperation(addNic, operationContext(), { vm, network: { mode: 'bridged', hostInterface: 'nosuch0' } }), 'NETWORK_NOT_FOUND', /nosuch0/);
        assert.equal(spawned('modifyvm'), changes, 'no modifyvm for a missing network');
    });

    it('add_nic refuses when every slot of the chipset is used', async () => {
        const info = await machine(vm);
        const free = [...info.keys()].filter((key) => /^nic\d+$/.test(key) && info.get(key) === 'none');
        await vbox('modifyvm', vm, ...free.flatMap((key) => [`--${key}`, 'null']));
        await rejectsWith(runOperation(addNic, operationContext(), { vm }), 'NOT_SUPPORTED', /All 8 network adapter slots/);
        await vbox('modifyvm', vm, ...free.flatMap((key) => [`--${key}`, 'none']));
        covers('add_nic');
    });

    it('set_network_mode switches an adapter between networks and checks that they exist', async () => {
        const bridgeTo = namesIn(await vbox('list', 'bridgedifs'))[0];
        let result = await runOperation(setNetworkMode, operationContext(), { vm, slot: 1, network: { mode: 'intnet', networkName: intnet } });
        assert.equal(result.previousAttachment, 'nat');
        assert.deepEqual([(await machine(vm)).get('nic1'), (await machine(vm)).get('intnet1')], ['intnet', intnet]);

        if (bridgeTo) {
            result = await runOperation(setNetworkMode, operationContext(), { vm, slot: 1, network: { mode: 'bridged', hostInterface: bridgeTo } });
            assert.equal(result.previousAttachment, 'intnet');
            assert.deepEqual([(await machine(vm)).get('nic1'), (await machine(vm)).get('bridgeadapter1')], ['bridged', bridgeTo]);
        }
        await rejectsWith(
            runOperation(setNetworkMode, operationContext(), { vm, slot: 1, network: { mode: 'hostonly', hostInterface: 'vboxnet-none-such' } }),
            'NETWORK_NOT_FOUND',
            /host-only interface named "vboxnet-none-such"/,
        );
        await runOperation(setNetworkMode, operationContext(), { vm, slot: 1, network: { mode: 'null' } });
        assert.equal((await machine(vm)).get('nic1'), 'null');
        await runOperation(setNetworkMode, operationContext(), { vm, slot: 1, network: { mode: 'nat' } });
        assert.equal((await machine(vm)).get('nic1'), 'nat');
        await rejectsWith(runOperation(setNetworkMode, operationContext(), { vm, slot: 8, network: { mode: 'nat' } }), 'INVALID_INPUT', /disabled/);
        covers('set_network_mode');
    });

    it('delete_network refuses a NAT network that a VM uses, naming it, and deletes it once detached', async () => {
        const slot = Number([...(await machine(vm)).entries()].find(([key, value]) => key.startsWith('nat-network') && value === natNet)?.[0].slice(11));
        assert.ok(slot > 0, 'a slot of the VM is on the NAT network');
        await rejectsWith(
            runOperation(deleteNetwork, operationContext(), { kind: 'natnetwork', name: natNet }),
            'MEDIUM_IN_USE',
            new RegExp(`"${vm}" \\(adapter ${slot}\\)`),
        );
        assert.ok((await natNetworkNames()).includes(natNet), 'still there');

        await runOperation(setNetworkMode, operationContext(), { vm, slot, network: { mode: 'nat' } });
        assert.deepEqual(await runOperation(deleteNetwork, operationContext(), { kind: 'natnetwork', name: natNet }), { kind: 'natnetwork', name: natNet });
        assert.ok(!(await natNetworkNames()).includes(natNet), 'deleted');
        await rejectsWith(runOperation(deleteNetwork, operationContext(), { kind: 'natnetwork', name: natNet }), 'NETWORK_NOT_FOUND', /no NAT network/);
        covers('delete_network');
    });

    it('remove_nic disables an adapter', async () => {
        const slot = Number([...(await machine(vm)).entries()].filter(([key, value]) => /^nic\d+$/.test(key) && value !== 'none').pop()![0].slice(3));
        const result = await runOperation(removeNic, operationContext(), { vm, slot });
        assert.equal(result.previousAttachment, 'nat');
        assert.equal((await machine(vm)).get(`nic${slot}`), 'none');
        await rejectsWith(runOperation(removeNic, operationContext(), { vm, slot }), 'INVALID_INPUT', /disabled/);
        covers('remove_nic');
    });

    it('port_forwarding adds, lists and removes rules of a powered-off VM, refusing duplicates', async () => {
        const rule = { name: 'ssh', protocol: 'tcp', hostPort, guestPort: 22 } as const;
        let result = await runOperation(portForwarding, operationContext(), { vm, slot: 1, action: 'add', rule });
        assert.equal(result.live, false);
        assert.deepEqual(await forwardingOf(vm, 1), [`ssh,tcp,,${hostPort},,22`]);

        await rejectsWith(runOperation(portForwarding, operationContext(), { vm, action: 'add', rule: { ...rule, hostPort: hostPort + 1 } }), 'ALREADY_EXISTS', /named "ssh"/);
        await rejectsWith(runOperation(portForwarding, operationContext(), { vm, action: 'add', rule: { ...rule, name: 'ssh2' } }), 'ALREADY_EXISTS', new RegExp(`${hostPort}/tcp`));
        result = await runOperation(portForwarding, operationContext(), { vm, action: 'add', rule: { ...rule, name: 'dns', protocol: 'udp', hostIp: '127.0.0.1', guestPort: 53 } });
        assert.deepEqual(result.rules.map((r) => r.name).sort(), ['dns', 'ssh']);
        assert.deepEqual((await forwardingOf(vm, 1)).sort(), [`dns,udp,127.0.0.1,${hostPort},,53`, `ssh,tcp,,${hostPort},,22`]);

        const listed = await runOperation(portForwarding, operationContext(), { vm, action: 'list' });
        assert.deepEqual(listed.rules.map((r) => r.name).sort(), ['dns', 'ssh']);
        await runOperation(portForwarding, operationContext(), { vm, action: 'remove', name: 'ssh' });
        assert.deepEqual(await forwardingOf(vm, 1), [`dns,udp,127.0.0.1,${hostPort},,53`]);
    });

    it('set_nic_properties changes the MAC address and unplugs the cable of a powered-off VM', async () => {
        const mac = `080027${randomInt(0, 0xffffff).toString(16).padStart(6, '0')}`.toUpperCase();
        const result = await runOperation(setNicProperties, operationContext(), { vm: runner, slot: 1, macAddress: mac.toLowerCase(), cableConnected: false });
        const info = await machine(runner);
        assert.equal(info.get('macaddress1'), mac);
        assert.equal(info.get('cableconnected1'), 'off');
        assert.deepEqual([result.macAddress, result.cableConnected, result.live], [mac, false, false]);

        const changes = spawned('modifyvm');
        await rejectsWith(runOperation(setNicProperties, operationContext(), { vm: runner, slot: 1, macAddress: '010203040506' }), 'INVALID_INPUT', /unicast/);
        await rejectsWith(runOperation(setNicProperties, operationContext(), { vm: runner, slot: 8, cableConnected: true }), 'INVALID_INPUT', /disabled|not enabled/);
        assert.equal(spawned('modifyvm'), changes, 'no modifyvm for refused input');
        assert.equal((await machine(runner)).get('macaddress1'), mac, 'unchanged after the refusals');
    });

    it('port_forwarding changes the rules of a running VM live', async function () {
        this.timeout(180_000);
        await vbox('startvm', runner, '--type', 'headless');
        assert.equal((await machine(runner)).get('VMState'), 'running');
        const rule = { name: 'web', hostIp: '127.0.0.1', hostPort: hostPort + 7, guestPort: 80 };
        const added = await runOperation(portForwarding, operationContext(), { vm: runner, action: 'add', rule });
        assert.equal(added.live, true);
        assert.deepEqual(await forwardingOf(runner, 1), [`web,tcp,127.0.0.1,${hostPort + 7},,80`]);
        assert.equal((await machine(runner)).get('VMState'), 'running');

        await rejectsWith(runOperation(setNetworkMode, operationContext(), { vm: runner, slot: 1, network: { mode: 'null' } }), 'INVALID_VM_STATE', /running/);
        const removed = await runOperation(portForwarding, operationContext(), { vm: runner, action: 'remove', name: 'web' });
        assert.deepEqual([removed.live, removed.rules], [true, []]);
        assert.deepEqual(await forwardingOf(runner, 1), []);
        covers('port_forwarding');
    });

    it('set_nic_properties plugs the cable of a running VM in live and refuses a MAC change while it runs', async () => {
        assert.equal((await machine(runner)).get('VMState'), 'running');
        const mac = (await machine(runner)).get('macaddress1');
        const result = await runOperation(setNicProperties, operationContext(), { vm: runner, slot: 1, cableConnected: true });
        assert.equal(result.live, true);
        assert.equal((await machine(runner)).get('cableconnected1'), 'on');
        await rejectsWith(
            runOperation(setNicProperties, operationContext(), { vm: runner, slot: 1, macAddress: '080027000001' }),
            'INVALID_VM_STATE',
            /running/,
        );
        assert.equal((await machine(runner)).get('macaddress1'), mac, 'MAC unchanged while running');
        covers('set_nic_properties');
    });
});
