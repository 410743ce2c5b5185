// Loads this spec as an ES module, like the root hook's runner (see vmRunning.test.ts): one copy of src/vbox/errors.
import '../../../src/vbox/runner';
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOperation } from '../../../src/operations/operation';
import { addSharedFolder } from '../../../src/operations/sharedFolders/addSharedFolder';
import { listSharedFolders } from '../../../src/operations/sharedFolders/listSharedFolders';
import { removeSharedFolder } from '../../../src/operations/sharedFolders/removeSharedFolder';
import { isVBoxError, type VBoxErrorCode } from '../../../src/vbox/errors';
import { covers } from '../support/coverage';
import { machine, quietly, vbox } from '../support/independentReads';
import { operationContext } from '../support/operationContext';
import { calls } from '../support/recordingLogger';
import { testEnv } from '../support/testEnv';

const rejectsWith = (promise: Promise<unknown>, code: VBoxErrorCode, message: RegExp) =>
    assert.rejects(promise, (error) => {
        assert.ok(isVBoxError(error, code), `expected ${code}, got ${String(error)}`);
        assert.match(error.message, message);
        return true;
    });
const sharedFolderCalls = () => calls.filter((call) => call.args[0] === 'sharedfolder').length;

/** VirtualBox's own list: `[kind, name, path]` from showvminfo's machine-readable keys. */
async function mappings(vm: string): Promise<[string, string, string][]> {
    const info = await machine(vm);
    const found: [string, string, string][] = [];
    for (const kind of ['Machine', 'Transient']) {
        for (let i = 1; info.has(`SharedFolderName${kind}Mapping${i}`); i++) {
            found.push([kind, info.get(`SharedFolderName${kind}Mapping${i}`) ?? '', info.get(`SharedFolderPath${kind}Mapping${i}`) ?? '']);
        }
    }
    return found;
}

/** The flags as VBoxManage's human-readable showvminfo states them (the runner sets LC_ALL=C, so English). */
async function describedFlags(vm: string, name: string): Promise<string> {
    const text = await vbox('showvminfo', vm);
    const line = text.split('\n').find((candidate) => candidate.startsWith(`Name: '${name}', Host path:`));
    assert.ok(line, `showvminfo lists no folder "${name}"`);
    return line.replace(/^.*\)(, )?/, '');
}

/** After a power-off the VM process keeps the session for a moment. */
async function waitUntilUnlocked(vm: string): Promise<void> {
    for (let i = 0; i < 120; i++) {
        const info = await machine(vm).catch(() => undefined);
        if (!info || (!info.has('SessionName') && info.get('VMState') !== 'running')) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}

/** A floppy whose boot sector loops (`jmp $`): the VM idles instead of failing to boot (see networkOperations). */
async function giveIdleGuest(vm: string): Promise<void> {
    const image = join(testEnv.vbox.dataDir, vm, 'idle-guest.img');
    const sectors = Buffer.alloc(1_474_560);
    sectors.set([0xeb, 0xfe], 0);
    sectors.set([0x55, 0xaa], 510);
    writeFileSync(image, sectors);
    await vbox('storagectl', vm, '--name', 'Floppy', '--add', 'floppy');
    await vbox('storageattach', vm, '--storagectl', 'Floppy', '--port', '0', '--device', '0', '--type', 'fdd', '--medium', image);
}

async function removeVm(vm: string): Promise<void> {
    await quietly('controlvm', vm, 'poweroff');
    await waitUntilUnlocked(vm);
    for (let attempt = 0; attempt < 5; attempt++) {
        await quietly('unregistervm', vm, '--delete-all');
        if (!(await vbox('list', 'vms')).includes(`"${vm}" {`)) {
            rmSync(join(testEnv.vbox.dataDir, vm), { recursive: true, force: true });
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    console.warn(`    left behind: VM "${vm}" is still locked by its process`);
}

describe('(integration) shared folders', function () {
    const vm = testEnv.uniqueName('sf');
    const runner = testEnv.uniqueName('sf-run');
    const hostName = testEnv.uniqueName('sf-host');
    const globalName = testEnv.uniqueName('sf-global');
    // testEnv.vbox is ready only once the root hook found VirtualBox: read it in the hooks and tests, not here.
    const share = (name: string) => join(testEnv.vbox.dataDir, hostName, name);

    before(async function () {
        for (const name of ['docs', 'ro', 'live', 'everyone']) mkdirSync(share(name), { recursive: true });
        writeFileSync(share('a-file'), 'not a folder');
        for (const name of [vm, runner]) await vbox('createvm', '--name', name, '--ostype', 'Other', '--basefolder', testEnv.vbox.dataDir, '--register');
        await vbox('modifyvm', runner, '--memory', '64');
        await giveIdleGuest(runner);
    });

    after(async function () {
        this.timeout(180_000);
        for (const name of [vm, runner]) await removeVm(name);
        await quietly('sharedfolder', 'remove', 'global', `--name=${globalName}`);
        rmSync(join(testEnv.vbox.dataDir, hostName), { recursive: true, force: true });
    });

    it('list_shared_folders: none on a new VM, and permanent ones can be added while it is off', async () => {
        const listed = await runOperation(listSharedFolders, operationContext(), { vm });
        assert.deepEqual([listed.folders, listed.changeable, listed.state], [[], 'permanent', 'poweroff']);
        assert.deepEqual(await mappings(vm), []);
    });

    it('add_shared_folder adds permanent folders with their flags, read back from VirtualBox', async () => {
        const added = await runOperation(addSharedFolder, operationContext(), { vm, name: 'docs', hostPath: share('docs') });
        assert.deepEqual(added.folder, { name: 'docs', hostPath: share('docs'), transient: false, global: false, readOnly: false, autoMount: false, autoMountPoint: '' });
        const ro = await runOperation(addSharedFolder, operationContext(), {
            vm,
            name: 'ro',
            hostPath: share('ro'),
            readOnly: true,
            autoMount: true,
            autoMountPoint: '/mnt/ro',
        });
        assert.deepEqual(ro.folder, { name: 'ro', hostPath: share('ro'), transient: false, global: false, readOnly: true, autoMount: true, autoMountPoint: '/mnt/ro' });
        assert.deepEqual(await mappings(vm), [
            ['Machine', 'docs', share('docs')],
            ['Machine', 'ro', share('ro')],
        ]);
        assert.equal(await describedFlags(vm, 'docs'), 'writable');
        assert.equal(await describedFlags(vm, 'ro'), "readonly, auto-mount, mount-point: '/mnt/ro'");

        const listed = await runOperation(listSharedFolders, operationContext(), { vm });
        assert.deepEqual(listed.folders, ro.folders);
        assert.deepEqual(listed.folders.map((folder) => [folder.name, folder.readOnly]), [['docs', false], ['ro', true]]);
    });

    it('add_shared_folder refuses a taken name, a missing folder, a file and a transient folder on a stopped VM, spawning no sharedfolder', async () => {
        const spawnedBefore = sharedFolderCalls();
        await rejectsWith(runOperation(addSharedFolder, operationContext(), { vm, name: 'docs', hostPath: share('ro') }), 'ALREADY_EXISTS', /already has a permanent shared folder named "docs"/);
        await rejectsWith(runOperation(addSharedFolder, operationContext(), { vm, name: 'gone', hostPath: share('missing') }), 'INVALID_INPUT', /does not exist/);
        await rejectsWith(runOperation(addSharedFolder, operationContext(), { vm, name: 'file', hostPath: share('a-file') }), 'INVALID_INPUT', /is a file/);
        await rejectsWith(
            runOperation(addSharedFolder, operationContext(), { vm, name: 'tr', hostPath: share('live'), transient: true }),
            'INVALID_VM_STATE',
            /transient shared folder while VM .* is powered off/,
        );
        await rejectsWith(runOperation(addSharedFolder, operationContext(), { vm, name: 'a b', hostPath: share('live') }), 'INVALID_INPUT', /spaces/);
        assert.equal(sharedFolderCalls(), spawnedBefore, 'no sharedfolder call for refused input');
        assert.equal((await mappings(vm)).length, 2, 'nothing added');
        covers('list_shared_folders');
    });

    it('remove_shared_folder removes a permanent folder and keeps the host folder; an unknown name is refused', async () => {
        const result = await runOperation(removeSharedFolder, operationContext(), { vm, name: 'docs' });
        assert.deepEqual(result.removed, { name: 'docs', hostPath: share('docs'), transient: false, global: false, readOnly: false, autoMount: false, autoMountPoint: '' });
        assert.deepEqual(await mappings(vm), [['Machine', 'ro', share('ro')]]);
        assert.ok(statSync(share('docs')).isDirectory(), 'the host folder stays');
        await rejectsWith(runOperation(removeSharedFolder, operationContext(), { vm, name: 'docs' }), 'INVALID_INPUT', /no shared folder named "docs" \(its folders: "ro"\)/);
    });

    it('a global shared folder (VirtualBox 7.2) is listed for the VM, and neither removed nor shadowed through it', async () => {
        await vbox('sharedfolder', 'add', 'global', `--name=${globalName}`, `--hostpath=${share('everyone')}`);
        try {
            assert.ok((await vbox('showvminfo', vm, '--machinereadable')).includes(`SharedFolderNameGlobalMapping`), 'VirtualBox lists it for the VM');
            const listed = await runOperation(listSharedFolders, operationContext(), { vm });
            assert.deepEqual(
                listed.folders.filter((folder) => folder.global),
                [{ name: globalName, hostPath: share('everyone'), transient: false, global: true }],
            );
            await rejectsWith(runOperation(removeSharedFolder, operationContext(), { vm, name: globalName }), 'INVALID_INPUT', /global shared folder, shared with every VM/);
            await rejectsWith(runOperation(addSharedFolder, operationContext(), { vm, name: globalName, hostPath: share('docs') }), 'ALREADY_EXISTS', /global shared folder/);
            assert.ok((await vbox('showvminfo', vm, '--machinereadable')).includes(`SharedFolderNameGlobalMapping1="${globalName}"`), 'still there');
        } finally {
            await quietly('sharedfolder', 'remove', 'global', `--name=${globalName}`);
        }
    });

    it('on a running VM: transient folders come and go, permanent ones are refused with advice', async function () {
        this.timeout(180_000);
        await runOperation(addSharedFolder, operationContext(), { vm: runner, name: 'perm', hostPath: share('docs') });
        await vbox('startvm', runner, '--type', 'headless');
        assert.equal((await machine(runner)).get('VMState'), 'running');
        assert.equal((await runOperation(listSharedFolders, operationContext(), { vm: runner })).changeable, 'transient');

        const added = await runOperation(addSharedFolder, operationContext(), { vm: runner, name: 'live', hostPath: share('live'), readOnly: true, transient: true });
        assert.deepEqual(added.folder, { name: 'live', hostPath: share('live'), transient: true, global: false });
        assert.deepEqual(await mappings(runner), [
            ['Machine', 'perm', share('docs')],
            ['Transient', 'live', share('live')],
        ]);
        assert.match(await describedFlags(runner, 'live'), /^readonly/);

        await rejectsWith(
            runOperation(addSharedFolder, operationContext(), { vm: runner, name: 'perm2', hostPath: share('ro') }),
            'INVALID_VM_STATE',
            /permanent shared folder while VM .* is running\. .*use a transient folder/,
        );
        await rejectsWith(runOperation(removeSharedFolder, operationContext(), { vm: runner, name: 'perm' }), 'INVALID_VM_STATE', /permanent/);

        const removed = await runOperation(removeSharedFolder, operationContext(), { vm: runner, name: 'live' });
        assert.equal(removed.removed.transient, true);
        assert.deepEqual(await mappings(runner), [['Machine', 'perm', share('docs')]]);
        assert.equal((await machine(runner)).get('VMState'), 'running');
        covers('add_shared_folder');
        covers('remove_shared_folder');
    });
});
