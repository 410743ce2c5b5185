import { strict as assert } from 'node:assert';
import { parseMetricsQuery } from '../../../src/vbox/parsers/metrics';
import { fixtureName, fixtureOutput, loadFixture } from '../../support/fixtures';

describe('(unit) parsers/metrics', () => {
    const fixture = loadFixture('vm', 'metrics-query');
    const metrics = parseMetricsQuery(fixtureOutput(fixture).stdout);
    const byName = new Map(metrics.map((m) => [m.metric, m]));

    it('reads one entry per line, the object being the VM name even when wider than its column', () => {
        const lines = fixtureOutput(fixture).stdout.split('\n').filter((l) => l.trim() !== '');
        assert.equal(metrics.length, lines.length - 2, 'every line but the two header lines');
        assert.ok(metrics.every((m) => m.object === fixtureName(fixture, 'vm')));
    });

    it('reads scaled percentages, kilobytes, megabytes and rates with their units', () => {
        const cpu = byName.get('CPU/Load/User');
        assert.ok(cpu && cpu.values.length >= 1 && cpu.unit === '%', JSON.stringify(cpu));
        assert.ok(cpu.values.every((v) => v >= 0 && v <= 100));
        const avg = byName.get('CPU/Load/User:avg');
        assert.equal(avg?.values.length, 1);
        const ram = byName.get('RAM/Usage/Used');
        assert.equal(ram?.unit, 'kB');
        assert.ok(ram.values.every((v) => Number.isInteger(v) && v > 0));
        assert.equal(byName.get('Disk/Usage/Used')?.unit, 'MB');
        assert.equal(byName.get('Net/Rate/Rx')?.unit, 'B/s');
    });

    it('reads metrics that have no sample yet as no values', () => {
        const guest = byName.get('Guest/RAM/Usage/Total');
        assert.deepEqual(guest && { values: guest.values, unit: guest.unit }, { values: [], unit: '' });
    });

    it('refuses a line it cannot read', () => {
        assert.throws(() => parseMetricsQuery('Object Metric Values\n------ ------ ------\nhost nonsense\n'), /unexpected/);
        assert.throws(() => parseMetricsQuery('host CPU/Load/User  12 %, lots\n'), /unexpected/);
    });
});
