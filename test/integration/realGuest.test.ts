import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { powerOffAndWait } from '../reliability/support/sharedVms';
import { GOLDEN_GUEST_SNAPSHOT, GOLDEN_GUEST_VM, guestControl as runGuestControl, type RunningGuest, startGuestClone } from '../support/realGuest';
import { machine, quietly, vbox } from './support/independentReads';
import { testEnv } from './support/testEnv';

/**
 * The testbed's real Linux guest, from its booted snapshot to an ACPI shutdown. Each step is read back through a
 * second channel: what SSH wrote is read through Guest Control, the IP the Guest Additions report is the one the
 * guest's own network stack shows, and the power-off is VirtualBox's state.
 */
describe('(integration) smoke: the real guest', function () {
    this.timeout(300_000);
    const name = testEnv.uniqueName('guest');
    let guest: RunningGuest;
    let uuid = '';
    const token = randomBytes(8).toString('hex');

    after(async () => {
        await guest?.dispose();
        if (uuid) await powerOffAndWait(uuid);
        await quietly('unregistervm', name, '--delete');
    });

    it('starts from the booted snapshot, running', async () => {
        guest = await startGuestClone(vbox, testEnv.vbox.dataDir, name);
        const info = await machine(name);
        uuid = info.get('UUID') ?? '';
        assert.equal(info.get('VMState'), 'running');
    });

    it('answers SSH through the NAT forward, as the test user', async () => {
        const out = await guest.ssh(`id -un; hostname; echo ${token} > /tmp/smoke-token`);
        assert.deepEqual(out.trim().split('\n'), [guest.files.credentials.user.user, guest.files.credentials.hostname]);
    });

    it("reports the guest's IP through the Guest Additions, the one its network stack has", async () => {
        const property = await vbox('guestproperty', 'get', name, '/VirtualBox/GuestInfo/Net/0/V4/IP');
        const ip = /^Value: (\S+)$/m.exec(property)?.[1];
        assert.ok(ip, `the IP property is set (got ${JSON.stringify(property)})`);
        const own = await guest.ssh('ip -4 -o addr show dev eth0');
        assert.ok(own.includes(` ${ip}/`), `the guest's eth0 has ${ip}: ${own}`);
    });

    const guestControl = (...args: string[]) =>
        runGuestControl(testEnv.vbox.executable, testEnv.vbox.userHome ? { VBOX_USER_HOME: testEnv.vbox.userHome } : {}, [
            name, ...args.slice(0, 1), '--username', guest.files.credentials.user.user, '--passwordfile', guest.passwordFile(), ...args.slice(1),
        ]);

    it('runs a command through Guest Control as the user, its output on stdout; SSH reads what it wrote', async () => {
        // VirtualBox 7.2 gives the program its --exe path as argv[0]; what follows `--` comes after it.
        const { stdout } = await guestControl('run', '--exe', '/bin/sh', '--wait-stdout', '--', '-c',
            'id -un > /tmp/gc-ran; cat /tmp/smoke-token >> /tmp/gc-ran; cat /tmp/gc-ran');
        const expected = [guest.files.credentials.user.user, token];
        assert.deepEqual(stdout.trim().split('\n'), expected, 'its stdout');
        assert.deepEqual((await guest.ssh('cat /tmp/gc-ran')).trim().split('\n'), expected, 'the file it wrote');
    });

    it('copies a file out of the guest through Guest Control: the one SSH wrote', async () => {
        const target = join(testEnv.vbox.dataDir, `${name}-token`);
        try {
            await guestControl('copyfrom', '/tmp/smoke-token', target);
            assert.equal(readFileSync(target, 'utf8').trim(), token);
        } finally {
            rmSync(target, { force: true });
        }
    });

    it('powers off when its ACPI power button is pressed', async () => {
        await vbox('controlvm', name, 'acpipowerbutton');
        const deadline = Date.now() + 120_000;
        let state = '';
        while (Date.now() < deadline) {
            state = (await machine(name)).get('VMState') ?? '';
            if (state === 'poweroff') break;
            await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        assert.equal(state, 'poweroff');
        assert.ok(!(await vbox('list', 'runningvms')).includes(uuid), 'no longer listed as running');
    });

    it('is deleted with its files, and the golden guest it came from stays whole', async () => {
        await powerOffAndWait(uuid);
        await vbox('unregistervm', name, '--delete');
        assert.ok(!(await vbox('list', 'vms')).includes(uuid), 'no longer registered');
        assert.ok(existsSync(join(guest.files.dir, 'guest.iso')), 'the shared boot image is kept');
        assert.match(await vbox('snapshot', GOLDEN_GUEST_VM, 'list', '--machinereadable'), new RegExp(`^SnapshotName="${GOLDEN_GUEST_SNAPSHOT}"$`, 'm'));
    });
});
