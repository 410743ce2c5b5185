import { strict as assert } from 'node:assert';
import { parseMachineReadable, parseMachineReadableEntries } from '../../../src/vbox/parsers/machineReadable';
import { normalizeNewlines } from '../../../src/vbox/normalize';
import { INTNET_NAME, NAT_RULES, ODD_CONTROLLER, SNAPSHOTS } from '../../../scripts/fixtures/recipes/vm';
import { fixtureName, fixtureOutput, listFixtures, loadFixture } from '../../support/fixtures';

const stdoutOf = (name: string) => fixtureOutput(loadFixture('vm', name)).stdout;

describe('(unit) parsers/machineReadable', () => {
    it('decodes escaped values and gives the odd name and the multi-line description back exactly', () => {
        const fixture = loadFixture('vm', 'showvminfo-odd-name');
        const map = parseMachineReadable(fixtureOutput(fixture).stdout);
        assert.equal(map.get('name'), fixtureName(fixture, 'vm'));
        assert.equal(map.get('description'), fixtureName(fixture, 'description'));
        assert.ok(map.get('CfgFile')?.endsWith(`/${fixtureName(fixture, 'vm')}.vbox`), map.get('CfgFile'));
    });

    it('does not take lines inside a multi-line value for keys', () => {
        const map = parseMachineReadable(stdoutOf('showvminfo-odd-name'));
        // The description holds the lines `memory=4096` and `key="v" end`.
        assert.equal(map.get('memory'), '1024');
        assert.equal(map.has('key'), false);
        assert.equal(map.get('GuestMemoryBalloon'), '0', 'the key after the description is read');
    });

    it('reads quoted, escaped keys of storage attachments', () => {
        const fixture = loadFixture('vm', 'showvminfo-hardware');
        const map = parseMachineReadable(fixtureOutput(fixture).stdout);
        assert.equal(map.get('SATA-0-0'), fixtureName(fixture, 'disk'));
        assert.equal(map.get(`${ODD_CONTROLLER}-0-0`), fixtureName(fixture, 'disk2'));
        assert.match(map.get(`${ODD_CONTROLLER}-ImageUUID-0-0`) ?? '', /^[0-9a-f-]{36}$/);
        assert.equal(map.get('IDE-1-0'), 'emptydrive');
    });

    it('takes raw (unescaped) values between the first and the last quote', () => {
        const map = parseMachineReadable(stdoutOf('showvminfo-hardware'));
        assert.equal(map.get('intnet2'), INTNET_NAME);
        assert.equal(map.get('Forwarding(0)'), NAT_RULES[0]);
        assert.equal(map.get('Forwarding(1)'), NAT_RULES[1]);
        assert.equal(map.get('macaddress1'), '080027ABCDEF');
    });

    it('splits the glued cpuid lines and keeps the first of duplicate keys', () => {
        const text = stdoutOf('showvminfo-hardware');
        const entries = parseMachineReadableEntries(text);
        assert.deepEqual(
            entries.filter((e) => e.key === 'cpuid').map((e) => e.value),
            ['00000001,00000000,00000001,00000002,00000003,00000004', '80000001,00000000,00000011,00000012,00000013,00000014'],
        );
        const map = parseMachineReadable(text);
        assert.equal(map.get('cpuid'), '00000001,00000000,00000001,00000002,00000003,00000004');
        assert.equal(map.get('hwvirtex'), 'on', 'the key glued after the last cpuid is read');
    });

    it('skips bare lines and reads unquoted numbers, VRDEClients== and values with text after the quote', () => {
        const map = parseMachineReadable(stdoutOf('showvminfo-running'));
        assert.equal(map.get('memory'), '64');
        assert.equal(map.get('VRDEClients'), '0');
        assert.match(map.get('VideoMode') ?? '', /^"\d+,\d+,\d+"@\d+,\d+ \d+$/);
        assert.ok([...map.keys()].every((key) => !/^\s/.test(key)), 'no key from the bare ` rec_screen0` line');
    });

    it('reads raw multi-line snapshot descriptions that contain quotes and fake keys', () => {
        const map = parseMachineReadable(stdoutOf('snapshot-list'));
        assert.equal(map.get('SnapshotName'), SNAPSHOTS.root);
        assert.equal(map.get('SnapshotDescription'), SNAPSHOTS.rootDescription);
        assert.equal(map.get('SnapshotDescription-1'), SNAPSHOTS.child1Description);
        assert.equal(map.has('SnapshotName-9'), false);
        assert.equal(map.get('SnapshotName-1-1'), SNAPSHOTS.grandchild);
    });

    it('reads a name with a newline and a tab', () => {
        const fixture = loadFixture('vm', 'showvminfo-newline-name');
        assert.equal(parseMachineReadable(fixtureOutput(fixture).stdout).get('name'), fixtureName(fixture, 'vm'));
    });

    it('parses Windows (CRLF) output the same once normalised (a CRLF copy of each recorded showvminfo, made here)', () => {
        for (const name of listFixtures('vm').filter((n) => n.startsWith('showvminfo-'))) {
            const lf = stdoutOf(name);
            const crlf = lf.replace(/\n/g, '\r\n');
            assert.deepEqual(parseMachineReadable(normalizeNewlines(crlf)), parseMachineReadable(lf), name);
        }
    });

    it('finds name and UUID in every recorded showvminfo', () => {
        for (const name of listFixtures('vm').filter((n) => n.startsWith('showvminfo-'))) {
            const map = parseMachineReadable(stdoutOf(name));
            assert.match(map.get('UUID') ?? '', /^[0-9a-f-]{36}$/, name);
            assert.ok(map.get('name'), name);
        }
    });
});
