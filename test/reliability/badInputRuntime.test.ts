// Loads this spec as an ES module, like the runner (see test/integration/operations/vmRunning.test.ts).
import '../../src/vbox/runner';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createNetwork } from '../../src/operations/network/createNetwork';
import { deleteNetwork } from '../../src/operations/network/deleteNetwork';
import { portForwarding } from '../../src/operations/network/portForwarding';
import { removeNic } from '../../src/operations/network/removeNic';
import { setNetworkMode } from '../../src/operations/network/setNetworkMode';
import { createSnapshot } from '../../src/operations/snapshot/createSnapshot';
import { deleteSnapshot } from '../../src/operations/snapshot/deleteSnapshot';
import { restoreSnapshot } from '../../src/operations/snapshot/restoreSnapshot';
import { addDisk } from '../../src/operations/storage/addDisk';
import { deleteDisk } from '../../src/operations/storage/deleteDisk';
import { removeDisk } from '../../src/operations/storage/removeDisk';
import { resizeDisk } from '../../src/operations/storage/resizeDisk';
import { cloneVm } from '../../src/operations/vm/clone';
import { getVmConfig } from '../../src/operations/vm/config';
import { createVm } from '../../src/operations/vm/createVm';
import { deleteVm } from '../../src/operations/vm/deleteVm';
import { pauseVm, powerOffVm, resumeVm, startVm } from '../../src/operations/vm/lifecycle';
import { setCpuCount, setMemory } from '../../src/operations/vm/resources';
import { takeScreenshot } from '../../src/operations/vm/screenshot';
import { updateVmConfig } from '../../src/operations/vm/updateVmConfig';
import { quietly, vbox } from '../integration/support/independentReads';
import { testEnv } from '../integration/support/testEnv';
import { expectRejected, type BadInput } from './support/rejections';
import { atEnd, runningVm, stoppedVm, type RunningVm, type StoppedVm } from './support/sharedVms';

/**
 * Bad input that only VirtualBox can judge: things that do not exist, names already taken, sizes beyond this host,
 * operations in the wrong state. Each must end in the right typed error with an actionable message.
 */
const SHELL_NAMES = ['it\'s "quoted"', 'back\\slash', 'semi;colon && echo x', '$(touch /tmp/x)', '`id`', 'ünïcödé 🎉', 'with  spaces', '-x', '--help'];

/** An unknown VM: VM_NOT_FOUND from VirtualBox, or, for a name VBoxManage would take for an option, INVALID_INPUT before any call. */
function unknownVm(vm: string): BadInput {
    const label = `unknown VM ${JSON.stringify(vm)}`;
    if (vm.trim().startsWith('-')) return { label, operation: getVmConfig, input: { vm }, codes: ['INVALID_INPUT'], mentions: /UUID/, byValidation: true };
    return { label, operation: getVmConfig, input: { vm }, codes: ['VM_NOT_FOUND'], mentions: /No VM named/ };
}

describe('(reliability) bad input rejected by VirtualBox or by the operation', function () {
    let stopped: StoppedVm;
    let running: RunningVm;
    let natNetwork = '';

    before(async function () {
        this.timeout(180_000);
        [stopped, running] = await Promise.all([stoppedVm(), runningVm()]);
        natNetwork = testEnv.uniqueName('rel-natnet');
        atEnd(() => quietly('natnetwork', 'remove', '--netname', natNetwork));
        await vbox('natnetwork', 'add', '--netname', natNetwork, '--network', '10.77.0.0/24', '--enable');
    });

    const cases = (): BadInput[] => [
        // Things that do not exist, named with shell characters, quotes, unicode and leading dashes.
        ...SHELL_NAMES.map(unknownVm),
        { label: 'start an unknown VM', operation: startVm, input: { vm: 'no such vm; reboot' }, codes: ['VM_NOT_FOUND'] },
        { label: 'delete an unknown VM', operation: deleteVm, input: { vm: 'no such vm', deleteFiles: true }, codes: ['VM_NOT_FOUND'] },
        { label: 'clone an unknown VM', operation: cloneVm, input: { vm: '$(no such vm)', newName: 'clone' }, codes: ['VM_NOT_FOUND'] },
        { label: 'restore an unknown snapshot', operation: restoreSnapshot, input: { vm: stopped.name, snapshot: 'no such "snapshot"' }, codes: ['SNAPSHOT_NOT_FOUND'], mentions: /no such "snapshot"/ },
        { label: 'delete an unknown snapshot', operation: deleteSnapshot, input: { vm: stopped.name, snapshot: '`id`' }, codes: ['SNAPSHOT_NOT_FOUND'] },
        { label: 'clone from an unknown snapshot', operation: cloneVm, input: { vm: stopped.name, newName: testEnv.uniqueName('rel-noclone'), snapshot: 'nope' }, codes: ['SNAPSHOT_NOT_FOUND'] },
        { label: 'resize an unknown disk path with spaces', operation: resizeDisk, input: { disk: '/no such/dir/my disk.vdi', newSizeMb: 100 }, codes: ['MEDIUM_NOT_FOUND'] },
        { label: 'delete an unknown disk UUID', operation: deleteDisk, input: { disk: '00000000-0000-4000-8000-000000000000' }, codes: ['MEDIUM_NOT_FOUND'] },
        { label: 'attach a disk file that does not exist', operation: addDisk, input: { vm: stopped.name, disk: { kind: 'existing', path: '/no such/dir/disk $(id).vdi' } }, codes: ['MEDIUM_NOT_FOUND', 'FILE_ERROR'] },
        { label: 'delete an unknown NAT network', operation: deleteNetwork, input: { kind: 'natnetwork', name: "net'; drop" }, codes: ['NETWORK_NOT_FOUND'] },
        { label: 'connect to an unknown NAT network', operation: setNetworkMode, input: { vm: stopped.name, slot: 1, network: { mode: 'natnetwork', networkName: 'no-such-net' } }, codes: ['NETWORK_NOT_FOUND'] },
        { label: 'remove a port-forwarding rule that does not exist', operation: portForwarding, input: { vm: stopped.name, action: 'remove', name: 'nope' }, codes: ['INVALID_INPUT'], mentions: /no rule named "nope"/ },
        { label: 'remove a disabled adapter', operation: removeNic, input: { vm: stopped.name, slot: 8 }, codes: ['INVALID_INPUT'], mentions: /slot|[Aa]dapter 8/ },
        { label: 'detach from a controller that does not exist', operation: removeDisk, input: { vm: stopped.name, controller: 'IDE "x"', port: 0, device: 0 }, codes: ['INVALID_INPUT'], mentions: /no storage controller/ },
        // Duplicates.
        { label: 'a VM name already taken', operation: createVm, input: { name: stopped.name, osType: 'Other', memoryMb: 64, cpus: 1 }, codes: ['ALREADY_EXISTS'], mentions: /already registered/ },
        { label: 'a clone name already taken', operation: cloneVm, input: { vm: stopped.name, newName: running.name }, codes: ['ALREADY_EXISTS'] },
        { label: 'a duplicate host port', operation: portForwarding, input: { vm: stopped.name, action: 'add', rule: { name: 'other', hostPort: stopped.rule.hostPort, guestPort: 80 } }, codes: ['ALREADY_EXISTS'], mentions: /42022/ },
        { label: 'a duplicate rule name', operation: portForwarding, input: { vm: stopped.name, action: 'add', rule: { name: stopped.rule.name, hostPort: 42999, guestPort: 80 } }, codes: ['ALREADY_EXISTS'] },
        { label: 'a NAT network name already taken', operation: createNetwork, input: { kind: 'natnetwork', name: natNetwork, cidr: '10.78.0.0/24' }, codes: ['ALREADY_EXISTS'] },
        { label: 'attach a disk that is already attached', operation: addDisk, input: { vm: stopped.name, disk: { kind: 'existing', path: stopped.diskUuid } }, codes: ['MEDIUM_IN_USE'] },
        { label: 'delete a disk that is attached', operation: deleteDisk, input: { disk: stopped.diskPath }, codes: ['MEDIUM_IN_USE'], mentions: /Nothing was deleted/ },
        // Beyond this host or VirtualBox.
        { label: 'memory beyond the host', operation: createVm, input: { name: testEnv.uniqueName('rel-big'), osType: 'Other', memoryMb: 2_000_000, cpus: 1 }, codes: ['INVALID_INPUT'], mentions: /memoryMb/ },
        { label: 'CPUs beyond the host', operation: createVm, input: { name: testEnv.uniqueName('rel-big'), osType: 'Other', memoryMb: 64, cpus: 1000 }, codes: ['INVALID_INPUT'], mentions: /cpus/ },
        { label: 'memory beyond the host', operation: setMemory, input: { vm: stopped.name, memoryMb: 2_000_000 }, codes: ['INVALID_INPUT'], mentions: /memoryMb/ },
        { label: 'CPUs beyond the host', operation: setCpuCount, input: { vm: stopped.name, cpus: 512 }, codes: ['INVALID_INPUT'], mentions: /cpus/ },
        { label: 'an unknown OS type', operation: createVm, input: { name: testEnv.uniqueName('rel-os'), osType: 'NoSuchOS_64', memoryMb: 64, cpus: 1 }, codes: ['INVALID_INPUT'], mentions: /osType/ },
        { label: 'an ISO path with spaces that does not exist', operation: createVm, input: { name: testEnv.uniqueName('rel-iso'), osType: 'Other', memoryMb: 64, cpus: 1, isoPath: '/no such/dir/my image.iso' }, codes: ['INVALID_INPUT'], mentions: /isoPath/ },
        { label: 'shrink a disk', operation: resizeDisk, input: { disk: stopped.diskUuid, newSizeMb: 32 }, codes: ['INVALID_INPUT'], mentions: /cannot shrink/ },
        // The wrong state.
        { label: 'restore while running', operation: restoreSnapshot, input: { vm: running.name, snapshot: running.snapshot }, codes: ['INVALID_VM_STATE'], mentions: /running/ },
        { label: 'set memory while running', operation: setMemory, input: { vm: running.name, memoryMb: 64 }, codes: ['INVALID_VM_STATE'], mentions: /running/ },
        { label: 'set CPUs while running', operation: setCpuCount, input: { vm: running.name, cpus: 1 }, codes: ['INVALID_VM_STATE'], mentions: /running/ },
        { label: 'change settings while running', operation: updateVmConfig, input: { vm: running.name, patch: { description: 'x' } }, codes: ['INVALID_VM_STATE'], mentions: /running/ },
        { label: 'delete a running VM', operation: deleteVm, input: { vm: running.name, deleteFiles: true }, codes: ['INVALID_VM_STATE'], mentions: /running/ },
        { label: 'add a disk while running', operation: addDisk, input: { vm: running.name, disk: { kind: 'new', sizeMb: 8 } }, codes: ['INVALID_VM_STATE'] },
        { label: 'remove an adapter while running', operation: removeNic, input: { vm: running.name, slot: 1 }, codes: ['INVALID_VM_STATE'] },
        { label: 'start a running VM', operation: startVm, input: { vm: running.name }, codes: ['INVALID_VM_STATE'] },
        { label: 'resume a running VM', operation: resumeVm, input: { vm: running.name }, codes: ['INVALID_VM_STATE'] },
        { label: 'pause a powered-off VM', operation: pauseVm, input: { vm: stopped.name }, codes: ['INVALID_VM_STATE'] },
        { label: 'power off a powered-off VM', operation: powerOffVm, input: { vm: stopped.name }, codes: ['INVALID_VM_STATE'] },
        { label: 'screenshot of a powered-off VM', operation: takeScreenshot, input: { vm: stopped.name, folder: testEnv.vbox.dataDir }, codes: ['INVALID_VM_STATE'] },
        { label: 'a snapshot name already taken', operation: createSnapshot, input: { vm: stopped.name, name: stopped.snapshot }, codes: ['ALREADY_EXISTS'] },
    ];

    it('rejects every curated case with the right typed error', async function () {
        this.timeout(240_000);
        const failures: string[] = [];
        for (const bad of cases()) {
            await expectRejected(bad).catch((error: Error) => failures.push(error.message));
        }
        if (failures.length) throw new Error(`${failures.length} case(s) not rejected clearly:\n${failures.join('\n')}`);
    });

    it('refuses a screenshot over an existing file', async () => {
        const path = join(testEnv.vbox.dataDir, `${testEnv.uniqueName('rel-shot')}.png`);
        writeFileSync(path, 'keep me');
        atEnd(async () => (await import('node:fs')).rmSync(path, { force: true }));
        await expectRejected({ label: 'path that exists', operation: takeScreenshot, input: { vm: running.name, path }, codes: ['INVALID_INPUT'], mentions: /already exists/ });
    });

    it('answers generated unknown VM names full of shell characters with VM_NOT_FOUND (property)', async function () {
        this.timeout(120_000);
        const alphabet = fc.constantFrom(...'"\'\\;$()`|&<>*?[]{}!# ~-', 'é', '🎉', 'ß', '中', 'a', 'Z', '0');
        const name = fc.array(alphabet, { minLength: 1, maxLength: 24 }).map((chars) => chars.join('')).filter((text) => text.trim().length > 0);
        await fc.assert(
            fc.asyncProperty(name, (vm) => expectRejected(unknownVm(vm))),
            { numRuns: 20 },
        );
    });
});
