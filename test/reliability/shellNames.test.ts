// Loads this spec as an ES module, like the runner (see test/integration/operations/vmRunning.test.ts).
import '../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createNetwork } from '../../src/operations/network/createNetwork';
import { deleteNetwork } from '../../src/operations/network/deleteNetwork';
import { portForwarding } from '../../src/operations/network/portForwarding';
import { runOperation } from '../../src/operations/operation';
import { listNatNetworks } from '../../src/operations/shared/networkQuery';
import { createSnapshot } from '../../src/operations/snapshot/createSnapshot';
import { listSnapshots } from '../../src/operations/snapshot/listSnapshots';
import { addDisk } from '../../src/operations/storage/addDisk';
import { listDisks } from '../../src/operations/storage/listDisks';
import { getVmConfig } from '../../src/operations/vm/config';
import { createVm } from '../../src/operations/vm/createVm';
import { deleteVm } from '../../src/operations/vm/deleteVm';
import { listVms } from '../../src/operations/vm/listVms';
import { listVmsCommand } from '../../src/operations/vm/vmQueries';
import { VirtualBoxSettingsFiles } from '../../src/vbox/settingsFiles/settingsFiles';
import { nodeUserHome } from '../../src/vbox/settingsFiles/userHome';
import { quietly } from '../integration/support/independentReads';
import { testEnv } from '../integration/support/testEnv';
import { countingContext } from './support/rejections';
import { atEnd } from './support/sharedVms';
import { observed } from './support/tally';

/**
 * Names full of shell characters are names, nothing more: each is created through the operations, read back through
 * every parser that shows it (list_vms from the settings files, `list vms`, get_vm_config (showvminfo), list_snapshots,
 * port-forwarding rules, list_disks, the NAT network list) exactly as given, and the commands hidden in them never ran.
 */
describe('(reliability) names with shell characters are created literally and read back', function () {
    const marker = () => join(testEnv.vbox.dataDir, 'reliability-injected');
    const suffix = testEnv.uniqueName('').slice('itest-'.length);
    // Three VMs, each name carrying several kinds of trouble (every VM costs some seconds on a busy emulating testbed).
    const names = () => [
        `it's "quoted" back\\slash; semi && echo x | pipe > redirect * ${suffix}`,
        `$(touch ${marker()}) \`touch ${marker()}\` ${suffix}`,
        `ünïcödé 🎉 中文 ${suffix}`,
    ];

    const readBack = (name: string, ok: boolean) => observed.roundTrips.push({ name, passed: ok });

    it('VMs, snapshots, rules, disks and NAT networks keep their names through the parsers', async function () {
        this.timeout(300_000);
        const { ctx } = countingContext();
        const files = { ...ctx, settingsFiles: new VirtualBoxSettingsFiles(nodeUserHome) };
        const folder = join(testEnv.vbox.dataDir, 'reliability-names');
        mkdirSync(folder, { recursive: true });
        for (const [i, name] of names().entries()) {
            atEnd(() => quietly('unregistervm', name, '--delete'));
            const created = await runOperation(createVm, ctx, { name, osType: 'Other', memoryMb: 32, cpus: 1, baseFolder: folder });
            const fromFiles = (await runOperation(listVms, files, {})).find((vm) => vm.uuid === created.uuid);
            const fromVBoxManage = (await ctx.vbox.run(listVmsCommand)).find((vm) => vm.uuid === created.uuid);
            const config = await runOperation(getVmConfig, ctx, { vm: name });
            assert.equal(fromFiles?.name, name, 'list_vms (settings files)');
            assert.equal(fromVBoxManage?.name, name, '`list vms`');
            assert.equal(config.general.name, name, 'get_vm_config by that name');
            readBack(`VM ${name}`, true);

            await runOperation(createSnapshot, ctx, { vm: created.uuid, name });
            const snapshots = await runOperation(listSnapshots, ctx, { vm: created.uuid });
            assert.deepEqual(snapshots.roots.map((snapshot) => snapshot.name), [name], 'list_snapshots');
            readBack(`snapshot ${name}`, true);

            // Rule names may not hold "," or ":" (VirtualBox's rule separators); every other character goes through.
            const rule = name.replace(/[,:]/g, '_').slice(0, 64);
            await runOperation(portForwarding, ctx, { vm: created.uuid, action: 'add', rule: { name: rule, hostPort: 44_000 + i, guestPort: 22 } });
            const rules = await runOperation(portForwarding, ctx, { vm: created.uuid, action: 'list' });
            assert.deepEqual(rules.rules.map((entry) => entry.name), [rule], 'port_forwarding list');
            readBack(`rule ${rule}`, true);

            // Disk file names may not hold path characters; the rest is the file's name, literally.
            const fileName = name.replace(/[/\\:*?"<>|]/g, '_');
            const disk = await runOperation(addDisk, ctx, { vm: created.uuid, disk: { kind: 'new', sizeMb: 4, fileName } });
            assert.ok(disk.path.endsWith(`${fileName}.vdi`) && existsSync(disk.path), disk.path);
            const attached = await runOperation(listDisks, ctx, { vm: created.uuid });
            assert.ok('attachments' in attached && attached.attachments.some((entry) => entry.location === disk.path), 'list_disks');
            readBack(`disk ${fileName}`, true);
        }
        for (const [i, name] of names().entries()) {
            atEnd(() => quietly('natnetwork', 'remove', '--netname', name));
            await runOperation(createNetwork, ctx, { kind: 'natnetwork', name, cidr: `10.${90 + i}.0.0/24` });
            assert.ok((await listNatNetworks(ctx)).some((network) => network.name === name), `NAT network ${name}`);
            readBack(`NAT network ${name}`, true);
            await runOperation(deleteNetwork, ctx, { kind: 'natnetwork', name });
        }
        assert.equal(existsSync(marker()), false, 'no command hidden in a name ran');
        for (const name of names()) await runOperation(deleteVm, ctx, { vm: name, deleteFiles: true });
        assert.equal(existsSync(marker()), false);
    });
});
