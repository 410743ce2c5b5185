import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { vmStateFromFiles, type VmStateEvidence } from '../../../src/operations/shared/vmStateFromFiles';
import { parseMachineSettings } from '../../../src/vbox/settingsFiles/machineSettings';
import { lastVmmState } from '../../../src/vbox/settingsFiles/vmLogState';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'settings-files');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

/** A log as the tracker reports it: the recorded log's last VMM state, written at `mtimeMs`. */
const log = (name: string, mtimeMs = 1_000) => ({ vmmState: lastVmmState(fixture(name), true), stamp: { ino: 1, size: 1, mtimeMs } });

function evidence(vbox: string, rest: Partial<VmStateEvidence>): VmStateEvidence {
    return { settings: parseMachineSettings(fixture(vbox)), settingsWrittenAt: 2_000, log: undefined, listedRunning: false, ...rest };
}

describe('(unit) VM state from settings files and logs', function () {
    it('running and paused come from the log of a VM that list runningvms lists', function () {
        assert.equal(vmStateFromFiles(evidence('machine-running.vbox', { listedRunning: true, log: log('VBox-running.log') })), 'running');
        assert.equal(vmStateFromFiles(evidence('machine-running.vbox', { listedRunning: true, log: log('VBox-paused.log') })), 'paused');
    });

    it('a listed VM whose log ends in any other state is left to showvminfo', function () {
        const saving = { vmmState: 'SAVING', stamp: { ino: 1, size: 1, mtimeMs: 1 } };
        assert.equal(vmStateFromFiles(evidence('machine-running.vbox', { listedRunning: true, log: saving })), undefined);
        assert.equal(vmStateFromFiles(evidence('machine-running.vbox', { listedRunning: true, log: undefined })), undefined);
    });

    it('a VM not listed whose process ended (or never ran) has the settings file\'s state', function () {
        assert.equal(vmStateFromFiles(evidence('machine-saved.vbox', { log: log('VBox-saved.log') })), 'saved');
        assert.equal(vmStateFromFiles(evidence('machine-defaults.vbox', {})), 'poweroff');
    });

    it('a VM not listed whose log did not end is aborted only when VirtualBox wrote that after the log', function () {
        // probe1 was stopped with emergencystop while paused: aborted="true", its log ends in SUSPENDED.
        assert.equal(vmStateFromFiles(evidence('machine-aborted-groups.vbox', { log: log('VBox-paused.log', 1_000), settingsWrittenAt: 2_000 })), 'aborted');
        // The log is newer than the settings: a new VM process is starting or stopping; only showvminfo knows.
        assert.equal(vmStateFromFiles(evidence('machine-aborted-groups.vbox', { log: log('VBox-paused.log', 3_000), settingsWrittenAt: 2_000 })), undefined);
        assert.equal(vmStateFromFiles(evidence('machine-running.vbox', { log: log('VBox-running.log') })), undefined);
    });
});
