import { strict as assert } from 'node:assert';
import { normalizeNewlines, ProgressReader, progressPercents, stripProgress, stripWrapperBanner } from '../../src/vbox/normalize';
import { listFixtures, loadFixture } from '../support/fixtures';

describe('(unit) normalize against recorded output', () => {
    it('removes the Linux wrapper banner and keeps the real output after it', () => {
        const fixture = loadFixture('vm', 'list-vms-wrapper');
        const { text, banner } = stripWrapperBanner(fixture.stdout);
        assert.match(banner ?? '', /^WARNING: The character device \/dev\/vboxdrv does not exist\.\n/);
        assert.match(banner ?? '', /You will not be able to start VMs until this problem is fixed\.$/);
        assert.match(text, /^"[^\n]+" \{[0-9a-f-]{36}\}\n$/);
        assert.ok(fixture.stdout.endsWith(text));
    });

    it('leaves output without a banner alone', () => {
        for (const name of ['list-vms', 'showvminfo-fresh', 'metrics-query']) {
            const { stdout } = loadFixture('vm', name);
            assert.deepEqual(stripWrapperBanner(stdout), { text: stdout }, name);
        }
    });

    it('turns CRLF and lone CR into LF (a CRLF copy of each recorded stdout, made here)', () => {
        for (const name of listFixtures('vm')) {
            const { stdout } = loadFixture('vm', name);
            assert.equal(normalizeNewlines(stdout.replace(/\n/g, '\r\n')), stdout, name);
        }
        assert.equal(normalizeNewlines('a\rb\r\nc'), 'a\nb\nc');
    });

    it('removes the Windows banner too once newlines are normalised (a CRLF copy of the wrapper fixture)', () => {
        const fixture = loadFixture('vm', 'list-vms-wrapper');
        const lf = stripWrapperBanner(fixture.stdout).text;
        assert.equal(stripWrapperBanner(normalizeNewlines(fixture.stdout.replace(/\n/g, '\r\n'))).text, lf);
    });

    it('reads the percentages of a successful progress bar and strips the bar', () => {
        const fixture = loadFixture('vm', 'snapshot-take');
        assert.deepEqual(progressPercents(fixture.stderr), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
        assert.equal(stripProgress(fixture.stderr), '');
        assert.match(fixture.stdout, /^Snapshot taken\. UUID: [0-9a-f-]{36}\n$/);
    });

    it('strips a progress bar that ends in NS_ERROR_FAILURE and keeps the error lines', () => {
        const { stderr } = loadFixture('errors', 'hostonlyif-create');
        const stripped = stripProgress(stderr);
        assert.ok(!stripped.includes('%...') && !/^NS_ERROR/m.test(stripped), stripped);
        const errorLines = stderr.split('\n').filter((l) => l.startsWith('VBoxManage: error:'));
        assert.deepEqual(stripped.split('\n').filter((l) => l !== ''), errorLines);
    });

    it('strips a progress bar that ends in a VBOX_E_* name', () => {
        // Recorded: `0%...VBOX_E_NOT_SUPPORTED` before the error lines of a failed resize.
        const { stderr } = loadFixture('errors', 'modifymedium-shrink');
        const stripped = stripProgress(stderr);
        assert.ok(!stripped.includes('%...'), stripped);
        assert.ok(stripped.trimStart().startsWith('VBoxManage: error: Failed to resize medium'), stripped);
    });

    it('leaves stderr without a progress bar as it is (but for the final newline)', () => {
        for (const name of ['showvminfo-unknown-vm', 'modifyvm-running', 'syntax-unknown-option']) {
            const { stderr } = loadFixture('errors', name);
            assert.equal(stripProgress(stderr).trimEnd(), stderr.trimEnd(), name);
        }
    });
});

describe('(unit) ProgressReader', () => {
    it('reads percentages whose digits and % arrive in different chunks', () => {
        const reader = new ProgressReader();
        const chunks = ['0', '%...1', '0%...20%', '...', '3', '0%...40%...50%...60%...70%...80%...90%...', '100', '%\n'];
        assert.deepEqual(chunks.flatMap((chunk) => reader.push(chunk)), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    });
});
