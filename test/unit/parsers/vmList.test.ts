import { strict as assert } from 'node:assert';
import { parseVmList } from '../../../src/vbox/parsers/vmList';
import { normalizeNewlines } from '../../../src/vbox/normalize';
import { fixtureName, fixtureOutput, loadFixture } from '../../support/fixtures';

describe('(unit) parsers/vmList', () => {
    it('reads odd names exactly: quotes, shell syntax, emoji, a newline, a tab', () => {
        const fixture = loadFixture('vm', 'list-vms');
        const vms = parseVmList(fixtureOutput(fixture).stdout);
        assert.deepEqual(
            vms.filter((vm) => vm.accessible).map((vm) => vm.name),
            [fixtureName(fixture, 'plain'), fixtureName(fixture, 'vm'), fixtureName(fixture, 'newlineName'), fixtureName(fixture, 'tabName')],
        );
        assert.ok(vms.every((vm) => /^[0-9a-f-]{36}$/.test(vm.uuid)));
        assert.equal(new Set(vms.map((vm) => vm.uuid)).size, vms.length);
    });

    it('marks the inaccessible VM', () => {
        const fixture = loadFixture('vm', 'list-vms');
        const inaccessible = parseVmList(fixtureOutput(fixture).stdout).filter((vm) => !vm.accessible);
        assert.deepEqual(inaccessible, [{ name: '<inaccessible>', uuid: fixtureName(fixture, 'inaccessibleUuid'), accessible: false }]);
    });

    it('lists running and paused VMs but not powered-off ones', () => {
        const fixture = loadFixture('vm', 'list-runningvms');
        const names = parseVmList(fixtureOutput(fixture).stdout).map((vm) => vm.name);
        assert.deepEqual(names.sort(), [fixtureName(fixture, 'vm'), fixtureName(fixture, 'paused')].sort());
        assert.ok(!names.includes(fixtureName(fixture, 'off')));
    });

    it('reads the output of the Linux wrapper once its driver banner is removed', () => {
        const fixture = loadFixture('vm', 'list-vms-wrapper');
        assert.ok(fixture.stdout.startsWith('WARNING: The character device /dev/vboxdrv'), 'the recorded stdout has the banner');
        assert.deepEqual(parseVmList(fixtureOutput(fixture).stdout).map((vm) => vm.name), [fixtureName(fixture, 'vm')]);
    });

    it('reads CRLF output the same once normalised (a CRLF copy of the recorded list, made here)', () => {
        const lf = fixtureOutput(loadFixture('vm', 'list-vms')).stdout;
        assert.deepEqual(parseVmList(normalizeNewlines(lf.replace(/\n/g, '\r\n'))), parseVmList(lf));
    });

    it('reads an empty list and refuses lines that are not VMs', () => {
        assert.deepEqual(parseVmList(''), []);
        assert.deepEqual(parseVmList('\n'), []);
        assert.throws(() => parseVmList('"vm" {not-a-uuid}\n'), /unexpected/);
    });
});
