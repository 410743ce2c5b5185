import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { VirtualBoxSettingsFiles } from '../../../src/vbox/settingsFiles/settingsFiles';
import { logFileOf, VmLogTracker } from '../../../src/vbox/settingsFiles/vmLogTracker';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'settings-files');
const stateLine = (from: string, to: string) => `00:09:00.000000 Changing the VM state from '${from}' to '${to}'\n`;

describe('(unit) settings files: following VM logs and noticing changes', function () {
    let home: string;
    let vbox: string;
    let log: string;

    beforeEach(function () {
        home = mkdtempSync(path.join(tmpdir(), 'vbox-home-'));
        vbox = path.join(home, 'vm', 'vm.vbox');
        log = logFileOf(vbox);
        mkdirSync(path.dirname(log), { recursive: true });
        // The recorded registry lists other paths: point its first machine at this folder.
        const registry = readFileSync(path.join(FIXTURES, 'VirtualBox.xml'), 'utf8').replace(/src="[^"]+probe1\.vbox"/, `src="${vbox}"`);
        writeFileSync(path.join(home, 'VirtualBox.xml'), registry);
        copyFileSync(path.join(FIXTURES, 'machine-aborted-groups.vbox'), vbox);
        copyFileSync(path.join(FIXTURES, 'VBox-running.log'), log);
    });

    afterEach(function () {
        rmSync(home, { recursive: true, force: true });
    });

    it('reads only what a log appended, including a state line that was half written at the last read', async function () {
        const tracker = new VmLogTracker();
        assert.equal((await tracker.read(vbox))?.vmmState, 'RUNNING');
        const line = stateLine('RUNNING', 'SUSPENDING') + stateLine('SUSPENDING', 'SUSPENDED');
        appendFileSync(log, line.slice(0, 30));
        assert.equal((await tracker.read(vbox))?.vmmState, 'RUNNING', 'a cut line is not a state yet');
        appendFileSync(log, line.slice(30));
        assert.equal((await tracker.read(vbox))?.vmmState, 'SUSPENDED');
        appendFileSync(log, '00:09:01.000000 GUI: a line that changes no state\n');
        assert.equal((await tracker.read(vbox))?.vmmState, 'SUSPENDED', 'the last state is kept across chunks without one');
    });

    it('starts over with a new log (a new VM process), and has nothing once the log is gone', async function () {
        const tracker = new VmLogTracker();
        await tracker.read(vbox);
        renameSync(log, `${log}.1`);
        writeFileSync(log, stateLine('CREATED', 'POWERING_ON'));
        assert.equal((await tracker.read(vbox))?.vmmState, 'POWERING_ON');
        rmSync(log);
        assert.equal(await tracker.read(vbox), undefined);
    });

    it('changes its signature when a .vbox is replaced or a VM changes state, not when a running VM only logs', async function () {
        const files = new VirtualBoxSettingsFiles(home);
        const first = await files.changeSignature();
        assert.ok(first);
        appendFileSync(log, '00:09:01.000000 GUI: a line that changes no state\n');
        assert.equal(await files.changeSignature(), first);
        appendFileSync(log, stateLine('RUNNING', 'SUSPENDING'));
        const paused = await files.changeSignature();
        assert.notEqual(paused, first);
        writeFileSync(`${vbox}-tmp`, readFileSync(vbox, 'utf8').replace('RAMSize="64"', 'RAMSize="72"'));
        renameSync(`${vbox}-tmp`, vbox);
        assert.notEqual(await files.changeSignature(), paused);
        assert.equal(await new VirtualBoxSettingsFiles(path.join(home, 'nowhere')).changeSignature(), undefined);
    });
});
