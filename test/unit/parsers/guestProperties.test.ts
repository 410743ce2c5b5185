import { strict as assert } from 'node:assert';
import { parseGuestProperties } from '../../../src/vbox/parsers/guestProperties';
import { normalizeNewlines } from '../../../src/vbox/normalize';
import { fixtureName, fixtureOutput, loadFixture } from '../../support/fixtures';

describe('(unit) parsers/guestProperties', () => {
    const fixture = loadFixture('vm', 'guestproperty-enumerate');
    const properties = parseGuestProperties(fixtureOutput(fixture).stdout);
    const byName = new Map(properties.map((p) => [p.name, p]));

    it('reads every property of a running VM with its time and flags', () => {
        assert.ok(properties.length >= 3, JSON.stringify(properties));
        assert.ok(properties.every((p) => p.name.startsWith('/') && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(p.timestamp ?? '')));
        const version = byName.get('/VirtualBox/HostInfo/VBoxVer');
        assert.ok(version && fixture.vboxVersion.startsWith(version.value), JSON.stringify(version));
        assert.deepEqual(version.flags, ['TRANSIENT', 'RDONLYGUEST']);
    });

    it('gives back a value with quotes, a fake timestamp and a newline, under a name with a space', () => {
        const odd = byName.get('/fx/odd name');
        assert.equal(odd?.value, fixtureName(fixture, 'oddValue'));
        assert.deepEqual(odd.flags, ['TRANSIENT', 'RDONLYGUEST']);
    });

    it('reads an empty value without flags', () => {
        assert.deepEqual({ ...byName.get('/fx/empty'), timestamp: undefined }, { name: '/fx/empty', value: '', timestamp: undefined, flags: [] });
    });

    it('reads CRLF output the same once normalised (a CRLF copy of the recorded output, made here)', () => {
        const lf = fixtureOutput(fixture).stdout;
        assert.deepEqual(parseGuestProperties(normalizeNewlines(lf.replace(/\n/g, '\r\n'))), properties);
    });

    it('reads "No properties found." as none', () => {
        assert.deepEqual(parseGuestProperties(fixtureOutput(loadFixture('vm', 'guestproperty-enumerate-none')).stdout), []);
    });

    it('reads the --old-format output', () => {
        const old = parseGuestProperties(fixtureOutput(loadFixture('vm', 'guestproperty-enumerate-old-format')).stdout);
        assert.deepEqual(
            old.map((p) => ({ ...p, timestamp: /^\d+$/.test(p.timestamp ?? '') })),
            [
                { name: '/fx/one', value: 'value, with: commas', timestamp: true, flags: ['READONLY'] },
                { name: '/fx/two', value: '', timestamp: true, flags: [] },
            ],
        );
    });

    it('refuses an entry that never ends', () => {
        assert.throws(() => parseGuestProperties("/a = 'b\n"), /unterminated/);
    });
});
