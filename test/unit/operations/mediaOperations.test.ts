import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactDisk } from '../../../src/operations/media/compactDisk';
import { copyDisk } from '../../../src/operations/media/copyDisk';
import { copyTargetProblem, proposedCopyPath } from '../../../src/operations/media/diskTools';
import { ejectDvd } from '../../../src/operations/media/ejectDvd';
import { insertDvd } from '../../../src/operations/media/insertDvd';
import { chooseDriveSlot, driveAt, opticalDrives } from '../../../src/operations/media/opticalDrives';
import { releaseMedium } from '../../../src/operations/media/releaseMedium';
import { unregisterMedium } from '../../../src/operations/media/unregisterMedium';
import { runOperation, type Operation } from '../../../src/operations/operation';
import { isVBoxError } from '../../../src/vbox/errors';
import { parseMediaList } from '../../../src/vbox/parsers/media';
import { parseVmInfo, type VmInfo } from '../../../src/vbox/parsers/vmInfo';
import { fixtureOutput, replayVBoxManage, unitContext } from './support/replayVBoxManage';

const vmInfo = (fixture: string): VmInfo => parseVmInfo(fixtureOutput(fixture).stdout);
/** The recorded VM with its IDE controller's free slots taken by (recorded) hard disks, to see where a drive goes then. */
function withFullIde(info: VmInfo): VmInfo {
    return {
        ...info,
        storageControllers: info.storageControllers.map((controller) =>
            controller.type !== 'PIIX4'
                ? controller
                : { ...controller, attachments: [0, 1].flatMap((port) => [0, 1].map((device) => controller.attachments.find((a) => a.port === port && a.device === device) ?? { port, device, medium: '/d.vdi' })) },
        ),
    };
}

describe('(unit) media operations', () => {
    describe('invalid input never spawns VBoxManage', () => {
        const cases: [Operation, unknown][] = [
            [insertDvd, { vm: 'v' }],
            [insertDvd, { vm: 'v', iso: '' }],
            [insertDvd, { vm: 'v', iso: '-rf.iso' }],
            [insertDvd, { vm: 'v', iso: '/a.iso', controller: 'IDE' }],
            [insertDvd, { vm: 'v', iso: '/a.iso', controller: 'IDE', port: 1 }],
            [insertDvd, { vm: 'v', iso: '/a.iso', controller: 'IDE', port: 1, device: 2 }],
            [ejectDvd, { vm: 'v', port: 0, device: 0 }],
            [ejectDvd, { vm: '--help' }],
            [releaseMedium, { medium: '' }],
            [unregisterMedium, { medium: '-x' }],
            [compactDisk, {}],
            [copyDisk, { disk: 'd', target: '/t.vdi', format: 'QCOW2' }],
            [copyDisk, { disk: 'd', target: '/t.vdi', variant: 'Split2G' }],
            [copyDisk, { disk: 'd', target: '--format' }],
        ];
        for (const [operation, input] of cases) {
            it(`${operation.id} ${JSON.stringify(input)}`, async () => {
                const vbox = replayVBoxManage();
                await assert.rejects(runOperation(operation, unitContext(vbox), input), (error) => isVBoxError(error, 'INVALID_INPUT'));
                assert.equal(vbox.calls.length, 0);
            });
        }
    });

    describe('optical drives', () => {
        it('finds the empty DVD drive of a recorded VM and no drive on a fresh one', () => {
            assert.deepEqual(opticalDrives(vmInfo('vm/showvminfo-hardware'), []), [{ controller: 'IDE', port: 1, device: 0 }]);
            assert.deepEqual(opticalDrives(vmInfo('vm/showvminfo-fresh'), []), []);
        });

        it('counts a slot holding a registered optical image as a drive with that disc, and not a hard disk', () => {
            const info = vmInfo('vm/showvminfo-hardware');
            const [dvd] = parseMediaList(fixtureOutput('lists/dvds-long').stdout);
            const withDisc: VmInfo = {
                ...info,
                storageControllers: info.storageControllers.map((c) =>
                    c.name !== 'IDE' ? c : { ...c, attachments: [{ port: 1, device: 0, medium: dvd.location, imageUuid: dvd.uuid }] },
                ),
            };
            assert.deepEqual(opticalDrives(withDisc, [dvd]), [{ controller: 'IDE', port: 1, device: 0, disc: dvd.location, discUuid: dvd.uuid }]);
        });

        it('puts a new drive on a free IDE slot, else a free SATA port, else a new controller', () => {
            const info = vmInfo('vm/showvminfo-hardware');
            assert.deepEqual(chooseDriveSlot(info), { controller: 'IDE', port: 0, device: 0 });
            assert.deepEqual(chooseDriveSlot(withFullIde(info)), { controller: 'SATA', port: 1, device: 0 });
            assert.deepEqual(chooseDriveSlot(vmInfo('vm/showvminfo-fresh')), { controller: 'IDE', port: 0, device: 0, create: 'ide' });
            const fullIdeOnly: VmInfo = { ...withFullIde(info), storageControllers: withFullIde(info).storageControllers.filter((c) => c.type === 'PIIX4') };
            assert.deepEqual(chooseDriveSlot(fullIdeOnly), { controller: 'SATA', port: 0, device: 0, create: 'sata' });
        });

        it('refuses a named slot that is not a DVD drive, listing the drives', () => {
            const info = vmInfo('vm/showvminfo-hardware');
            assert.throws(
                () => driveAt(info, opticalDrives(info, []), { controller: 'SATA', port: 0, device: 0 }),
                (error) => isVBoxError(error, 'INVALID_INPUT') && /no DVD drive at "SATA" port 0 device 0.*"IDE" port 1 device 0/.test(error.message),
            );
        });
    });

    describe('copy targets', () => {
        let dir = '';
        before(() => {
            dir = mkdtempSync(join(tmpdir(), 'vbox-copy-'));
            writeFileSync(join(dir, 'taken.vdi'), '');
        });
        after(() => rmSync(dir, { recursive: true, force: true }));

        it('accepts a new file with the format\'s extension in an existing folder, and says what is wrong otherwise', () => {
            assert.equal(copyTargetProblem(join(dir, 'new.VMDK'), 'VMDK'), undefined);
            assert.match(copyTargetProblem('', 'VDI') ?? '', /full path/);
            assert.match(copyTargetProblem('relative.vdi', 'VDI') ?? '', /not a full path/);
            assert.match(copyTargetProblem(join(dir, 'new.vdi'), 'VHD') ?? '', /ends in \.vhd/);
            assert.match(copyTargetProblem(join(dir, 'taken.vdi'), 'VDI') ?? '', /already exists/);
            assert.match(copyTargetProblem(join(dir, 'missing', 'x.vdi'), 'VDI') ?? '', /folder .* does not exist/);
        });

        it('proposes <name>-copy.<ext> next to the source, numbered while taken', () => {
            assert.equal(proposedCopyPath('/vms/a/disk.vdi', 'VMDK', () => false), '/vms/a/disk-copy.vmdk');
            const taken = new Set(['/vms/a/disk-copy.vdi', '/vms/a/disk-copy2.vdi']);
            assert.equal(proposedCopyPath('/vms/a/disk.vdi', 'VDI', (path) => taken.has(path)), '/vms/a/disk-copy3.vdi');
            assert.equal(proposedCopyPath('C:\\VMs\\disk.vhd', 'VDI', () => false), 'C:\\VMs\\disk-copy.vdi');
        });
    });
});
