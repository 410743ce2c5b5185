import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { osTypeTableSource, OS_TYPE_TABLE_FILE } from '../../../scripts/generate/osTypeDescriptions';
import { parseGlobalSettings, UnreadableSettingsError } from '../../../src/vbox/settingsFiles/globalSettings';
import { parseMachineSettings } from '../../../src/vbox/settingsFiles/machineSettings';
import { OS_TYPE_DESCRIPTIONS } from '../../../src/vbox/settingsFiles/osTypeDescriptions';
import { runStateFromLog } from '../../../src/vbox/settingsFiles/vmLogState';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'settings-files');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

describe('(unit) settings files: VirtualBox.xml', function () {
    it('lists every registered machine with its lower-case UUID and absolute .vbox path', function () {
        const { machines } = parseGlobalSettings(fixture('VirtualBox.xml'), '/home');
        assert.equal(machines.length, 7);
        assert.deepEqual(machines[0], {
            uuid: 'ab2c97c1-0e14-4053-afc2-52c5eed9e8c8',
            settingsFile: '/var/tmp/vbox-tb-perf/data/machines/g1/sub/probe1/probe1.vbox',
        });
        assert.ok(machines.every((m) => path.isAbsolute(m.settingsFile) && m.settingsFile.endsWith('.vbox')));
    });

    it('resolves a src relative to the home folder, as registries of old VirtualBox versions store it', function () {
        const text = fixture('VirtualBox.xml').replace('src="/var/tmp/vbox-tb-perf/data/machines/g1/sub/probe1/probe1.vbox"', 'src="Machines/probe1/probe1.vbox"');
        assert.equal(parseGlobalSettings(text, '/home/u/.VirtualBox').machines[0].settingsFile, '/home/u/.VirtualBox/Machines/probe1/probe1.vbox');
    });

    it('refuses a format version it does not know, a cut-off file and a file that is not a VirtualBox settings file', function () {
        const text = fixture('VirtualBox.xml');
        assert.throws(() => parseGlobalSettings(text.replace('version="1.12-linux"', 'version="1.99-linux"'), '/h'), UnreadableSettingsError);
        assert.throws(() => parseGlobalSettings(text.slice(0, text.length / 2), '/h'), /unclosed tag/);
        assert.throws(() => parseGlobalSettings('<Other version="1.12-linux"/>', '/h'), UnreadableSettingsError);
        assert.throws(() => parseGlobalSettings('', '/h'));
    });
});

describe('(unit) settings files: a machine\'s .vbox', function () {
    const cases: [string, Record<string, unknown>][] = [
        ['machine-aborted-groups.vbox', { name: 'probe1', osTypeId: 'Ubuntu_64', cpus: 2, memoryMb: 64, groups: ['/g1/sub', '/g2'], aborted: true, stateFile: undefined }],
        ['machine-arm-1.20.vbox', { name: 'probe-arm', osTypeId: 'Ubuntu_arm64', cpus: 3, memoryMb: 512, groups: ['/'], aborted: false }],
        ['machine-defaults.vbox', { name: 'probe-plain', osTypeId: 'Other', cpus: 1, groups: ['/'], aborted: false, stateFile: undefined, lastStateChange: '2026-11-25T06:33:24Z' }],
        ['machine-saved.vbox', { name: 'probe-saved', osTypeId: 'Debian_64', cpus: 1, memoryMb: 48, aborted: false, stateFile: 'Snapshots/2026-11-25T06-33-26-994581000Z.sav' }],
        // The current state's hardware, not a snapshot's (96 and 80 MB).
        ['machine-snapshots.vbox', { name: 'probe-snap', osTypeId: 'Windows11_64', cpus: 4, memoryMb: 72, groups: ['/'] }],
        ['machine-running.vbox', { name: 'probe-run', osTypeId: 'Ubuntu_64', cpus: 1, memoryMb: 32, aborted: false, stateFile: undefined, lastStateChange: '2026-11-25T06:33:29Z' }],
    ];
    for (const [file, expected] of cases) {
        it(`reads ${file}`, function () {
            const settings = parseMachineSettings(fixture(file));
            assert.match(settings.uuid, /^[0-9a-f-]{36}$/);
            for (const [key, value] of Object.entries(expected)) assert.deepEqual(settings[key as keyof typeof settings], value, key);
        });
    }

    it('refuses a file without <Memory> rather than guessing the memory', function () {
        const text = fixture('machine-defaults.vbox').replace(/<Memory RAMSize="\d+"\/>/, '');
        assert.throws(() => parseMachineSettings(text), UnreadableSettingsError);
    });

    it('refuses an encrypted machine, an unknown format version and a cut-off file', function () {
        const text = fixture('machine-saved.vbox');
        assert.throws(() => parseMachineSettings(text.replace(/<(\/?)Machine\b/g, '<$1MachineEncrypted')), /encrypted/);
        assert.throws(() => parseMachineSettings(text.replace('version="1.19-linux"', 'version="1.21-linux"')), /not one this reader knows/);
        assert.throws(() => parseMachineSettings(text.slice(0, 900)));
    });

    it('knows the description of every OS type the fixtures use, as showvminfo prints it', function () {
        assert.equal(OS_TYPE_DESCRIPTIONS.Ubuntu_64, 'Ubuntu (64-bit)');
        assert.equal(OS_TYPE_DESCRIPTIONS.Ubuntu_arm64, 'Ubuntu (ARM 64-bit)');
        assert.equal(OS_TYPE_DESCRIPTIONS.Other, 'Other/Unknown');
    });

    it('keeps the OS type table generated from the recorded `list ostypes`', function () {
        assert.equal(readFileSync(OS_TYPE_TABLE_FILE, 'utf8'), osTypeTableSource(), 'run: npx tsx scripts/generate/osTypeDescriptions.ts');
    });
});

describe('(unit) settings files: VBox.log run state', function () {
    it('tells running from paused by the last VMM state change', function () {
        assert.equal(runStateFromLog(fixture('VBox-running.log'), true), 'running');
        assert.equal(runStateFromLog(fixture('VBox-paused.log'), true), 'paused');
    });

    it('says nothing for a log that ends in another state (saved: the process ended) or has no state change', function () {
        assert.equal(runStateFromLog(fixture('VBox-saved.log'), true), undefined);
        assert.equal(runStateFromLog('00:00:00.000000 VirtualBox VM 7.2.22 starting\n', true), undefined);
    });

    it('reads a tail: a cut first line does not count, state lines the guest wrote into the log do not count', function () {
        const paused = fixture('VBox-paused.log');
        const lastChange = paused.lastIndexOf('Changing the VM state');
        // A tail that starts inside the last state-change line: the cut line is dropped.
        assert.notEqual(runStateFromLog(paused.slice(lastChange), false), 'paused');
        const guestLine = "00:00:09.000000 VMMDev: Guest Log: Changing the VM state from 'SUSPENDED' to 'RUNNING'\n";
        assert.equal(runStateFromLog(paused + guestLine, true), 'paused');
    });
});
