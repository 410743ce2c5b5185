// Loads this spec as an ES module, like the runner (see test/integration/operations/vmRunning.test.ts).
import '../../src/vbox/runner';
import fc from 'fast-check';
import { addNic } from '../../src/operations/network/addNic';
import { createNetwork } from '../../src/operations/network/createNetwork';
import { deleteNetwork } from '../../src/operations/network/deleteNetwork';
import { portForwarding } from '../../src/operations/network/portForwarding';
import { removeNic } from '../../src/operations/network/removeNic';
import { setNetworkMode } from '../../src/operations/network/setNetworkMode';
import type { Operation } from '../../src/operations/operation';
import { withoutControlCharacters } from '../../src/operations/shared/schemas';
import { addSharedFolder } from '../../src/operations/sharedFolders/addSharedFolder';
import { removeSharedFolder } from '../../src/operations/sharedFolders/removeSharedFolder';
import { createSnapshot } from '../../src/operations/snapshot/createSnapshot';
import { restoreSnapshot } from '../../src/operations/snapshot/restoreSnapshot';
import { addDisk } from '../../src/operations/storage/addDisk';
import { deleteDisk } from '../../src/operations/storage/deleteDisk';
import { removeDisk } from '../../src/operations/storage/removeDisk';
import { resizeDisk } from '../../src/operations/storage/resizeDisk';
import { cloneVm } from '../../src/operations/vm/clone';
import { createVm } from '../../src/operations/vm/createVm';
import { deleteVm } from '../../src/operations/vm/deleteVm';
import { setCpuCount, setMemory } from '../../src/operations/vm/resources';
import { takeScreenshot } from '../../src/operations/vm/screenshot';
import { startVm } from '../../src/operations/vm/lifecycle';
import { updateVmConfig } from '../../src/operations/vm/updateVmConfig';
import { countingContext, expectRejected, type BadInput } from './support/rejections';

/**
 * Bad input that the operations' schemas must reject: INVALID_INPUT, a message naming the field, and not one
 * VBoxManage process started (counted by the runner's log). Curated cases first, then generated ones.
 */
const VM = 'reliability-no-such-vm';
const vmBase = { name: 'reliability-valid-name', osType: 'Other', memoryMb: 128, cpus: 1 };
const rule = { name: 'ssh', hostPort: 2222, guestPort: 22 };

const invalid = (operation: Operation, label: string, input: unknown, field: string): BadInput => ({
    label,
    operation,
    input,
    codes: ['INVALID_INPUT'],
    mentions: new RegExp(field.replace(/[.[\]]/g, '\\$&')),
    byValidation: true,
});

const CURATED: BadInput[] = [
    // VM names: control characters, a leading dash (an option to VBoxManage), empty, too long, wrong type.
    invalid(createVm, 'name with a newline', { ...vmBase, name: 'a\nb' }, 'name'),
    invalid(createVm, 'name with a carriage return', { ...vmBase, name: 'a\rb' }, 'name'),
    invalid(createVm, 'name with a NUL', { ...vmBase, name: 'a\u0000b' }, 'name'),
    invalid(createVm, 'name with a tab', { ...vmBase, name: 'a\tb' }, 'name'),
    invalid(createVm, 'name with an escape sequence', { ...vmBase, name: 'a\u001b[31mred' }, 'name'),
    invalid(createVm, 'name starting with -', { ...vmBase, name: '-rf' }, 'name'),
    invalid(createVm, 'name starting with --', { ...vmBase, name: '--register' }, 'name'),
    invalid(createVm, 'name that is an option after trimming', { ...vmBase, name: '  --basefolder' }, 'name'),
    invalid(createVm, 'empty name', { ...vmBase, name: '' }, 'name'),
    invalid(createVm, 'blank name', { ...vmBase, name: '   ' }, 'name'),
    invalid(createVm, 'name of 201 characters', { ...vmBase, name: 'x'.repeat(201) }, 'name'),
    invalid(createVm, 'name of 100 000 characters', { ...vmBase, name: '🎉'.repeat(50_000) }, 'name'),
    invalid(createVm, 'name that is a number', { ...vmBase, name: 42 }, 'name'),
    invalid(createVm, 'name that is null', { ...vmBase, name: null }, 'name'),
    invalid(createVm, 'name missing', { osType: 'Other', memoryMb: 128, cpus: 1 }, 'name'),
    invalid(createVm, 'OS type with shell characters', { ...vmBase, osType: 'Ubuntu_64; rm -rf /' }, 'osType'),
    invalid(createVm, 'OS type with $()', { ...vmBase, osType: '$(id)' }, 'osType'),
    // Memory, CPUs, disk sizes: 0, negative, fractional, huge, not numbers.
    invalid(createVm, 'memory 0', { ...vmBase, memoryMb: 0 }, 'memoryMb'),
    invalid(createVm, 'memory -512', { ...vmBase, memoryMb: -512 }, 'memoryMb'),
    invalid(createVm, 'memory 512.5', { ...vmBase, memoryMb: 512.5 }, 'memoryMb'),
    invalid(createVm, 'memory 10^12', { ...vmBase, memoryMb: 1e12 }, 'memoryMb'),
    invalid(createVm, 'memory Infinity', { ...vmBase, memoryMb: Infinity }, 'memoryMb'),
    invalid(createVm, 'memory NaN', { ...vmBase, memoryMb: NaN }, 'memoryMb'),
    invalid(createVm, 'memory as text "512"', { ...vmBase, memoryMb: '512' }, 'memoryMb'),
    invalid(createVm, 'memory as text "512; reboot"', { ...vmBase, memoryMb: '512; reboot' }, 'memoryMb'),
    invalid(createVm, 'CPUs 0', { ...vmBase, cpus: 0 }, 'cpus'),
    invalid(createVm, 'CPUs -1', { ...vmBase, cpus: -1 }, 'cpus'),
    invalid(createVm, 'CPUs 1.5', { ...vmBase, cpus: 1.5 }, 'cpus'),
    invalid(createVm, 'CPUs 4096', { ...vmBase, cpus: 4096 }, 'cpus'),
    invalid(createVm, 'disk size 0', { ...vmBase, diskSizeMb: 0 }, 'diskSizeMb'),
    invalid(createVm, 'disk size -1', { ...vmBase, diskSizeMb: -1 }, 'diskSizeMb'),
    invalid(createVm, 'disk size 0.5', { ...vmBase, diskSizeMb: 0.5 }, 'diskSizeMb'),
    invalid(createVm, 'disk size 2^53', { ...vmBase, diskSizeMb: 2 ** 53 }, 'diskSizeMb'),
    // Paths: relative, empty; groups that VBoxManage would split.
    invalid(createVm, 'relative ISO path', { ...vmBase, isoPath: 'images/my disk.iso' }, 'isoPath'),
    invalid(createVm, 'relative base folder with spaces', { ...vmBase, baseFolder: 'my machines/new' }, 'baseFolder'),
    invalid(createVm, 'empty base folder', { ...vmBase, baseFolder: '' }, 'baseFolder'),
    invalid(createVm, 'group with a comma', { ...vmBase, group: '/a,/b' }, 'group'),
    invalid(createVm, 'group without a leading slash', { ...vmBase, group: 'Team' }, 'group'),
    invalid(createVm, 'group with a trailing slash', { ...vmBase, group: '/Team/' }, 'group'),
    invalid(setMemory, 'memory 0', { vm: VM, memoryMb: 0 }, 'memoryMb'),
    invalid(setMemory, 'memory -1', { vm: VM, memoryMb: -1 }, 'memoryMb'),
    invalid(setMemory, 'memory 1024.25', { vm: VM, memoryMb: 1024.25 }, 'memoryMb'),
    invalid(setMemory, 'memory 3 TB', { vm: VM, memoryMb: 3 * 1024 * 1024 }, 'memoryMb'),
    invalid(setMemory, 'empty VM reference', { vm: '', memoryMb: 256 }, 'vm'),
    invalid(setMemory, 'VM reference as an array', { vm: ['a', 'b'], memoryMb: 256 }, 'vm'),
    invalid(setCpuCount, 'CPUs 0', { vm: VM, cpus: 0 }, 'cpus'),
    invalid(setCpuCount, 'CPUs -4', { vm: VM, cpus: -4 }, 'cpus'),
    invalid(setCpuCount, 'CPUs 2.5', { vm: VM, cpus: 2.5 }, 'cpus'),
    invalid(setCpuCount, 'CPUs 10^6', { vm: VM, cpus: 1e6 }, 'cpus'),
    invalid(updateVmConfig, 'empty patch', { vm: VM, patch: {} }, 'at least one setting'),
    invalid(updateVmConfig, 'unknown setting', { vm: VM, patch: { shell: 'bash -c id' } }, 'shell'),
    invalid(updateVmConfig, 'video memory -1', { vm: VM, patch: { vramMb: -1 } }, 'patch.vramMb'),
    invalid(updateVmConfig, 'video memory 1.5', { vm: VM, patch: { vramMb: 1.5 } }, 'patch.vramMb'),
    invalid(updateVmConfig, 'rename to a newline name', { vm: VM, patch: { name: 'x\ny' } }, 'patch.name'),
    invalid(updateVmConfig, 'rename to --name', { vm: VM, patch: { name: '--name' } }, 'patch.name'),
    invalid(updateVmConfig, 'five boot devices', { vm: VM, patch: { bootOrder: ['disk', 'dvd', 'net', 'floppy', 'none'] } }, 'patch.bootOrder'),
    invalid(updateVmConfig, 'unknown firmware', { vm: VM, patch: { firmware: 'uefi; reboot' } }, 'patch.firmware'),
    invalid(updateVmConfig, 'description of 10 001 characters', { vm: VM, patch: { description: 'd'.repeat(10_001) } }, 'patch.description'),
    invalid(startVm, 'unknown start type', { vm: VM, type: 'sdl' }, 'type'),
    invalid(deleteVm, 'deleteFiles as text', { vm: VM, deleteFiles: 'yes' }, 'deleteFiles'),
    invalid(cloneVm, 'clone name with a newline', { vm: VM, newName: 'a\nb' }, 'newName'),
    invalid(cloneVm, 'clone name starting with -', { vm: VM, newName: '-x' }, 'newName'),
    invalid(cloneVm, 'unknown clone mode', { vm: VM, newName: 'c', mode: 'shallow' }, 'mode'),
    invalid(cloneVm, 'relative clone folder', { vm: VM, newName: 'c', baseFolder: './clones' }, 'baseFolder'),
    invalid(takeScreenshot, 'relative screenshot path', { vm: VM, path: 'shot.png' }, 'path'),
    invalid(takeScreenshot, 'both path and folder', { vm: VM, path: '/tmp/a.png', folder: '/tmp' }, 'path or folder'),
    // Disks.
    invalid(addDisk, 'new disk of 0 MB', { vm: VM, disk: { kind: 'new', sizeMb: 0 } }, 'disk.sizeMb'),
    invalid(addDisk, 'new disk of -100 MB', { vm: VM, disk: { kind: 'new', sizeMb: -100 } }, 'disk.sizeMb'),
    invalid(addDisk, 'new disk of 1.5 MB', { vm: VM, disk: { kind: 'new', sizeMb: 1.5 } }, 'disk.sizeMb'),
    invalid(addDisk, 'new disk beyond 2 TB', { vm: VM, disk: { kind: 'new', sizeMb: 2_097_152 } }, 'disk.sizeMb'),
    invalid(addDisk, 'file name with a slash', { vm: VM, disk: { kind: 'new', sizeMb: 10, fileName: '../../etc/passwd' } }, 'disk.fileName'),
    invalid(addDisk, 'file name with a quote', { vm: VM, disk: { kind: 'new', sizeMb: 10, fileName: 'a"b' } }, 'disk.fileName'),
    invalid(addDisk, 'file name with a backslash', { vm: VM, disk: { kind: 'new', sizeMb: 10, fileName: 'a\\b' } }, 'disk.fileName'),
    invalid(addDisk, 'file name with a newline', { vm: VM, disk: { kind: 'new', sizeMb: 10, fileName: 'a\nb' } }, 'disk.fileName'),
    invalid(addDisk, 'hidden file name', { vm: VM, disk: { kind: 'new', sizeMb: 10, fileName: '.bashrc' } }, 'disk.fileName'),
    invalid(addDisk, 'unknown format', { vm: VM, disk: { kind: 'new', sizeMb: 10, format: 'QCOW2' } }, 'disk.format'),
    invalid(addDisk, 'unknown disk kind', { vm: VM, disk: { kind: 'raw', path: '/dev/sda' } }, 'disk'),
    invalid(resizeDisk, 'new size 0', { disk: '/x.vdi', newSizeMb: 0 }, 'newSizeMb'),
    invalid(resizeDisk, 'new size -1', { disk: '/x.vdi', newSizeMb: -1 }, 'newSizeMb'),
    invalid(resizeDisk, 'new size 100.5', { disk: '/x.vdi', newSizeMb: 100.5 }, 'newSizeMb'),
    invalid(resizeDisk, 'new size beyond 2 TB', { disk: '/x.vdi', newSizeMb: 4_000_000 }, 'newSizeMb'),
    invalid(deleteDisk, 'empty disk reference', { disk: '' }, 'disk'),
    invalid(removeDisk, 'disk and slot at once', { vm: VM, disk: '/x.vdi', controller: 'SATA', port: 0, device: 0 }, 'either disk'),
    invalid(removeDisk, 'slot without device', { vm: VM, controller: 'SATA', port: 0 }, 'controller, port and device'),
    invalid(removeDisk, 'port -1', { vm: VM, controller: 'SATA', port: -1, device: 0 }, 'port'),
    invalid(removeDisk, 'port 255', { vm: VM, controller: 'SATA', port: 255, device: 0 }, 'port'),
    // Network: ports 0 / 65536 / fractional, rule names, slots, CIDRs, names.
    invalid(portForwarding, 'host port 0', { vm: VM, action: 'add', rule: { ...rule, hostPort: 0 } }, 'rule.hostPort'),
    invalid(portForwarding, 'host port 65536', { vm: VM, action: 'add', rule: { ...rule, hostPort: 65536 } }, 'rule.hostPort'),
    invalid(portForwarding, 'host port -22', { vm: VM, action: 'add', rule: { ...rule, hostPort: -22 } }, 'rule.hostPort'),
    invalid(portForwarding, 'guest port 0', { vm: VM, action: 'add', rule: { ...rule, guestPort: 0 } }, 'rule.guestPort'),
    invalid(portForwarding, 'guest port 65536', { vm: VM, action: 'add', rule: { ...rule, guestPort: 65536 } }, 'rule.guestPort'),
    invalid(portForwarding, 'guest port 22.5', { vm: VM, action: 'add', rule: { ...rule, guestPort: 22.5 } }, 'rule.guestPort'),
    invalid(portForwarding, 'rule name with a comma', { vm: VM, action: 'add', rule: { ...rule, name: 'a,tcp,,1,,2' } }, 'rule.name'),
    invalid(portForwarding, 'rule name with a colon', { vm: VM, action: 'add', rule: { ...rule, name: 'a:b' } }, 'rule.name'),
    invalid(portForwarding, 'rule name with a newline', { vm: VM, action: 'add', rule: { ...rule, name: 'a\nb' } }, 'rule.name'),
    invalid(portForwarding, 'host address that is not IPv4', { vm: VM, action: 'add', rule: { ...rule, hostIp: '127.0.0.1; id' } }, 'rule.hostIp'),
    invalid(portForwarding, 'unknown protocol', { vm: VM, action: 'add', rule: { ...rule, protocol: 'icmp' } }, 'rule.protocol'),
    invalid(portForwarding, 'add without a rule', { vm: VM, action: 'add' }, 'rule'),
    invalid(portForwarding, 'remove without a name', { vm: VM, action: 'remove' }, 'name'),
    invalid(portForwarding, 'slot 0', { vm: VM, slot: 0, action: 'list' }, 'slot'),
    invalid(portForwarding, 'slot 37', { vm: VM, slot: 37, action: 'list' }, 'slot'),
    invalid(removeNic, 'slot 1.5', { vm: VM, slot: 1.5 }, 'slot'),
    invalid(setNetworkMode, 'bridged without an interface', { vm: VM, slot: 1, network: { mode: 'bridged' } }, 'network.hostInterface'),
    invalid(setNetworkMode, 'internal network with a newline', { vm: VM, slot: 1, network: { mode: 'intnet', networkName: 'a\nb' } }, 'network.networkName'),
    invalid(addNic, 'unknown attachment mode', { vm: VM, network: { mode: 'vde' } }, 'network'),
    invalid(createNetwork, 'NAT network without a CIDR', { kind: 'natnetwork', name: 'n' }, 'cidr'),
    invalid(createNetwork, 'NAT network CIDR with host bits', { kind: 'natnetwork', name: 'n', cidr: '10.0.5.1/24' }, 'cidr'),
    invalid(createNetwork, 'NAT network CIDR /31', { kind: 'natnetwork', name: 'n', cidr: '10.0.5.0/31' }, 'cidr'),
    invalid(createNetwork, 'NAT network CIDR that is a command', { kind: 'natnetwork', name: 'n', cidr: '$(reboot)' }, 'cidr'),
    invalid(createNetwork, 'NAT network name with a newline', { kind: 'natnetwork', name: 'a\nb', cidr: '10.0.5.0/24' }, 'name'),
    invalid(createNetwork, 'empty NAT network name', { kind: 'natnetwork', name: '', cidr: '10.0.5.0/24' }, 'name'),
    invalid(createNetwork, 'host-only with a name', { kind: 'hostonly', name: 'vboxnet9' }, 'name'),
    invalid(deleteNetwork, 'unknown network kind', { kind: 'bridged', name: 'eth0' }, 'kind'),
    // Shared folders.
    invalid(addSharedFolder, 'share name with a space', { vm: VM, name: 'my share', hostPath: '/tmp' }, 'name'),
    invalid(addSharedFolder, 'share name with a slash', { vm: VM, name: 'a/b', hostPath: '/tmp' }, 'name'),
    invalid(addSharedFolder, 'share name with a newline', { vm: VM, name: 'a\nb', hostPath: '/tmp' }, 'name'),
    invalid(addSharedFolder, 'relative host path', { vm: VM, name: 'share', hostPath: 'projects/x' }, 'hostPath'),
    invalid(addSharedFolder, 'host path that is a command', { vm: VM, name: 'share', hostPath: '$(reboot)' }, 'hostPath'),
    invalid(addSharedFolder, 'mount point without auto-mount', { vm: VM, name: 'share', hostPath: '/tmp', autoMountPoint: '/mnt/s' }, 'autoMountPoint'),
    invalid(addSharedFolder, 'read-only as a string', { vm: VM, name: 'share', hostPath: '/tmp', readOnly: 'yes' }, 'readOnly'),
    invalid(removeSharedFolder, 'empty share name', { vm: VM, name: ' ' }, 'name'),
    // Snapshots.
    invalid(createSnapshot, 'snapshot name with a newline', { vm: VM, name: 'a\nb' }, 'name'),
    invalid(createSnapshot, 'snapshot name starting with --', { vm: VM, name: '--live' }, 'name'),
    invalid(createSnapshot, 'empty snapshot name', { vm: VM, name: '' }, 'name'),
    invalid(createSnapshot, 'snapshot name of 256 characters', { vm: VM, name: 's'.repeat(256) }, 'name'),
    invalid(restoreSnapshot, 'empty snapshot reference', { vm: VM, snapshot: ' ' }, 'snapshot'),
    // Not even an object.
    invalid(createVm, 'no input at all', undefined, 'expected object'),
    invalid(setMemory, 'a string instead of an object', 'vm=x memoryMb=1', 'expected object'),
    invalid(portForwarding, 'an array instead of an object', [VM, 'add'], 'expected object'),
];

// A VBoxManage that cannot start: if a schema wrongly let an input through, the attempt is still counted (a
// spawn-error record) and fails the case, but nothing is created in VirtualBox.
const NOWHERE = '/nonexistent/reliability/VBoxManage';
const rejectedByValidation = (bad: BadInput) => expectRejected(bad, countingContext({ executable: NOWHERE }));

describe('(reliability) bad input rejected by validation, nothing spawned', function () {
    for (const bad of CURATED) {
        it(`${bad.operation.id}: ${bad.label}`, () => rejectedByValidation(bad));
    }

    // Generated inputs: each run is one recorded bad input. The seed is printed by fast-check when one fails.
    const notAPositiveInt = fc.oneof(
        fc.integer({ max: 0 }),
        fc.double({ noInteger: true, noDefaultInfinity: false }),
        fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 31, 1e300),
        fc.string(),
        fc.constant(null),
        fc.boolean(),
    );
    const controlCharacter = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
    const badName = fc.oneof(
        // The control character must survive the trimming that the schemas do first.
        fc.tuple(fc.string(), controlCharacter, fc.string()).map(([a, c, b]) => `${a}${c}${b}`).filter((name) => !withoutControlCharacters(name.trim())),
        fc.string({ maxLength: 30 }).map((rest) => `-${rest}`),
        fc.string({ maxLength: 30 }).map((rest) => `--${rest}`),
        // Longer than both limits (VM names 200, snapshot names 255).
        fc.string({ minLength: 256, maxLength: 400 }).filter((name) => name.trim().length > 255),
        fc.constantFrom('', ' ', '\t', '\n'),
    );

    it('create_vm rejects generated invalid memory sizes (property)', async () => {
        await fc.assert(
            fc.asyncProperty(notAPositiveInt.filter((value) => typeof value !== 'number' || !(value >= 4 && value <= 2_097_152 && Number.isInteger(value))), (memoryMb) =>
                rejectedByValidation(invalid(createVm, `memory ${JSON.stringify(memoryMb)}`, { ...vmBase, memoryMb }, 'memoryMb')),
            ),
            { numRuns: 20 },
        );
    });

    it('set_cpu_count rejects generated invalid CPU counts (property)', async () => {
        await fc.assert(
            fc.asyncProperty(notAPositiveInt.filter((value) => typeof value !== 'number' || !(value >= 1 && value <= 1024 && Number.isInteger(value))), (cpus) =>
                rejectedByValidation(invalid(setCpuCount, `cpus ${JSON.stringify(cpus)}`, { vm: VM, cpus }, 'cpus')),
            ),
            { numRuns: 15 },
        );
    });

    it('create_vm and create_snapshot reject generated names with control characters, leading dashes, or no length (property)', async () => {
        await fc.assert(
            fc.asyncProperty(badName, fc.boolean(), (name, asSnapshot) =>
                asSnapshot
                    ? rejectedByValidation(invalid(createSnapshot, `snapshot name ${JSON.stringify(name).slice(0, 60)}`, { vm: VM, name }, 'name'))
                    : rejectedByValidation(invalid(createVm, `name ${JSON.stringify(name).slice(0, 60)}`, { ...vmBase, name }, 'name')),
            ),
            { numRuns: 25 },
        );
    });

    it('port_forwarding rejects generated out-of-range ports (property)', async () => {
        const badPort = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65_536 }), fc.double({ min: 1, max: 65_535, noInteger: true }));
        await fc.assert(
            fc.asyncProperty(badPort, fc.constantFrom('hostPort', 'guestPort'), (port, field) =>
                rejectedByValidation(invalid(portForwarding, `${field} ${port}`, { vm: VM, action: 'add', rule: { ...rule, [field]: port } }, `rule.${field}`)),
            ),
            { numRuns: 15 },
        );
    });

    it('add_disk and resize_disk reject generated invalid sizes (property)', async () => {
        await fc.assert(
            fc.asyncProperty(notAPositiveInt.filter((value) => typeof value !== 'number' || !(value >= 1 && value <= 2_097_151 && Number.isInteger(value))), fc.boolean(), (size, resize) =>
                resize
                    ? rejectedByValidation(invalid(resizeDisk, `new size ${JSON.stringify(size)}`, { disk: '/x.vdi', newSizeMb: size }, 'newSizeMb'))
                    : rejectedByValidation(invalid(addDisk, `size ${JSON.stringify(size)}`, { vm: VM, disk: { kind: 'new', sizeMb: size } }, 'disk.sizeMb')),
            ),
            { numRuns: 15 },
        );
    });

    it('a counting context really counts: a valid input does start VBoxManage', async () => {
        // Guards the zero-spawn checks above: if the counter never counted, they would pass for nothing.
        const { ctx, spawns } = countingContext();
        await ctx.vbox.run({ args: ['--version'], parse: () => undefined });
        if (spawns.length !== 1) throw new Error(`expected one recorded spawn, got ${spawns.length}`);
    });
});
