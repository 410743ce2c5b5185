import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UnreadableSettingsError } from '../../../src/vbox/settingsFiles/globalSettings';
import { logFileOf, VirtualBoxSettingsFiles } from '../../../src/vbox/settingsFiles/settingsFiles';
import { resolveUserHome, userHomeCandidates } from '../../../src/vbox/settingsFiles/userHome';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'settings-files');

describe('(unit) settings files: VirtualBox home', function () {
    const linux = { platform: 'linux' as const, userDir: '/home/u', cwd: '/work' };

    it('takes VBOX_USER_HOME first, made absolute against the working folder as VirtualBox does', function () {
        assert.deepEqual(userHomeCandidates({ ...linux, env: { VBOX_USER_HOME: 'vbox' } }), ['/work/vbox']);
        assert.deepEqual(userHomeCandidates({ ...linux, env: { VBOX_USER_HOME: '/srv/vbox' } }), ['/srv/vbox']);
    });

    it('on Linux prefers the legacy ~/.VirtualBox when it exists, else the XDG folder', function () {
        assert.deepEqual(userHomeCandidates({ ...linux, env: {} }), ['/home/u/.VirtualBox', '/home/u/.config/VirtualBox']);
        assert.deepEqual(userHomeCandidates({ ...linux, env: { XDG_CONFIG_HOME: '/cfg' } })[1], '/cfg/VirtualBox');
        assert.equal(resolveUserHome({ ...linux, env: {} }, (dir) => dir === '/home/u/.VirtualBox'), '/home/u/.VirtualBox');
        assert.equal(resolveUserHome({ ...linux, env: {} }, () => false), '/home/u/.config/VirtualBox');
    });

    it('uses ~/Library/VirtualBox on macOS and %USERPROFILE%\\.VirtualBox on Windows', function () {
        assert.deepEqual(userHomeCandidates({ platform: 'darwin', env: {}, userDir: '/Users/u', cwd: '/' }), ['/Users/u/Library/VirtualBox']);
        assert.deepEqual(userHomeCandidates({ platform: 'win32', env: {}, userDir: 'C:\\Users\\u', cwd: 'C:\\' }), ['C:\\Users\\u\\.VirtualBox']);
    });
});

describe('(unit) settings files: reader', function () {
    let home: string;
    let vbox: string;

    beforeEach(function () {
        home = mkdtempSync(path.join(tmpdir(), 'vbox-home-'));
        vbox = path.join(home, 'vm', 'vm.vbox');
        mkdirSync(path.join(home, 'vm', 'Logs'), { recursive: true });
        copyFileSync(path.join(FIXTURES, 'VirtualBox.xml'), path.join(home, 'VirtualBox.xml'));
        copyFileSync(path.join(FIXTURES, 'machine-running.vbox'), vbox);
    });

    afterEach(function () {
        rmSync(home, { recursive: true, force: true });
    });

    /** Replaces a file the way VirtualBox does: a new file renamed over the old one. */
    function replace(file: string, text: string): void {
        writeFileSync(`${file}-tmp`, text);
        renameSync(`${file}-tmp`, file);
    }

    it('reads a file again only when it changed, and then sees the new content', async function () {
        const files = new VirtualBoxSettingsFiles(home);
        const first = await files.readMachine(vbox);
        assert.equal(await files.readMachine(vbox), first, 'unchanged: the same object, not parsed again');
        replace(vbox, readFileSync(vbox, 'utf8').replace('RAMSize="32"', 'RAMSize="40"'));
        assert.equal((await files.readMachine(vbox)).memoryMb, 40);
        const registry = await files.readRegistry();
        assert.equal(await files.readRegistry(), registry);
    });

    it('names a VM by its file even when another registered VM has no file (inaccessible), but not while a file is unreadable', async function () {
        const files = new VirtualBoxSettingsFiles(home);
        const registryFile = path.join(home, 'VirtualBox.xml');
        const machine = await files.readMachine(vbox);
        const entries = [`<MachineEntry uuid="{${machine.uuid}}" src="${vbox}"/>`, `<MachineEntry uuid="{00000000-1111-2222-3333-444444444444}" src="${path.join(home, 'gone', 'gone.vbox')}"/>`];
        replace(registryFile, readFileSync(registryFile, 'utf8').replace(/<MachineRegistry>[\s\S]*<\/MachineRegistry>/, `<MachineRegistry>${entries.join('')}</MachineRegistry>`));
        assert.equal(await files.uuidOfName(machine.name), machine.uuid);
        assert.equal(await files.uuidOfName('no such VM'), undefined);
        // A file that exists but cannot be read could hold any name: no answer rather than a wrong one.
        mkdirSync(path.join(home, 'gone'));
        writeFileSync(path.join(home, 'gone', 'gone.vbox'), '<?xml version="1.0"?><VirtualBox');
        assert.equal(await files.uuidOfName(machine.name), undefined);
    });

    it('turns a missing, cut-off or unknown file into UnreadableSettingsError', async function () {
        const files = new VirtualBoxSettingsFiles(home);
        await assert.rejects(files.readMachine(path.join(home, 'gone.vbox')), UnreadableSettingsError);
        replace(vbox, readFileSync(vbox, 'utf8').slice(0, 700));
        await assert.rejects(files.readMachine(vbox), UnreadableSettingsError);
        await assert.rejects(new VirtualBoxSettingsFiles(path.join(home, 'nowhere')).readRegistry(), UnreadableSettingsError);
    });

    it('trusts a confirmed registry only while VirtualBox.xml is unchanged and not for longer than asked', async function () {
        const files = new VirtualBoxSettingsFiles(home);
        const registry = await files.readRegistry();
        assert.equal(files.isConfirmed(registry, 60_000), false);
        files.confirm(registry, [], 1_000);
        assert.equal(files.isConfirmed(registry, 60_000, 2_000), true);
        assert.equal(files.isConfirmed(registry, 60_000, 62_000), false);
        replace(path.join(home, 'VirtualBox.xml'), readFileSync(path.join(home, 'VirtualBox.xml'), 'utf8') + '\n');
        assert.notEqual(await files.readRegistry(), registry);
    });

    it('follows the VM log: running, then paused when the log grows, nothing once the log is gone', async function () {
        const files = new VirtualBoxSettingsFiles(home);
        const log = logFileOf(vbox);
        assert.equal(log, path.join(home, 'vm', 'Logs', 'VBox.log'));
        copyFileSync(path.join(FIXTURES, 'VBox-running.log'), log);
        assert.equal((await files.readLog(vbox))?.vmmState, 'RUNNING');
        writeFileSync(log, "00:01:00.000000 Changing the VM state from 'RUNNING' to 'SUSPENDING'\n00:01:00.000100 Changing the VM state from 'SUSPENDING' to 'SUSPENDED'\n", { flag: 'a' });
        assert.equal((await files.readLog(vbox))?.vmmState, 'SUSPENDED');
        rmSync(log);
        assert.equal(await files.readLog(vbox), undefined);
    });
});
