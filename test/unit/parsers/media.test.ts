import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISK_DESCRIPTION, ODD_DISK_FILE } from '../../../scripts/fixtures/recipes/lists';
import type { FixtureFile } from '../../../scripts/fixtures/recipe';
import { normalizeNewlines, stripWrapperBanner } from '../../../src/vbox/normalize';
import { parseMediaList, type Medium } from '../../../src/vbox/parsers/media';

// Until test/support/fixtures.ts lands: the recorded call, stdout normalised as the runner does.
function loadFixture(name: string): FixtureFile {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'vboxmanage', 'lists', `${name}.json`), 'utf8')) as FixtureFile;
    return { ...file, stdout: stripWrapperBanner(normalizeNewlines(file.stdout)).text };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The media this recording created (VirtualBox lists every registered medium), by file name. */
function recorded(name: string): { fixture: FixtureFile; media: Medium[]; byFile: (file: string) => Medium } {
    const fixture = loadFixture(name);
    const folder = `/${fixture.names[`lists-${name}`]}/`;
    const media = parseMediaList(fixture.stdout).filter((m) => m.location.includes(folder));
    const byFile = (file: string) => {
        const found = media.find((m) => m.location.endsWith(`/${file}`));
        assert.ok(found, `${file} in ${name}`);
        return found;
    };
    return { fixture, media, byFile };
}

describe('(unit) parseMediaList', () => {
    for (const name of ['hdds-empty', 'hdds-long-empty', 'dvds-empty', 'floppies-empty']) {
        it(`reads an empty list (${name}): VirtualBox prints nothing at all`, () => {
            const fixture = loadFixture(name);
            assert.equal(fixture.exitCode, 0);
            assert.equal(fixture.stdout, '');
            assert.deepEqual(parseMediaList(fixture.stdout), []);
        });
    }

    it('reads base VDI, VMDK and VHD disks with their formats and capacities', () => {
        const { fixture, media, byFile } = recorded('hdds-formats');
        assert.equal(media.length, 3);
        assert.equal(parseMediaList(fixture.stdout).length, fixture.stdout.match(/^UUID:/gm)?.length);
        const expected = [['base.vdi', 'VDI', 32], ['base.vmdk', 'VMDK', 16], ['fixed.vhd', 'VHD', 8]] as const;
        for (const [file, format, capacityMb] of expected) {
            const disk = byFile(file);
            assert.match(disk.uuid, UUID);
            assert.equal(disk.format, format);
            assert.equal(disk.capacityMb, capacityMb);
            assert.equal(disk.state, 'created');
            assert.equal(disk.type, 'normal (base)');
            assert.equal(disk.parentUuid, undefined, 'Parent UUID: base is no parent');
            assert.deepEqual(disk.inUseBy, []);
            assert.equal(disk.sizeOnDiskMb, undefined, 'the short form has no size on disk');
        }
        assert.equal(new Set(media.map((m) => m.uuid)).size, 3);
    });

    it('reads the long form: variant, size on disk, a multi-line description and multi-line properties', () => {
        const { media, byFile } = recorded('hdds-formats-long');
        assert.equal(media.length, 3);
        const vdi = byFile('base.vdi');
        assert.equal(vdi.description, DISK_DESCRIPTION);
        assert.equal(vdi.variant, 'dynamic default');
        assert.ok(vdi.sizeOnDiskMb !== undefined && vdi.sizeOnDiskMb < (vdi.capacityMb ?? 0), 'a dynamic disk is smaller than its capacity');
        const vmdk = byFile('base.vmdk');
        assert.equal(vmdk.description, undefined);
        assert.equal(vmdk.type, 'normal (base)', 'the VMDK property lines do not swallow the next fields');
        assert.equal(vmdk.format, 'VMDK');
        const vhd = byFile('fixed.vhd');
        assert.equal(vhd.variant, 'fixed default');
        assert.equal(vhd.sizeOnDiskMb, vhd.capacityMb, 'a fixed disk takes its full size');
        assert.equal(vhd.encrypted, false);
    });

    it('links a snapshot\'s differencing child to its parent (short form)', () => {
        const { media, byFile } = recorded('hdds-in-use');
        assert.equal(media.length, 2);
        const base = byFile('system.vdi');
        const child = media.find((m) => m !== base);
        assert.ok(child);
        assert.equal(child.parentUuid, base.uuid);
        assert.equal(child.type, 'normal (differencing)');
        assert.ok(child.location.endsWith(`/Snapshots/{${child.uuid}}.vdi`), child.location);
        assert.equal(child.capacityMb, base.capacityMb);
    });

    it('reads "In use by VMs" with the VM, its snapshot and the child UUIDs (long form)', () => {
        const { fixture, media, byFile } = recorded('hdds-in-use-long');
        const base = byFile('system.vdi');
        const child = media.find((m) => m.parentUuid === base.uuid);
        assert.ok(child);
        assert.deepEqual(base.childUuids, [child.uuid]);
        assert.equal(base.inUseBy.length, 1);
        const [usage] = base.inUseBy;
        assert.equal(usage.name, fixture.names['vm-disk']);
        assert.match(usage.uuid, UUID);
        assert.equal(usage.snapshots?.length, 1);
        assert.equal(usage.snapshots[0].name, fixture.names.snap);
        assert.match(usage.snapshots[0].uuid, UUID);
        assert.notEqual(usage.snapshots[0].uuid, usage.uuid);
        // The current state uses the child, not the base.
        assert.deepEqual(child.inUseBy, [{ name: usage.name, uuid: usage.uuid }]);
        assert.equal(child.variant, 'differencing default');
    });

    it('reads a shareable disk used by two VMs (continuation line)', () => {
        const { fixture, byFile } = recorded('hdds-shared-long');
        const disk = byFile('shared.vdi');
        assert.equal(disk.type, 'shareable');
        assert.deepEqual(disk.inUseBy.map((u) => u.name), [fixture.names['vm-share-a'], fixture.names['vm-share-b']]);
        assert.notEqual(disk.inUseBy[0].uuid, disk.inUseBy[1].uuid);
    });

    it('reads an inaccessible disk, and its multi-line access error in the long form', () => {
        assert.equal(recorded('hdds-inaccessible').byFile('vanished.vdi').state, 'inaccessible');
        const disk = recorded('hdds-inaccessible-long').byFile('vanished.vdi');
        assert.equal(disk.state, 'inaccessible');
        assert.match(disk.accessError ?? '', /VERR_FILE_NOT_FOUND/);
        assert.ok(disk.accessError?.includes('\n'), 'the access error spans two lines');
        assert.equal(disk.type, 'normal (base)');
        assert.equal(disk.format, 'VDI');
    });

    for (const name of ['hdds-odd-name', 'hdds-odd-name-long']) {
        it(`gives back a file name with spaces, quotes and non-ASCII letters unchanged (${name})`, () => {
            const { fixture, media } = recorded(name);
            assert.equal(media.length, 1);
            assert.equal(media[0].location, join(fixture.names.dataDir, fixture.names[`lists-${name}`], ODD_DISK_FILE));
        });
    }

    it('reads DVD images: no parent line, read-only, the attached one in use by its VM', () => {
        const short = recorded('dvds');
        assert.equal(short.media.length, 2);
        for (const dvd of short.media) {
            assert.equal(dvd.parentUuid, undefined);
            assert.equal(dvd.type, 'readonly');
            assert.equal(dvd.format, 'RAW');
        }
        const long = recorded('dvds-long');
        assert.deepEqual(long.byFile('attached.iso').inUseBy.map((u) => u.name), [long.fixture.names['vm-dvd']]);
        assert.deepEqual(long.byFile('detached.iso').inUseBy, []);
        assert.equal(long.byFile('detached.iso').capacityMb, 2);
    });

    it('reads floppy images: created by createmedium, and attached (writethrough)', () => {
        const short = recorded('floppies');
        assert.equal(short.byFile('created.img').type, 'normal (base)');
        assert.equal(short.byFile('attached.img').type, 'writethrough');
        const long = recorded('floppies-long');
        assert.deepEqual(long.byFile('attached.img').inUseBy.map((u) => u.name), [long.fixture.names['vm-fd']]);
        assert.deepEqual(long.byFile('created.img').inUseBy, []);
    });

    describe('rejects output it does not understand', () => {
        const text = loadFixture('hdds-in-use-long').stdout;

        it('a translated label', () => {
            assert.throws(() => parseMediaList(text.replace('State:          ', 'Zustand:        ')), /Unexpected line.*Zustand/);
        });

        it('a record without its Location line', () => {
            assert.throws(() => parseMediaList(text.replace(/^Location:.*\n/m, '')), /no "Location:" line/);
        });

        it('text before the first record', () => {
            assert.throws(() => parseMediaList(`Warnung\n${text}`), /before the first medium/);
        });

        it('a malformed capacity or usage entry', () => {
            assert.throws(() => parseMediaList(text.replace(/24 MBytes/, '24 Mo')), /Capacity/);
            assert.throws(() => parseMediaList(text.replace(/\(UUID: [0-9a-f-]+\)/, '(UUID: nope)')), /In use by VMs/);
        });
    });

    it('keeps a VM name that itself contains "(UUID: ...)"', () => {
        const text = loadFixture('hdds-in-use-long').stdout;
        const [base] = parseMediaList(text);
        const [usage] = base.inUseBy;
        const odd = `vm (UUID: ${usage.uuid}) [x]`;
        const [renamed] = parseMediaList(text.replace(`In use by VMs:  ${usage.name} `, `In use by VMs:  ${odd} `));
        assert.equal(renamed.inUseBy[0].name, odd);
        assert.equal(renamed.inUseBy[0].snapshots?.[0].name, usage.snapshots?.[0].name);
    });
});
