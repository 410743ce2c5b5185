import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureFile } from '../../../scripts/fixtures/recipe';
import { normalizeNewlines, stripWrapperBanner } from '../../../src/vbox/normalize';
import { parseSystemProperties } from '../../../src/vbox/parsers/systemProperties';

// Until test/support/fixtures.ts lands: the recorded call, stdout normalised as the runner does.
function loadFixture(name: string): FixtureFile {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'vboxmanage', 'lists', `${name}.json`), 'utf8')) as FixtureFile;
    return { ...file, stdout: stripWrapperBanner(normalizeNewlines(file.stdout)).text };
}

describe('(unit) parseSystemProperties', () => {
    const fixture = loadFixture('systemproperties');

    it('reads the guest RAM, video RAM and CPU limits of VirtualBox 7.2', () => {
        const props = parseSystemProperties(fixture.stdout);
        assert.equal(props.minGuestRamMb, 4);
        assert.equal(props.maxGuestRamMb, 2097152, '2 TiB');
        assert.equal(props.minGuestVramMb, 0);
        assert.equal(props.maxGuestVramMb, 256);
        assert.equal(props.minGuestCpus, 1);
        assert.ok(props.maxGuestCpus >= 32, String(props.maxGuestCpus));
        assert.equal(props.maxDiskBytes, 2199022206976);
        assert.equal(props.defaultHardDiskFormat, 'VDI');
        assert.equal(props.raw['API version'], '7_2');
    });

    it('reads the default machine folder the recorder set', () => {
        assert.equal(parseSystemProperties(fixture.stdout).defaultMachineFolder, join(fixture.names.dataDir, 'machines'));
    });

    it('reads the maximum network adapters per chipset from the host platform block', () => {
        const { maxNetworkAdapters } = parseSystemProperties(fixture.stdout);
        assert.deepEqual(maxNetworkAdapters, { PIIX3: 8, ICH9: 36 });
    });

    it('keeps a label glued to its value ("Floppy Controllers:1") and empty values', () => {
        const { raw } = parseSystemProperties(fixture.stdout);
        assert.equal(raw['Maximum PIIX3 Floppy Controllers'], '1');
        assert.equal(raw['Default frontend'], '');
        assert.equal(raw['Supported chipsets'], 'PIIX3, ICH9');
    });

    it('rejects output without a required label or with a non-numeric limit', () => {
        const text = fixture.stdout;
        assert.throws(() => parseSystemProperties(text.replace('Maximum guest RAM size:', 'Maximale RAM-Größe:')), /no "Maximum guest RAM size:" line/);
        assert.throws(() => parseSystemProperties(text.replace(/^(Minimum guest CPU count: +)1$/m, '$1one')), /Minimum guest CPU count: one/);
        assert.throws(() => parseSystemProperties(text.replace(/Network Adapter count/g, 'NIC count')), /Network Adapter count/);
    });
});
