import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureFile } from '../../../scripts/fixtures/recipe';
import { normalizeNewlines, stripWrapperBanner } from '../../../src/vbox/normalize';
import { parseHostInfo } from '../../../src/vbox/parsers/hostInfo';

// Until test/support/fixtures.ts lands: the recorded call, stdout normalised as the runner does.
function loadFixture(name: string): FixtureFile {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'vboxmanage', 'lists', `${name}.json`), 'utf8')) as FixtureFile;
    return { ...file, stdout: stripWrapperBanner(normalizeNewlines(file.stdout)).text };
}

describe('(unit) parseHostInfo', () => {
    const { stdout } = loadFixture('hostinfo');

    it('reads processor and memory figures of the testbed host', () => {
        const host = parseHostInfo(stdout);
        assert.ok(host.processorCount > 0);
        assert.ok(host.processorCoreCount !== undefined && host.processorCoreCount > 0 && host.processorCoreCount <= host.processorCount);
        assert.equal(host.processorOnlineCount, host.processorCount);
        assert.ok(host.memorySizeMb > 512, `${host.memorySizeMb} MB`);
        assert.ok(host.memoryAvailableMb !== undefined && host.memoryAvailableMb > 0 && host.memoryAvailableMb <= host.memorySizeMb);
        assert.equal(host.operatingSystem, 'Linux');
        assert.ok(host.operatingSystemVersion);
        assert.ok(host.processorDescription);
        // The testbed runs VMs without VT-x/AMD-V (driverless, interpreted).
        assert.equal(host.hardwareVirtualization, false);
        // Independently of the parser: the number on the "Memory size" line.
        assert.equal(host.memorySizeMb, Number(/^Memory size: (\d+) MByte$/m.exec(stdout)?.[1]));
    });

    it('rejects output without the memory size or with another unit', () => {
        assert.throws(() => parseHostInfo(stdout.replace(/^Memory size:.*\n/m, '')), /no "Memory size:" line/);
        assert.throws(() => parseHostInfo(stdout.replace(/^(Memory size: \d+) MByte$/m, '$1 MiB')), /Memory size/);
        assert.throws(() => parseHostInfo(stdout.replace('Processor count:', 'Anzahl Prozessoren:')), /no "Processor count:" line/);
    });
});
