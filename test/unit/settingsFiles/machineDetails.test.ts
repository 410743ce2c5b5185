import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UnreadableSettingsError } from '../../../src/vbox/settingsFiles/globalSettings';
import { parseMachineDetails } from '../../../src/vbox/settingsFiles/machineDetails';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'settings-files');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const FILE = '/vms/probe/probe.vbox';

// The field-by-field comparison with showvminfo of the same machines is `(integration) machine details`; these pin
// VirtualBox's defaults and the cases the reader must hand back to showvminfo, on recorded files.
describe('(unit) settings files: a machine\'s details from its .vbox', function () {
    it('fills in what VirtualBox leaves out: no adapter enabled, VRAM 8 MB, VBoxVGA, BIOS, PIIX3, the default boot order', function () {
        const info = parseMachineDetails(fixture('machine-defaults.vbox'), FILE, 'poweroff');
        assert.equal(info.name, 'probe-plain');
        assert.equal(info.osTypeDescription, 'Other/Unknown');
        assert.deepEqual(
            info.nics.map((nic) => nic.attachment),
            ['none', 'none', 'none', 'none', 'none', 'none', 'none', 'none'],
        );
        assert.equal(info.vramMb, 8);
        assert.equal(info.graphicsController, 'vboxvga');
        assert.equal(info.firmware, 'BIOS');
        assert.equal(info.chipset, 'piix3');
        assert.deepEqual(info.bootOrder, ['floppy', 'dvd', 'disk', 'none']);
        assert.deepEqual(info.storageControllers, []);
        assert.equal(info.snapshotCount, 0);
        assert.equal(info.description, '');
        assert.equal(info.cfgFile, FILE);
        assert.equal(info.state, 'poweroff');
    });

    it('counts nested snapshots and names the current one', function () {
        const info = parseMachineDetails(fixture('machine-snapshots.vbox'), FILE, 'poweroff');
        assert.equal(info.snapshotCount, 2);
        assert.equal(info.currentSnapshotName, 'two');
        assert.equal(info.memoryMb, 72);
        assert.equal(info.cpus, 4);
    });

    it('gives the saved-state file as an absolute path next to the machine', function () {
        const info = parseMachineDetails(fixture('machine-saved.vbox'), FILE, 'saved');
        assert.ok(info.stateFile && path.isAbsolute(info.stateFile) && info.stateFile.startsWith('/vms/probe/'), info.stateFile);
    });

    it('decodes the description\'s entities and keeps its line breaks', function () {
        const text = fixture('machine-defaults.vbox').replace('<Hardware>', '<Description>a &amp; &lt;b&gt;&#10;c</Description>\n    <Hardware>');
        assert.equal(parseMachineDetails(text, FILE, 'poweroff').description, 'a & <b>\nc');
    });

    it('hands back to showvminfo what it does not cover: format 1.20, another chipset, a medium it cannot place', function () {
        assert.throws(() => parseMachineDetails(fixture('machine-arm-1.20.vbox'), FILE, 'poweroff'), UnreadableSettingsError);
        const defaults = fixture('machine-defaults.vbox');
        assert.throws(() => parseMachineDetails(defaults.replace('<Firmware/>', '<Chipset type="ICH9"/>\n      <Firmware/>'), FILE, 'poweroff'), /chipset ICH9/);
        const strayDisk =
            '<StorageControllers><StorageController name="SATA" type="AHCI" PortCount="1"><AttachedDevice type="HardDisk" port="0" device="0">' +
            '<Image uuid="{11111111-2222-4333-8444-555555555555}"/></AttachedDevice></StorageController></StorageControllers>\n      <Firmware/>';
        assert.throws(() => parseMachineDetails(defaults.replace('<Firmware/>', strayDisk), FILE, 'poweroff'), /not in the machine's media registry/);
    });
});
