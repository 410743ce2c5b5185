// Loads this spec as an ES module, like the root hook's runner (see vmRunning.test.ts): one copy of src/vbox/errors.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { getVmSshEndpoint, setupSshAccess, waitForSsh } from '../../../src/operations/connect/sshAccess';
import { runOperation } from '../../../src/operations/operation';
import { isVBoxError } from '../../../src/vbox/errors';
import { VirtualBoxSettingsFiles } from '../../../src/vbox/settingsFiles/settingsFiles';
import { nodeUserHome } from '../../../src/vbox/settingsFiles/userHome';
import { powerOffAndWait } from '../../reliability/support/sharedVms';
import { GOLDEN_GUEST_SNAPSHOT, GOLDEN_GUEST_VM, connectGuest, guestFiles, type RunningGuest } from '../../support/realGuest';
import { covers } from '../support/coverage';
import { forwardingOf, machine, quietly, vbox } from '../support/independentReads';
import { operationContext } from '../support/operationContext';
import { calls } from '../support/recordingLogger';
import { testEnv } from '../support/testEnv';

/**
 * Connect against the real guest: a clone of its booted snapshot with no way in, given one by setup_ssh_access, found
 * by get_vm_ssh_endpoint, waited for by wait_for_ssh. Each answer is checked through another channel: the rule in
 * showvminfo, the system `ssh` with the test key through the endpoint returned, the guest's own `ip addr`.
 */
describe('(integration) connect: SSH into the real guest', function () {
    this.timeout(600_000);
    const name = testEnv.uniqueName('connect');
    let uuid = '';
    let guest: RunningGuest | undefined;
    let port = 0;

    before(async () => {
        await vbox('clonevm', GOLDEN_GUEST_VM, '--snapshot', GOLDEN_GUEST_SNAPSHOT, '--name', name, '--register');
        uuid = (await machine(name)).get('UUID') ?? '';
        await vbox('startvm', name, '--type', 'headless');
    });

    after(async () => {
        await guest?.dispose();
        if (uuid) await powerOffAndWait(uuid);
        await quietly('unregistervm', name, '--delete');
    });

    it('a running guest without a forward has no endpoint yet; its NAT address is reported, the one the guest has', async () => {
        assert.deepEqual(await forwardingOf(name, 1), [], 'the golden guest keeps no forward');
        const found = await runOperation(getVmSshEndpoint, operationContext(), { vm: name });
        assert.deepEqual(found.endpoints, []);
        assert.equal(found.state, 'running');
        const nat = found.addresses.find((address) => address.slot === 1);
        assert.ok(nat, `adapter 1's address is reported: ${JSON.stringify(found.addresses)}`);
        assert.equal(nat.attachment, 'nat');
        // Read back later through SSH, once there is a way in.
        assert.match(nat.ip, /^10\.0\.2\.\d+$/);
        covers('get_vm_ssh_endpoint');
    });

    it('setup_ssh_access adds a loopback forward to port 22 on the running VM, live', async () => {
        const result = await runOperation(setupSshAccess, operationContext(), { vm: name });
        assert.equal(result.added, true);
        assert.equal(result.live, true);
        const [endpoint] = result.endpoints;
        assert.equal(endpoint?.host, '127.0.0.1');
        port = endpoint.port;
        assert.ok(port >= 2222, `a port from 2222 up: ${port}`);
        assert.deepEqual(await forwardingOf(name, 1), [`ssh,tcp,127.0.0.1,${port},,22`]);
        covers('setup_ssh_access');
    });

    it('wait_for_ssh returns the SSH identification; the system ssh with the test key runs uname through that endpoint', async () => {
        const ctx = operationContext();
        const waited = await runOperation(waitForSsh, ctx, { vm: name, timeoutSeconds: 180 });
        assert.match(waited.banner, /^SSH-2\.0-dropbear/);
        assert.deepEqual([waited.endpoint.host, waited.endpoint.port], ['127.0.0.1', port]);
        guest = connectGuest(name, port, guestFiles(testEnv.vbox.dataDir), testEnv.vbox.dataDir);
        assert.equal((await guest.ssh('uname -s')).trim(), 'Linux');
        covers('wait_for_ssh');
    });

    it("the NAT address get_vm_ssh_endpoint reported is the guest's own (ip addr over SSH)", async () => {
        const found = await runOperation(getVmSshEndpoint, operationContext(), { vm: name });
        const ip = found.addresses.find((address) => address.slot === 1)?.ip;
        const own = await guest!.ssh('ip -4 -o addr show dev eth0');
        assert.ok(ip && own.includes(` ${ip}/`), `eth0 has ${ip}: ${own}`);
        assert.deepEqual(found.endpoints.map((endpoint) => endpoint.port), [port]);
    });

    it("quick: the running VM's settings file has the forward added live; found and answered with no VBoxManage call", async () => {
        const ctx = { ...operationContext(), settingsFiles: new VirtualBoxSettingsFiles(nodeUserHome) };
        const before = calls.length;
        const quick = await runOperation(getVmSshEndpoint, ctx, { vm: name, quick: true });
        const waited = await runOperation(waitForSsh, ctx, { vm: name, timeoutSeconds: 60 });
        assert.deepEqual(
            calls.slice(before).map((call) => call.args.join(' ')),
            [],
            'VBoxManage calls',
        );
        assert.equal(quick.state, undefined, 'a VM that may be running has no state from the files');
        assert.match(waited.banner, /^SSH-2\.0-dropbear/);
        assert.deepEqual([waited.endpoint.host, waited.endpoint.port], ['127.0.0.1', port]);
        // Read back: what VirtualBox itself reports for the running VM.
        const full = await runOperation(getVmSshEndpoint, operationContext(), { vm: name });
        assert.deepEqual(quick.endpoints, full.endpoints);
    });

    it('a second setup_ssh_access changes nothing', async () => {
        const again = await runOperation(setupSshAccess, operationContext(), { vm: name });
        assert.equal(again.added, false);
        assert.deepEqual(await forwardingOf(name, 1), [`ssh,tcp,127.0.0.1,${port},,22`]);
    });

    it('refuses a host port another program listens on, adding no rule', async () => {
        await vbox('controlvm', name, 'natpf1', 'delete', 'ssh');
        const busy = net.createServer();
        await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
        const taken = (busy.address() as net.AddressInfo).port;
        try {
            await assert.rejects(runOperation(setupSshAccess, operationContext(), { vm: name, hostPort: taken }), (error) => isVBoxError(error, 'ALREADY_EXISTS'));
            assert.deepEqual(await forwardingOf(name, 1), []);
        } finally {
            await new Promise<void>((resolve) => busy.close(() => resolve()));
        }
        // The way in again, on the port asked for, for the next test.
        const again = await runOperation(setupSshAccess, operationContext(), { vm: name, hostPort: port });
        assert.equal(again.added, true);
        assert.deepEqual(await forwardingOf(name, 1), [`ssh,tcp,127.0.0.1,${port},,22`]);
    });

    it('waits for SSH from a just-restored guest (saved, then started again)', async () => {
        await guest?.dispose();
        guest = undefined;
        await vbox('controlvm', name, 'savestate');
        await vbox('startvm', name, '--type', 'headless');
        const ctx = operationContext();
        const waited = await runOperation(waitForSsh, ctx, { vm: name, timeoutSeconds: 180 });
        assert.match(waited.banner, /^SSH-2\.0-/);
        guest = connectGuest(name, port, guestFiles(testEnv.vbox.dataDir), testEnv.vbox.dataDir);
        assert.equal((await guest.ssh('echo back')).trim(), 'back');
        console.log(`      ssh answered ${waited.waitedMs} ms after the restore's start returned`);
    });
});
