import { strict as assert } from 'node:assert';
import { addNic } from '../../../src/operations/network/addNic';
import { cidrProblem } from '../../../src/operations/network/cidr';
import { createNetwork } from '../../../src/operations/network/createNetwork';
import { deleteNetwork } from '../../../src/operations/network/deleteNetwork';
import { attachmentArgs } from '../../../src/operations/network/nicAttachment';
import { portForwardRule, requireRuleFree, ruleString } from '../../../src/operations/network/portForwardRules';
import { portForwarding } from '../../../src/operations/network/portForwarding';
import { removeNic } from '../../../src/operations/network/removeNic';
import { setNetworkMode } from '../../../src/operations/network/setNetworkMode';
import { runOperation, type Operation } from '../../../src/operations/operation';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { parseVmInfo } from '../../../src/vbox/parsers/vmInfo';
import { fixtureOutput, replayVBoxManage, unitContext } from './support/replayVBoxManage';

async function rejectsWith(promise: Promise<unknown>, code: VBoxErrorCode, message?: RegExp): Promise<void> {
    await assert.rejects(promise, (error: unknown) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        if (message) assert.match(error.message, message);
        return true;
    });
}

async function refusedBeforeSpawning(operation: Operation, input: unknown): Promise<void> {
    const vbox = replayVBoxManage();
    await rejectsWith(runOperation(operation, unitContext(vbox), input), 'INVALID_INPUT');
    assert.equal(vbox.calls.length, 0, `no VBoxManage call for ${JSON.stringify(input)}`);
}

const rule = { name: 'web', protocol: 'tcp', hostPort: 8080, guestPort: 80 };

describe('(unit) network operations', () => {
    describe('invalid input never spawns VBoxManage', () => {
        const cases: [Operation, unknown][] = [
            [addNic, { vm: 'v', network: { mode: 'wifi' } }],
            [addNic, { vm: 'v', network: { mode: 'bridged' } }],
            [removeNic, { vm: 'v', slot: 0 }],
            [removeNic, { vm: 'v', slot: 37 }],
            [removeNic, { vm: 'v', slot: 1.5 }],
            [setNetworkMode, { vm: 'v', slot: 1, network: { mode: 'hostonly' } }],
            [setNetworkMode, { vm: 'v', slot: 1, network: { mode: 'intnet', networkName: '' } }],
            [setNetworkMode, { vm: 'v', slot: 1 }],
            [setNetworkMode, { vm: 'v', slot: 1, network: { mode: 'natnetwork', networkName: 'a\nb' } }],
            [portForwarding, { vm: 'v', action: 'add' }],
            [portForwarding, { vm: 'v', action: 'remove' }],
            [portForwarding, { vm: 'v', action: 'purge' }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, hostPort: 0 } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, hostPort: 65536 } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, guestPort: -22 } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, name: 'a,b' } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, name: 'a:b' } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, name: 'a\nb' } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, name: '' } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, protocol: 'icmp' } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, hostIp: '127.0.0.256' } }],
            [portForwarding, { vm: 'v', action: 'add', rule: { ...rule, guestIp: 'localhost' } }],
            [portForwarding, { vm: 'v', action: 'remove', name: 'x,y' }],
            [createNetwork, { kind: 'natnetwork', name: 'n' }],
            [createNetwork, { kind: 'natnetwork', cidr: '10.0.5.0/24' }],
            [createNetwork, { kind: 'natnetwork', name: 'n', cidr: '10.0.5.1/24' }],
            [createNetwork, { kind: 'natnetwork', name: 'n', cidr: '10.0.5.0/31' }],
            [createNetwork, { kind: 'natnetwork', name: 'n', cidr: '300.0.5.0/24' }],
            [createNetwork, { kind: 'natnetwork', name: 'n', cidr: '10.0.5.0' }],
            [createNetwork, { kind: 'hostonly', name: 'vboxnet7' }],
            [createNetwork, { kind: 'bridge', name: 'n' }],
            [deleteNetwork, { kind: 'natnetwork' }],
            [deleteNetwork, { kind: 'natnetwork', name: 'tab\there' }],
        ];
        for (const [operation, input] of cases) {
            it(`${operation.id} ${JSON.stringify(input)}`, () => refusedBeforeSpawning(operation, input));
        }
    });

    describe('NAT network CIDRs (what VirtualBox accepts)', () => {
        it('accepts network addresses with a prefix from /1 to /30', () => {
            for (const cidr of ['10.0.5.0/24', '192.168.100.0/30', '10.0.0.0/8', '172.16.0.0/12']) assert.equal(cidrProblem(cidr), undefined, cidr);
        });

        it('names the right network address when host bits are set', () => {
            assert.match(cidrProblem('10.81.0.0/8') ?? '', /10\.0\.0\.0\/8/);
            assert.match(cidrProblem('10.0.5.7/24') ?? '', /10\.0\.5\.0\/24/);
        });

        it('refuses networks too small for a gateway and a guest, and malformed ones', () => {
            for (const cidr of ['10.0.5.0/31', '10.0.5.0/32', '10.0.5.0/0', '10.0.5/24', '10.0.5.0/24 ', '1.2.3.400/24']) {
                assert.ok(cidrProblem(cidr), cidr);
            }
        });
    });

    describe('port-forwarding rules', () => {
        it('builds the rule string VBoxManage splits at commas, empty addresses meaning any', () => {
            assert.equal(ruleString(portForwardRule.parse(rule)), 'web,tcp,,8080,,80');
            assert.equal(ruleString(portForwardRule.parse({ ...rule, protocol: 'udp', hostIp: '127.0.0.1', guestIp: '10.0.2.15' })), 'web,udp,127.0.0.1,8080,10.0.2.15,80');
        });

        // The recorded running VM forwards tcp host port 2222 (any address) as rule "ssh" on adapter 1.
        const running = () => parseVmInfo(fixtureOutput('vm/showvminfo-running').stdout);

        it('refuses a second rule of the same name on the adapter', () => {
            assert.throws(() => requireRuleFree(running(), 1, portForwardRule.parse({ ...rule, name: 'ssh' })), (e: unknown) => isVBoxError(e, 'ALREADY_EXISTS'));
        });

        it('refuses a host port another rule of the VM already forwards, for the same protocol and overlapping address', () => {
            for (const hostIp of [undefined, '127.0.0.1']) {
                assert.throws(
                    () => requireRuleFree(running(), 1, portForwardRule.parse({ ...rule, hostPort: 2222, hostIp })),
                    (e: unknown) => isVBoxError(e, 'ALREADY_EXISTS') && /"ssh"/.test(e.message),
                );
            }
        });

        it('allows the same port for the other protocol', () => {
            requireRuleFree(running(), 1, portForwardRule.parse({ ...rule, protocol: 'udp', hostPort: 2222 }));
        });
    });

    it('builds modifyvm options for each network mode', () => {
        assert.deepEqual(attachmentArgs(1, { mode: 'nat' }), ['--nic1', 'nat']);
        assert.deepEqual(attachmentArgs(2, { mode: 'bridged', hostInterface: 'eth0' }), ['--nic2', 'bridged', '--bridge-adapter2', 'eth0']);
        assert.deepEqual(attachmentArgs(3, { mode: 'hostonly', hostInterface: 'vboxnet0' }), ['--nic3', 'hostonly', '--host-only-adapter3', 'vboxnet0']);
        assert.deepEqual(attachmentArgs(4, { mode: 'intnet', networkName: 'lab net' }), ['--nic4', 'intnet', '--intnet4', 'lab net']);
        assert.deepEqual(attachmentArgs(5, { mode: 'natnetwork', networkName: 'nn' }), ['--nic5', 'natnetwork', '--nat-network5', 'nn']);
        assert.deepEqual(attachmentArgs(6, { mode: 'null' }), ['--nic6', 'null']);
    });

    describe('checks against recorded VirtualBox answers', () => {
        it('create_network maps the missing host-only driver to HOST_DRIVER_MISSING', async () => {
            const vbox = replayVBoxManage([['hostonlyif create', 'errors/hostonlyif-create']]);
            await rejectsWith(runOperation(createNetwork, unitContext(vbox), { kind: 'hostonly' }), 'HOST_DRIVER_MISSING', /vboxnetadp/);
        });

        it('port_forwarding refuses a non-NAT adapter before changing anything', async () => {
            // Adapter 2 of the recorded VM is on an internal network.
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-hardware']]);
            await rejectsWith(runOperation(portForwarding, unitContext(vbox), { vm: 'v', slot: 2, action: 'add', rule }), 'INVALID_INPUT', /intnet, not NAT/);
            assert.deepEqual(vbox.calls.map((call) => call[0]), ['showvminfo']);
        });

        it('port_forwarding refuses to remove a rule that does not exist', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-running']]);
            await rejectsWith(runOperation(portForwarding, unitContext(vbox), { vm: 'v', action: 'remove', name: 'web' }), 'INVALID_INPUT', /"ssh"/);
            assert.equal(vbox.calls.length, 1);
        });

        it('port_forwarding lists the adapter\'s rules', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-running']]);
            const result = await runOperation(portForwarding, unitContext(vbox), { vm: 'v', action: 'list' });
            assert.deepEqual(result.rules, [{ name: 'ssh', protocol: 'tcp', hostIp: '', hostPort: 2222, guestIp: '', guestPort: 22 }]);
        });

        it('add_nic and set_network_mode refuse a running VM before modifyvm', async () => {
            for (const [operation, input] of [
                [addNic, { vm: 'v' }],
                [setNetworkMode, { vm: 'v', slot: 1, network: { mode: 'null' } }],
                [removeNic, { vm: 'v', slot: 1 }],
            ] as [Operation, unknown][]) {
                const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-running']]);
                await rejectsWith(runOperation(operation, unitContext(vbox), input), 'INVALID_VM_STATE', /running.*Power it off/);
                assert.deepEqual(vbox.calls.map((call) => call[0]), ['showvminfo'], operation.id);
            }
        });

        it('set_network_mode refuses a disabled adapter', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-fresh']]);
            await rejectsWith(runOperation(setNetworkMode, unitContext(vbox), { vm: 'v', slot: 1, network: { mode: 'nat' } }), 'INVALID_INPUT', /disabled.*add_nic/);
        });
    });
});
