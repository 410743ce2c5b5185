import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureFile } from '../../../scripts/fixtures/recipe';
import { normalizeNewlines, stripWrapperBanner } from '../../../src/vbox/normalize';
import { parseOsTypes } from '../../../src/vbox/parsers/osTypes';

// Until test/support/fixtures.ts lands: the recorded call, stdout normalised as the runner does.
function loadFixture(name: string): FixtureFile {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'vboxmanage', 'lists', `${name}.json`), 'utf8')) as FixtureFile;
    return { ...file, stdout: stripWrapperBanner(normalizeNewlines(file.stdout)).text };
}

describe('(unit) parseOsTypes', () => {
    const short = loadFixture('ostypes').stdout;
    const long = loadFixture('ostypes-long').stdout;

    it('reads every OS type of the 7.1+ short form', () => {
        const types = parseOsTypes(short);
        assert.equal(types.length, short.match(/^ID \/ Description:/gm)?.length);
        assert.ok(types.length > 100);
        assert.equal(new Set(types.map((t) => t.id)).size, types.length, 'ids are unique');
        const ubuntu = types.find((t) => t.id === 'Ubuntu_64');
        assert.deepEqual(ubuntu, {
            id: 'Ubuntu_64', description: 'Ubuntu (64-bit)', familyId: 'Linux', familyDescription: 'Linux', subtype: 'Ubuntu',
            architecture: 'x86', is64Bit: true,
        });
        const windows = types.filter((t) => t.familyId === 'Windows');
        assert.ok(windows.length > 0 && windows.every((t) => t.subtype === undefined && t.familyDescription === 'Microsoft Windows'));
        assert.ok(types.some((t) => t.subtype === 'Other Linux'), 'a subtype with a space');
        assert.ok(types.some((t) => t.familyDescription === 'IBM OS/2'), 'a family description with a slash');
        assert.ok(types.some((t) => t.architecture === 'ARMv8' && t.is64Bit));
        assert.ok(types.some((t) => t.architecture === 'x86' && !t.is64Bit));
    });

    it('reads the long form to exactly the same result as the short form', () => {
        assert.deepEqual(parseOsTypes(long), parseOsTypes(short));
    });

    it('reads the filtered list (--platform-arch arm): only ARM types, the same as in the full list', () => {
        const arm = parseOsTypes(loadFixture('ostypes-arm').stdout);
        assert.ok(arm.length > 0);
        assert.ok(arm.every((t) => t.architecture === 'ARMv8'));
        assert.deepEqual(arm, parseOsTypes(short).filter((t) => t.architecture === 'ARMv8'));
    });

    it('reads the 7.0 default shape (long labels, no Architecture and no OS Subtype lines) as x86', () => {
        const seventyZero = long.split('\n').filter((line) => !/^(Architecture|OS Subtype):/.test(line)).join('\n');
        const types = parseOsTypes(seventyZero);
        assert.equal(types.length, parseOsTypes(long).length);
        assert.ok(types.every((t) => t.architecture === 'x86' && t.subtype === undefined));
        assert.equal(types.find((t) => t.id === 'Ubuntu_64')?.is64Bit, true);
    });

    it('rejects translated labels and incomplete records', () => {
        assert.throws(() => parseOsTypes(short.replace('Family:', 'Familie:')), /Unexpected line.*Familie/);
        assert.throws(() => parseOsTypes(long.replace(/^64 bit:.*\n/m, '')), /no "64 bit:" line/);
        assert.throws(() => parseOsTypes(long.replace(/^64 bit:( +)true/m, '64 bit:$1vrai')), /64 bit: vrai/);
    });
});
