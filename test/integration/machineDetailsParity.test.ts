import { strict as assert } from 'node:assert';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallCounter, VirtualBoxLab } from '../../scripts/bench/lab';
import { runOperation } from '../../src/operations/operation';
import { vmInfoFromFiles } from '../../src/operations/shared/vmFromFiles';
import { getVmConfig } from '../../src/operations/vm/config';
import { parseVmInfo, type VmInfo } from '../../src/vbox/parsers/vmInfo';
import { testEnv } from './support/testEnv';

/** The fields both readings must agree on: everything but showvminfo's raw map and what only a session knows. */
function comparable(info: VmInfo): unknown {
    const rest: Partial<VmInfo> = { ...info };
    delete rest.raw;
    delete rest.stateChangeTime;
    delete rest.sessionName;
    return JSON.parse(JSON.stringify(rest));
}

/**
 * A powered-off VM's configuration read from its .vbox (no session lock) against showvminfo of the same VM, for VMs
 * that use what the views show: every kind of network attachment, port-forwarding rules, cable and adapter type,
 * storage on several buses with a disk, an empty DVD and an empty floppy, snapshots, a description, groups, boot
 * order, firmware, graphics, and a saved state. The VMs live in a VirtualBox home and VBoxSVC of their own.
 */
describe('(integration) machine details from settings files equal showvminfo', function () {
    this.timeout(600_000);
    const prefix = testEnv.uniqueName('details');
    let lab: VirtualBoxLab;
    const vms: string[] = [];

    const create = async (label: string, ostype: string, ...modify: string[]) => {
        const name = `${prefix}-${label}`;
        const created = await lab.vbox('createvm', '--name', name, '--ostype', ostype, '--register', '--basefolder', lab.machineFolder);
        const uuid = /UUID: ([0-9a-f-]{36})/.exec(created)?.[1];
        assert.ok(uuid, created);
        vms.push(uuid);
        if (modify.length > 0) await lab.vbox('modifyvm', uuid, ...modify);
        return uuid;
    };

    before(async function () {
        lab = new VirtualBoxLab(testEnv.vbox.executable, join(testEnv.vbox.dataDir, prefix), prefix);
    });

    after(async function () {
        if (!lab) return;
        for (const uuid of vms) {
            await lab.vbox('controlvm', uuid, 'poweroff').catch(() => undefined);
            await lab.vbox('discardstate', uuid).catch(() => undefined);
            for (let attempt = 0; attempt < 40; attempt++) {
                if (await lab.vbox('unregistervm', uuid, '--delete').then(() => true, () => false)) break;
                await sleep(500);
            }
        }
        await lab.waitForServiceExit().catch(() => undefined);
        await rm(lab.folder, { recursive: true, force: true });
    });

    async function assertSame(uuid: string): Promise<VmInfo> {
        const files = await vmInfoFromFiles(lab.context(new CallCounter()), uuid);
        assert.ok(files, `the settings files of ${uuid} could not tell its configuration`);
        const vbox = parseVmInfo(await lab.vbox('showvminfo', uuid, '--machinereadable'));
        assert.deepEqual(comparable(files), comparable(vbox));
        return files;
    }

    it('a VM as createvm leaves it (VirtualBox\'s defaults, left out of the file)', async () => {
        const uuid = await create('bare', 'Other');
        const info = await assertSame(uuid);
        assert.equal(info.nics[0].attachment, 'nat');
        assert.equal(info.graphicsController, 'vboxvga');
    });

    it('a VM with every network attachment, storage on four buses, snapshots and an odd description', async () => {
        const uuid = await create(
            'rich',
            'Ubuntu_64',
            ...['--memory', '96', '--cpus', '2', '--vram', '16', '--graphicscontroller', 'vmsvga', '--firmware', 'efi'],
            ...['--description', 'two\nlines & <tags> "quoted"', '--groups', '/lab/a', '--boot1', 'disk', '--boot2', 'net', '--boot3', 'dvd', '--boot4', 'none'],
            ...['--nic1', 'nat', '--natpf1', 'ssh,tcp,127.0.0.1,2222,,22', '--natpf1', 'dns,udp,,5353,10.0.2.15,53'],
            ...['--nic2', 'intnet', '--intnet2', 'labnet', '--cableconnected2', 'off', '--nictype2', '82545EM'],
            ...['--nic3', 'bridged', '--bridgeadapter3', 'eth9'],
            ...['--nic4', 'hostonly', '--hostonlyadapter4', 'vboxnet9'],
            ...['--nic5', 'natnetwork', '--nat-network5', 'labnat'],
            ...['--nic6', 'null', '--nic7', 'generic', '--nicgenericdrv7', 'UDPTunnel'],
        );
        const folder = join(lab.machineFolder, `${prefix}-rich`);
        await lab.vbox('storagectl', uuid, '--name', 'SATA', '--add', 'sata', '--portcount', '3');
        await lab.vbox('storagectl', uuid, '--name', 'IDE', '--add', 'ide');
        await lab.vbox('storagectl', uuid, '--name', 'Floppy', '--add', 'floppy');
        await lab.vbox('storagectl', uuid, '--name', 'SCSI', '--add', 'scsi', '--bootable', 'off');
        await lab.vbox('createmedium', 'disk', '--filename', join(folder, 'data.vdi'), '--size', '8');
        await lab.vbox('storageattach', uuid, '--storagectl', 'SATA', '--port', '2', '--device', '0', '--type', 'hdd', '--medium', join(folder, 'data.vdi'));
        await lab.vbox('storageattach', uuid, '--storagectl', 'IDE', '--port', '1', '--device', '0', '--type', 'dvddrive', '--medium', 'emptydrive');
        await lab.vbox('storageattach', uuid, '--storagectl', 'Floppy', '--port', '0', '--device', '0', '--type', 'fdd', '--medium', 'emptydrive');
        await lab.vbox('snapshot', uuid, 'take', 'first');
        await lab.vbox('snapshot', uuid, 'take', 'second');
        await lab.vbox('snapshot', uuid, 'restore', 'first');
        const info = await assertSame(uuid);
        assert.deepEqual(
            info.nics.map((nic) => nic.attachment),
            ['nat', 'intnet', 'bridged', 'hostonly', 'natnetwork', 'null', 'generic', 'none'],
        );
        assert.equal(info.snapshotCount, 2);
        assert.equal(info.currentSnapshotName, 'first');
        assert.equal(info.nics[0].forwarding.length, 2);
    });

    it('a VM with shared folders, and a global shared folder of its home', async () => {
        const uuid = await create('shared', 'Other');
        const hostDir = (name: string) => join(lab.folder, `${prefix}-share`, name);
        for (const name of ['docs', 'ro', 'everyone']) await mkdir(hostDir(name), { recursive: true });
        await lab.vbox('sharedfolder', 'add', uuid, '--name=docs', `--hostpath=${hostDir('docs')}`);
        await lab.vbox('sharedfolder', 'add', uuid, '--name=ro', `--hostpath=${hostDir('ro')}`, '--readonly', '--automount', '--auto-mount-point=/mnt/ro');
        await lab.vbox('sharedfolder', 'add', 'global', '--name=everyone', `--hostpath=${hostDir('everyone')}`);
        try {
            const info = await assertSame(uuid);
            assert.deepEqual(
                info.sharedFolders.map((folder) => [folder.name, folder.global]),
                [
                    ['docs', false],
                    ['ro', false],
                    ['everyone', true],
                ],
            );
        } finally {
            await lab.vbox('sharedfolder', 'remove', 'global', '--name=everyone').catch(() => undefined);
        }
    });

    it('a VM with a saved state', async () => {
        const uuid = await create('saved', 'Other', '--memory', '64', '--vram', '16', '--cpu-execution-cap', '25');
        await lab.vbox('startvm', uuid, '--type', 'headless');
        await lab.vbox('controlvm', uuid, 'savestate');
        const info = await assertSame(uuid);
        assert.equal(info.state, 'saved');
        assert.ok(info.stateFile, 'no saved-state file');
    });

    it('get_vm_config of a powered-off VM runs no VBoxManage at all', async () => {
        const uuid = vms[0];
        const counter = new CallCounter();
        const config = await runOperation(getVmConfig, lab.context(counter), { vm: uuid });
        assert.equal(config.general.uuid, uuid);
        assert.equal(counter.count, 0, `get_vm_config ran ${counter.count} VBoxManage call(s)`);
    });
});
