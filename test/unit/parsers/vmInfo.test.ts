import { strict as assert } from 'node:assert';
import { VM_STATES, parsePortForwardRule, parseVmInfo } from '../../../src/vbox/parsers/vmInfo';
import { INTNET_NAME, NAT_RULES, ODD_CONTROLLER, SNAPSHOTS } from '../../../scripts/fixtures/recipes/vm';
import { fixtureName, fixtureOutput, loadFixture } from '../../support/fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function vmInfo(name: string) {
    const fixture = loadFixture('vm', name);
    return { fixture, info: parseVmInfo(fixtureOutput(fixture).stdout) };
}

describe('(unit) parsers/vmInfo', () => {
    it('reads a fresh VM', () => {
        const { fixture, info } = vmInfo('showvminfo-fresh');
        assert.equal(info.name, fixtureName(fixture, 'vm'));
        assert.match(info.uuid, UUID);
        assert.equal(info.accessible, true);
        assert.equal(info.state, 'poweroff');
        assert.match(info.stateChangeTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}$/);
        assert.deepEqual(info.groups, ['/']);
        assert.equal(info.osTypeDescription, 'Other/Unknown');
        assert.ok(info.cfgFile.endsWith(`/${info.name}.vbox`));
        assert.equal(info.description, '');
        assert.ok(info.memoryMb > 0 && info.cpus === 1 && info.vramMb > 0, JSON.stringify(info));
        assert.equal(info.firmware, 'BIOS');
        assert.equal(info.chipset, 'piix3');
        assert.deepEqual(info.bootOrder, ['floppy', 'dvd', 'disk', 'none']);
        assert.deepEqual(info.storageControllers, []);
        assert.deepEqual(
            info.nics.map((n) => [n.slot, n.attachment]),
            [1, 2, 3, 4, 5, 6, 7, 8].map((slot) => [slot, 'none']),
        );
        assert.equal(info.snapshotCount, 0);
        assert.equal(info.sessionName, undefined);
        assert.equal(info.stateFile, undefined);
        assert.equal(info.raw.UUID, info.uuid);
    });

    it('gives back an odd name, its groups and a multi-line description exactly', () => {
        const { fixture, info } = vmInfo('showvminfo-odd-name');
        assert.equal(info.name, fixtureName(fixture, 'vm'));
        assert.equal(info.description, fixtureName(fixture, 'description'));
        assert.deepEqual(info.groups, ['/fx', '/fx odd/sub dir']);
        assert.equal(info.memoryMb, Number(info.raw.memory));
    });

    it('reads a name with a newline and a tab', () => {
        const { fixture, info } = vmInfo('showvminfo-newline-name');
        assert.equal(info.name, fixtureName(fixture, 'vm'));
    });

    it('reads storage controllers and their attachments, empty slots left out', () => {
        const { fixture, info } = vmInfo('showvminfo-hardware');
        const byName = Object.fromEntries(info.storageControllers.map((c) => [c.name, c]));
        assert.deepEqual(Object.keys(byName), ['SATA', 'IDE', ODD_CONTROLLER]);
        const sata = byName.SATA;
        assert.equal(sata.type, 'IntelAhci');
        assert.equal(sata.portCount, 2);
        assert.equal(sata.maxPortCount, 30);
        assert.equal(sata.bootable, true);
        assert.equal(sata.attachments.length, 1);
        assert.deepEqual({ ...sata.attachments[0], imageUuid: undefined }, { port: 0, device: 0, medium: fixtureName(fixture, 'disk'), imageUuid: undefined });
        assert.match(sata.attachments[0].imageUuid ?? '', UUID);
        assert.deepEqual(byName.IDE.attachments, [{ port: 1, device: 0, medium: 'emptydrive', imageUuid: undefined }]);
        const odd = byName[ODD_CONTROLLER];
        assert.equal(odd.type, 'LsiLogicSas');
        assert.equal(odd.bootable, false);
        assert.equal(odd.attachments[0].medium, fixtureName(fixture, 'disk2'));
    });

    it('reads NICs: NAT with its forwarding rules, intnet, NAT network, and the disabled slots', () => {
        const { fixture, info } = vmInfo('showvminfo-hardware');
        const [nat, intnet, natNetwork, ...rest] = info.nics;
        assert.equal(nat.attachment, 'nat');
        assert.equal(nat.macAddress, '080027ABCDEF');
        assert.equal(nat.cableConnected, true);
        assert.deepEqual(nat.forwarding, NAT_RULES.map(parsePortForwardRule));
        assert.deepEqual(nat.forwarding[1], { name: 'web "8080"', protocol: 'udp', hostIp: '127.0.0.1', hostPort: 8080, guestIp: '10.0.2.15', guestPort: 80 });
        assert.equal(intnet.attachment, 'intnet');
        assert.equal(intnet.internalNetwork, INTNET_NAME);
        assert.equal(intnet.nicType, 'virtio');
        assert.equal(intnet.cableConnected, false);
        assert.deepEqual(intnet.forwarding, []);
        assert.equal(natNetwork.attachment, 'natnetwork');
        assert.equal(natNetwork.natNetwork, fixtureName(fixture, 'natNetwork'));
        assert.deepEqual(rest.map((n) => n.attachment), ['none', 'none', 'none', 'none', 'none']);
        assert.equal(rest[0].slot, 4);
        assert.equal(rest[0].macAddress, undefined);
    });

    it('reads memory, CPUs, video memory, graphics and boot order', () => {
        const { info } = vmInfo('showvminfo-hardware');
        assert.equal(info.memoryMb, 256);
        assert.equal(info.cpus, 2);
        assert.equal(info.vramMb, 16);
        assert.equal(info.graphicsController, 'vmsvga');
        assert.deepEqual(info.bootOrder, ['disk', 'dvd', 'net', 'none']);
        assert.deepEqual(info.groups, ['/fx/hw', '/fx/other']);
    });

    it('reads the running, paused and saved states', () => {
        const running = vmInfo('showvminfo-running').info;
        assert.equal(running.state, 'running');
        assert.ok(running.sessionName, 'a running VM has a session');
        assert.deepEqual(running.nics[0].forwarding, [parsePortForwardRule(NAT_RULES[0])]);
        assert.equal(vmInfo('showvminfo-paused').info.state, 'paused');
        const saved = vmInfo('showvminfo-saved').info;
        assert.equal(saved.state, 'saved');
        assert.match(saved.stateFile ?? '', /\.sav$/);
    });

    it('counts snapshots and names the current one', () => {
        const { info } = vmInfo('showvminfo-snapshots');
        assert.equal(info.snapshotCount, 4);
        assert.equal(info.currentSnapshotName, SNAPSHOTS.child1);
        assert.match(info.currentSnapshotUuid ?? '', UUID);
        assert.equal(info.raw['SnapshotDescription'], SNAPSHOTS.rootDescription);
    });

    it('marks an inaccessible VM (hand-written: VirtualBox 7.2 refuses showvminfo for it, older versions print this)', () => {
        // The two lines VBoxManageInfo.cpp prints for an inaccessible machine; 7.2 fails instead (errors/showvminfo-inaccessible).
        const info = parseVmInfo('name="<inaccessible>"\nUUID="71f8b3c4-1e80-4dad-b115-3c1174da40de"\n');
        assert.equal(info.accessible, false);
        assert.equal(info.state, 'unknown');
        assert.deepEqual(info.nics, []);
    });

    it('maps a state it does not know to unknown and refuses output without a name', () => {
        const text = fixtureOutput(loadFixture('vm', 'showvminfo-fresh')).stdout;
        assert.equal(parseVmInfo(text.replace(/^VMState=".*"$/m, 'VMState="exploded"')).state, 'unknown');
        assert.throws(() => parseVmInfo(text.replace(/^name=.*$/m, '')), /name/);
    });

    it('knows every short state name', () => {
        assert.equal(VM_STATES.length, 23);
        assert.ok(VM_STATES.includes('aborted-saved') && VM_STATES.includes('deletingsnapshotlivepaused'));
    });
});

describe('(unit) parsers/vmInfo parsePortForwardRule', () => {
    it('reads all six fields, empty addresses kept empty', () => {
        assert.deepEqual(parsePortForwardRule('ssh,tcp,,2222,,22'), { name: 'ssh', protocol: 'tcp', hostIp: '', hostPort: 2222, guestIp: '', guestPort: 22 });
    });

    it('refuses a rule with missing fields, an unknown protocol or a bad port', () => {
        assert.throws(() => parsePortForwardRule('ssh,tcp,,2222,22'));
        assert.throws(() => parsePortForwardRule('ssh,sctp,,2222,,22'));
        assert.throws(() => parsePortForwardRule('ssh,tcp,,70000,,22'));
        assert.throws(() => parsePortForwardRule('ssh,tcp,,x,,22'));
    });
});
