import { strict as assert } from 'node:assert';
import { cloneVmArgs, cloneVmInput, linkedBaseName } from '../../../src/operations/vm/clone';
import { configureSteps, createVmArgs, createVmInput } from '../../../src/operations/vm/createVm';
import { screenshotFileName } from '../../../src/operations/vm/screenshot';
import { modifyVmArgs, patchedFields, vmConfigPatch } from '../../../src/operations/vm/updateVmConfig';

describe('(unit) vm operations: VBoxManage arguments', () => {
    describe('update_vm_config', () => {
        it('puts the whole patch into one modifyvm call, each value one argument', () => {
            const patch = vmConfigPatch.parse({
                name: 'web server "prod"',
                osType: 'Ubuntu_64',
                description: 'line 1\nline 2',
                groups: ['/Team/Web', '/Prod'],
                memoryMb: 2048,
                cpus: 2,
                vramMb: 64,
                firmware: 'efi',
                chipset: 'ich9',
                graphicsController: 'vmsvga',
            });
            assert.deepEqual(modifyVmArgs('uuid-1', patch), [
                'modifyvm', 'uuid-1',
                '--name', 'web server "prod"',
                '--ostype', 'Ubuntu_64',
                '--description', 'line 1\nline 2',
                '--groups', '/Team/Web,/Prod',
                '--memory', '2048',
                '--cpus', '2',
                '--vram', '64',
                '--firmware', 'efi',
                '--chipset', 'ich9',
                '--graphicscontroller', 'vmsvga',
            ]);
        });

        it('sets the boot positions not given to none', () => {
            assert.deepEqual(modifyVmArgs('vm', vmConfigPatch.parse({ bootOrder: ['dvd', 'disk'] })), [
                'modifyvm', 'vm', '--boot1', 'dvd', '--boot2', 'disk', '--boot3', 'none', '--boot4', 'none',
            ]);
        });

        it('passes an empty description through (it clears the description)', () => {
            assert.deepEqual(modifyVmArgs('vm', vmConfigPatch.parse({ description: '' })), ['modifyvm', 'vm', '--description', '']);
            assert.deepEqual(patchedFields(vmConfigPatch.parse({ description: '', cpus: 2 })), ['description', 'cpus']);
        });
    });

    describe('create_vm', () => {
        const base = { name: 'New VM', osType: 'Ubuntu_64', memoryMb: 1024, cpus: 2 };

        it('registers the VM, with base folder and group only when given', () => {
            assert.deepEqual(createVmArgs(createVmInput.parse(base)), ['createvm', '--name', 'New VM', '--ostype', 'Ubuntu_64', '--register']);
            assert.deepEqual(createVmArgs(createVmInput.parse({ ...base, baseFolder: '/vms', group: '/Lab' })), [
                'createvm', '--name', 'New VM', '--ostype', 'Ubuntu_64', '--register', '--basefolder', '/vms', '--groups', '/Lab',
            ]);
        });

        it('without disk or ISO only sets memory and CPUs', () => {
            assert.deepEqual(configureSteps('u', createVmInput.parse(base), '/vms/New VM/New VM.vdi').map((s) => s.args), [
                ['modifyvm', 'u', '--memory', '1024', '--cpus', '2'],
            ]);
        });

        it('creates a VDI in the VM folder on SATA port 0, and the ISO on port 1', () => {
            const steps = configureSteps('u', createVmInput.parse({ ...base, diskSizeMb: 8192, isoPath: '/isos/boot.iso' }), '/vms/New VM/New VM.vdi');
            assert.deepEqual(steps.map((s) => s.args), [
                ['modifyvm', 'u', '--memory', '1024', '--cpus', '2'],
                ['storagectl', 'u', '--name', 'SATA', '--add', 'sata', '--controller', 'IntelAhci', '--portcount', '2', '--bootable', 'on'],
                ['createmedium', 'disk', '--filename', '/vms/New VM/New VM.vdi', '--size', '8192', '--format', 'VDI'],
                ['storageattach', 'u', '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', '/vms/New VM/New VM.vdi'],
                ['storageattach', 'u', '--storagectl', 'SATA', '--port', '1', '--device', '0', '--type', 'dvddrive', '--medium', '/isos/boot.iso'],
            ]);
            assert.ok(steps.every((s) => s.label.length > 0));
        });

        it('puts an ISO alone on port 0', () => {
            const steps = configureSteps('u', createVmInput.parse({ ...base, isoPath: '/isos/boot.iso' }), '/x.vdi');
            assert.deepEqual(steps.at(-1)?.args.slice(4, 8), ['--port', '0', '--device', '0']);
            assert.ok(!steps.some((s) => s.args[0] === 'createmedium'));
        });
    });

    describe('clone_vm', () => {
        it('defaults to a full, registered clone of the current state', () => {
            const input = cloneVmInput.parse({ vm: 'src', newName: 'copy' });
            assert.deepEqual(cloneVmArgs(input, undefined), ['clonevm', 'src', '--name', 'copy', '--mode', 'machine', '--register']);
        });

        it('links to the snapshot and leaves the clone unregistered when asked', () => {
            const input = cloneVmInput.parse({ vm: 'src', newName: 'copy', mode: 'linked', register: false, baseFolder: '/clones' });
            assert.deepEqual(cloneVmArgs(input, 'snap-uuid'), [
                'clonevm', 'src', '--name', 'copy', '--mode', 'machine', '--snapshot', 'snap-uuid', '--options', 'Link', '--basefolder', '/clones',
            ]);
            assert.equal(linkedBaseName('copy'), 'Linked Base for copy');
        });
    });

    describe('take_screenshot', () => {
        it('names files after the VM, file-safe, with a timestamp and a random tail', () => {
            const now = new Date('2025-01-31T09:12:33.123Z');
            const a = screenshotFileName('web/01: "prod"', now);
            assert.match(a, /^web_01_prod_-2025-01-31T09-12-33-123Z-[0-9a-f]{6}\.png$/);
            assert.notEqual(a, screenshotFileName('web/01: "prod"', now));
        });
    });
});
