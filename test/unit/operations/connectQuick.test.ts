import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { getVmSshEndpoint, waitForSsh } from '../../../src/operations/connect/sshAccess';
import { runOperation } from '../../../src/operations/operation';
import { isVBoxError } from '../../../src/vbox/errors';
import type { HostNetwork } from '../../../src/vbox/hostNetwork';
import { parseMachineNics } from '../../../src/vbox/settingsFiles/machineDetails';
import { VirtualBoxSettingsFiles } from '../../../src/vbox/settingsFiles/settingsFiles';
import { replayVBoxManage, unitContext } from './support/replayVBoxManage';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'settings-files');
/** Recorded while the VM ran, right after `controlvm natpf1 ssh,tcp,127.0.0.1,2299,,22` (see the fixtures' README). */
const RUNNING_WITH_FORWARD = 'machine-running-forward.vbox';
const PORT = 2299;

/** A host network that answers every connection with `line` and notes where it connected. */
function answering(line: string | undefined): HostNetwork & { connects: string[] } {
    const connects: string[] = [];
    return {
        connects,
        isTcpPortFree: async () => true,
        async readFirstLine(address, port) {
            connects.push(`${address}:${port}`);
            return line;
        },
    };
}

// Open SSH Terminal on a running guest looks first at the NAT forwards in the VM's settings file: nothing spawned.
describe('(unit) connect: the quick way in, from the settings file of a running VM', () => {
    let home: string;
    let vboxFile: string;
    let name: string;

    beforeEach(() => {
        home = mkdtempSync(path.join(tmpdir(), 'vbox-connect-'));
        vboxFile = path.join(home, 'vm', 'vm.vbox');
        mkdirSync(path.join(home, 'vm', 'Logs'), { recursive: true });
        copyFileSync(path.join(FIXTURES, RUNNING_WITH_FORWARD), vboxFile);
        const text = readFileSync(vboxFile, 'utf8');
        const uuid = /<Machine uuid="\{([0-9a-f-]+)\}"/.exec(text)?.[1];
        name = /<Machine [^>]*name="([^"]+)"/.exec(text)?.[1] ?? '';
        assert.ok(uuid && name, 'the fixture names its machine');
        const registry = readFileSync(path.join(FIXTURES, 'VirtualBox.xml'), 'utf8').replace(
            /<MachineRegistry>[\s\S]*<\/MachineRegistry>/,
            `<MachineRegistry><MachineEntry uuid="{${uuid}}" src="${vboxFile}"/></MachineRegistry>`,
        );
        writeFileSync(path.join(home, 'VirtualBox.xml'), registry);
        // The log of a VM process that runs: the files cannot tell its state.
        copyFileSync(path.join(FIXTURES, 'VBox-running.log'), path.join(home, 'vm', 'Logs', 'VBox.log'));
    });

    afterEach(() => rmSync(home, { recursive: true, force: true }));

    it("reads the forward a running VM's file has", () => {
        const nics = parseMachineNics(readFileSync(vboxFile, 'utf8'));
        assert.equal(nics[0]?.attachment, 'nat');
        assert.deepEqual(nics[0]?.forwarding, [{ name: 'ssh', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: PORT, guestIp: '', guestPort: 22 }]);
    });

    it('get_vm_ssh_endpoint quick: the forward, no state, no addresses, no VBoxManage call', async () => {
        const vbox = replayVBoxManage();
        const ctx = { ...unitContext(vbox), settingsFiles: new VirtualBoxSettingsFiles(home) };
        const found = await runOperation(getVmSshEndpoint, ctx, { vm: name, quick: true });
        assert.deepEqual(
            found.endpoints.map(({ host, port, source }) => ({ host, port, source })),
            [{ host: '127.0.0.1', port: PORT, source: 'nat-forward' }],
        );
        assert.equal(found.state, undefined);
        assert.deepEqual(found.addresses, []);
        assert.deepEqual(vbox.calls, []);
    });

    it('wait_for_ssh: the forward in the file answers with SSH, and nothing is spawned', async () => {
        const vbox = replayVBoxManage();
        const network = answering('SSH-2.0-dropbear_2025.88');
        const ctx = { ...unitContext(vbox), settingsFiles: new VirtualBoxSettingsFiles(home), hostNetwork: network };
        const waited = await runOperation(waitForSsh, ctx, { vm: name, timeoutSeconds: 5 });
        assert.equal(waited.banner, 'SSH-2.0-dropbear_2025.88');
        assert.equal(waited.endpoint.port, PORT);
        assert.deepEqual(network.connects, [`127.0.0.1:${PORT}`]);
        assert.deepEqual(vbox.calls, []);
    });

    it('wait_for_ssh: a paused VM (its log says so) is not tried through the file; VirtualBox is asked and it is refused', async () => {
        copyFileSync(path.join(FIXTURES, 'VBox-paused.log'), path.join(home, 'vm', 'Logs', 'VBox.log'));
        const vbox = replayVBoxManage([['showvminfo', 'vm/showvminfo-paused']]);
        const network = answering(undefined);
        const ctx = { ...unitContext(vbox), settingsFiles: new VirtualBoxSettingsFiles(home), hostNetwork: network };
        await assert.rejects(runOperation(waitForSsh, ctx, { vm: name, timeoutSeconds: 5 }), (error) => isVBoxError(error, 'INVALID_VM_STATE'));
        assert.deepEqual(network.connects, []);
        assert.deepEqual(vbox.calls.map((call) => call[0]), ['showvminfo']);
    });

    it('wait_for_ssh: a VM whose files say it is at rest is refused without a connection', async () => {
        copyFileSync(path.join(FIXTURES, 'VBox-saved.log'), path.join(home, 'vm', 'Logs', 'VBox.log'));
        const vbox = replayVBoxManage();
        const network = answering('SSH-2.0-somebody-else');
        const ctx = { ...unitContext(vbox), settingsFiles: new VirtualBoxSettingsFiles(home), hostNetwork: network };
        await assert.rejects(runOperation(waitForSsh, ctx, { vm: name, timeoutSeconds: 5 }), (error) => isVBoxError(error, 'INVALID_VM_STATE'));
        assert.deepEqual(network.connects, []);
    });
});
