import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { getVmSshEndpoint, ruleNameFor, setupSshAccess, waitForSsh } from '../../../src/operations/connect/sshAccess';
import { adapterAddresses, guestInterfaces, guestIpEndpoints, natForwardEndpoints, sshArguments, sshCommandLine } from '../../../src/operations/connect/sshEndpoints';
import { runOperation } from '../../../src/operations/operation';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { localHostNetwork, type HostNetwork } from '../../../src/vbox/hostNetwork';
import { parseGuestProperties } from '../../../src/vbox/parsers/guestProperties';
import { parseVmInfo } from '../../../src/vbox/parsers/vmInfo';
import { fixtureOutput, replayVBoxManage, unitContext, type ReplayVBoxManage } from './support/replayVBoxManage';

async function rejectsWith(promise: Promise<unknown>, code: VBoxErrorCode, message?: RegExp): Promise<void> {
    await assert.rejects(promise, (error: unknown) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        if (message) assert.match(error.message, message);
        return true;
    });
}

/** A host network whose answers the test scripts: which ports are taken, what each connection's first line is. */
function scriptedNetwork(options: { taken?: number[]; lines?: (string | undefined)[] } = {}): HostNetwork & { probed: number[]; connects: string[] } {
    const lines = [...(options.lines ?? [])];
    const probed: number[] = [];
    const connects: string[] = [];
    return {
        probed,
        connects,
        async isTcpPortFree(_address, port) {
            probed.push(port);
            return !(options.taken ?? []).includes(port);
        },
        async readFirstLine(address, port) {
            connects.push(`${address}:${port}`);
            return lines.shift();
        },
    };
}

function withNetwork(vbox: ReplayVBoxManage, hostNetwork?: HostNetwork) {
    return { ...unitContext(vbox), hostNetwork };
}

describe('(unit) connect: SSH endpoints, access and waiting', () => {
    describe('endpoints from what VirtualBox reports (recorded)', () => {
        it("a NAT rule to guest port 22 listening on every address is reached on the host's loopback", () => {
            const info = parseVmInfo(fixtureOutput('vm/showvminfo-hardware').stdout);
            const endpoints = natForwardEndpoints(info);
            // The recorded VM also forwards udp 8080 → 80: not SSH.
            assert.deepEqual(
                endpoints.map(({ host, port, slot, rule, source }) => ({ host, port, slot, rule, source })),
                [{ host: '127.0.0.1', port: 2222, slot: 1, rule: 'ssh', source: 'nat-forward' }],
            );
        });

        it('a VM without a NAT rule to port 22 has no NAT endpoint', () => {
            assert.deepEqual(natForwardEndpoints(parseVmInfo(fixtureOutput('vm/showvminfo-fresh').stdout)), []);
        });

        it('get_vm_ssh_endpoint of a powered-off VM reads no guest properties (it has none)', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-hardware']]);
            const result = await runOperation(getVmSshEndpoint, unitContext(vbox), { vm: 'fx' });
            assert.equal(result.endpoints[0]?.port, 2222);
            assert.deepEqual(result.addresses, []);
            assert.deepEqual(vbox.calls.map((call) => call[0]), ['showvminfo']);
        });
    });

    describe("the guest's addresses (recorded from the real guest while it ran)", () => {
        const info = parseVmInfo(fixtureOutput('guest/showvminfo').stdout);
        const propertiesText = fixtureOutput('guest/guestproperty-enumerate').stdout;
        const properties = parseGuestProperties(propertiesText);
        // Read from the raw output, independently of the parser: what the Guest Additions said of interface 0.
        const reportedIp = /^\/VirtualBox\/GuestInfo\/Net\/0\/V4\/IP += '([^']*)'/m.exec(propertiesText)?.[1];
        const reportedMac = /^\/VirtualBox\/GuestInfo\/Net\/0\/MAC += '([^']*)'/m.exec(propertiesText)?.[1];

        it("matches the guest's interface to adapter 1 by its MAC address", () => {
            assert.ok(reportedIp && reportedMac, 'the recording has interface 0');
            assert.equal(info.nics.find((nic) => nic.slot === 1)?.macAddress, reportedMac);
            assert.deepEqual(guestInterfaces(properties), [{ index: 0, mac: reportedMac, ip: reportedIp }]);
            assert.deepEqual(adapterAddresses(info, properties), [{ slot: 1, attachment: 'nat', ip: reportedIp }]);
        });

        it('pairs interfaces with adapters in order when no MAC matches (a clone restored from a running snapshot)', () => {
            // clonevm gives the clone a new MAC; the restored guest, never rebooted, still reports the old one.
            const clone = { ...info, nics: info.nics.map((nic) => (nic.slot === 1 ? { ...nic, macAddress: '080027000001' } : nic)) };
            assert.deepEqual(adapterAddresses(clone, properties), [{ slot: 1, attachment: 'nat', ip: reportedIp }]);
            // With a second adapter the guest does not report, the order says nothing: no address is guessed.
            const twoAdapters = { ...clone, nics: clone.nics.map((nic) => (nic.slot === 2 ? { ...nic, attachment: 'intnet' as const, macAddress: '080027000002' } : nic)) };
            assert.deepEqual(adapterAddresses(twoAdapters, properties), []);
        });

        it("offers no endpoint for a NAT adapter's own address (the host cannot reach it), one for a bridged adapter's", () => {
            assert.deepEqual(guestIpEndpoints(info, properties), []);
            // The testbed cannot bridge: the same adapter, as a bridged one, gives the guest's address on port 22.
            const bridged = { ...info, nics: info.nics.map((nic) => (nic.slot === 1 ? { ...nic, attachment: 'bridged' as const, forwarding: [] } : nic)) };
            assert.deepEqual(
                guestIpEndpoints(bridged, properties).map(({ host, port, source, slot }) => ({ host, port, source, slot })),
                [{ host: reportedIp, port: 22, source: 'guest-ip', slot: 1 }],
            );
        });

        it('leaves out an interface reported down, and an address that is not IPv4', () => {
            const down = properties.map((property) => (property.name === '/VirtualBox/GuestInfo/Net/0/Status' ? { ...property, value: 'Down' } : property));
            assert.deepEqual(adapterAddresses(info, down), []);
            const odd = properties.map((property) => (property.name === '/VirtualBox/GuestInfo/Net/0/V4/IP' ? { ...property, value: '10.0.2' } : property));
            assert.deepEqual(adapterAddresses(info, odd), []);
        });
    });

    describe('the command line a person copies, and the arguments ssh gets', () => {
        it('names the port only when it is not 22', () => {
            assert.equal(sshCommandLine({ host: '127.0.0.1', port: 2222 }, 'vbox'), 'ssh -p 2222 vbox@127.0.0.1');
            assert.equal(sshCommandLine({ host: '192.168.56.10', port: 22 }), 'ssh 192.168.56.10');
        });

        it('ends the options before the host, so nothing in it is read as an option', () => {
            assert.deepEqual(sshArguments({ host: '127.0.0.1', port: 2222 }, 'vbox'), ['-p', '2222', '-l', 'vbox', '--', '127.0.0.1']);
            assert.deepEqual(sshArguments({ host: '10.0.0.5', port: 22 }), ['-p', '22', '--', '10.0.0.5']);
        });
    });

    describe('setup_ssh_access', () => {
        it('does nothing when a forward to port 22 exists: no port probed, no change', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-hardware']]);
            const network = scriptedNetwork();
            const result = await runOperation(setupSshAccess, withNetwork(vbox, network), { vm: 'fx' });
            assert.equal(result.added, false);
            assert.equal(result.endpoints[0]?.port, 2222);
            assert.deepEqual(network.probed, []);
            assert.ok(!vbox.calls.some(([verb]) => verb === 'modifyvm' || verb === 'controlvm'));
        });

        it('refuses a VM without a NAT adapter, saying how to get one, before probing or changing anything', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-fresh']]);
            const network = scriptedNetwork();
            await rejectsWith(runOperation(setupSshAccess, withNetwork(vbox, network), { vm: 'fx' }), 'INVALID_INPUT', /no NAT adapter.*set_network_mode.*add_nic/);
            assert.deepEqual(network.probed, []);
            assert.equal(vbox.calls.length, 1);
        });

        it('refuses a host port below 1024 in its input', async () => {
            const vbox = replayVBoxManage();
            await rejectsWith(runOperation(setupSshAccess, withNetwork(vbox, scriptedNetwork()), { vm: 'fx', hostPort: 22 }), 'INVALID_INPUT');
            assert.equal(vbox.calls.length, 0);
        });

        it('names a rule "ssh", or the next free "ssh-N" when the adapter has one forwarding something else', () => {
            assert.equal(ruleNameFor([]), 'ssh');
            assert.equal(ruleNameFor(['web', 'ssh']), 'ssh-2');
            assert.equal(ruleNameFor(['ssh', 'ssh-2']), 'ssh-3');
        });
    });

    describe('wait_for_ssh', () => {
        const running = (): ReplayVBoxManage =>
            replayVBoxManage([
                ['showvminfo', 'vm/showvminfo-running'],
                ['guestproperty enumerate', 'vm/guestproperty-enumerate'],
            ]);

        it('tries the endpoint until it answers with an SSH identification, and returns it', async () => {
            const network = scriptedNetwork({ lines: [undefined, 'HTTP/1.1 400 Bad Request', 'SSH-2.0-dropbear_2025.88'] });
            const messages: string[] = [];
            const result = await runOperation(waitForSsh, { ...withNetwork(running(), network), progress: (update) => void (update.message && messages.push(update.message)) }, { vm: 'fx', timeoutSeconds: 30 });
            assert.equal(result.banner, 'SSH-2.0-dropbear_2025.88');
            assert.equal(result.endpoint.port, 2222);
            assert.deepEqual(network.connects, ['127.0.0.1:2222', '127.0.0.1:2222', '127.0.0.1:2222']);
            assert.match(messages[0] ?? '', /^Waiting for SSH at 127\.0\.0\.1:2222/);
        });

        it("asks for the Guest Additions' addresses only when no NAT forward answered", async () => {
            const vbox = running();
            const answering = await runOperation(waitForSsh, withNetwork(vbox, scriptedNetwork({ lines: ['SSH-2.0-dropbear_2025.88'] })), { vm: 'fx', timeoutSeconds: 30 });
            assert.equal(answering.endpoint.source, 'nat-forward');
            assert.deepEqual(vbox.calls.map((args) => args[0]), ['showvminfo'], 'one process: the forward answered');
            const silent = running();
            await rejectsWith(runOperation(waitForSsh, withNetwork(silent, scriptedNetwork()), { vm: 'fx', timeoutSeconds: 1 }), 'SSH_UNAVAILABLE');
            assert.deepEqual(silent.calls.slice(0, 2).map((args) => args.slice(0, 2).join(' ')), ['showvminfo fx', 'guestproperty enumerate']);
        });

        it('gives up after timeoutSeconds with SSH_UNAVAILABLE, naming what it tried and what answered', async () => {
            const network = scriptedNetwork({ lines: Array.from({ length: 10 }, () => 'HTTP/1.1 400 Bad Request') });
            await rejectsWith(
                runOperation(waitForSsh, withNetwork(running(), network), { vm: 'fx', timeoutSeconds: 1 }),
                'SSH_UNAVAILABLE',
                /within 1 s\. Tried: NAT rule "ssh" of adapter 1: 127\.0\.0\.1:2222 → guest port 22: answered "HTTP\/1\.1 400 Bad Request", not SSH/,
            );
        });

        it('does not wait for a VM at rest: INVALID_VM_STATE says to start it, without connecting', async () => {
            const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-hardware']]);
            const network = scriptedNetwork();
            await rejectsWith(runOperation(waitForSsh, withNetwork(vbox, network), { vm: 'fx' }), 'INVALID_VM_STATE', /is powered off: its SSH server can answer only while it runs/);
            assert.deepEqual(network.connects, []);
        });

        it('stops with CANCELLED (which the UI keeps silent) when its signal aborts while it waits', async () => {
            const controller = new AbortController();
            const network = scriptedNetwork({ lines: [] });
            const waiting = runOperation(waitForSsh, { ...withNetwork(running(), network), signal: controller.signal }, { vm: 'fx', timeoutSeconds: 60 });
            setTimeout(() => controller.abort(), 200);
            await rejectsWith(waiting, 'CANCELLED');
        });
    });

    describe("this machine's network (real loopback sockets)", () => {
        function listen(onConnection: (socket: net.Socket) => void): Promise<net.Server> {
            return new Promise((resolve) => {
                const server = net.createServer(onConnection);
                server.listen(0, '127.0.0.1', () => resolve(server));
            });
        }
        const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;
        const close = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));
        const options = () => ({ timeoutMs: 1_000, signal: new AbortController().signal });

        it('reads the first line a server sends, without its CR LF', async () => {
            const server = await listen((socket) => socket.end('SSH-2.0-test_1.0\r\nmore\r\n'));
            try {
                assert.equal(await localHostNetwork.readFirstLine('127.0.0.1', portOf(server), options()), 'SSH-2.0-test_1.0');
            } finally {
                await close(server);
            }
        });

        it('answers undefined for a server that says nothing in time, and for a port nobody listens on', async () => {
            const sockets: net.Socket[] = [];
            const server = await listen((socket) => void sockets.push(socket));
            const port = portOf(server);
            try {
                const started = Date.now();
                assert.equal(await localHostNetwork.readFirstLine('127.0.0.1', port, { ...options(), timeoutMs: 300 }), undefined);
                assert.ok(Date.now() - started >= 290, 'it waited for the timeout');
            } finally {
                sockets.forEach((socket) => socket.destroy());
                await close(server);
            }
            assert.equal(await localHostNetwork.readFirstLine('127.0.0.1', port, options()), undefined);
        });

        it('knows a port something listens on is taken, and free again once it stops', async () => {
            const server = await listen(() => undefined);
            const port = portOf(server);
            assert.equal(await localHostNetwork.isTcpPortFree('127.0.0.1', port), false);
            await close(server);
            assert.equal(await localHostNetwork.isTcpPortFree('127.0.0.1', port), true);
        });
    });
});
