import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SHARED_FOLDERS } from '../../../scripts/fixtures/recipes/vm';
import { runOperation } from '../../../src/operations/operation';
import { addSharedFolder } from '../../../src/operations/sharedFolders/addSharedFolder';
import { removeSharedFolder } from '../../../src/operations/sharedFolders/removeSharedFolder';
import { withFlags } from '../../../src/operations/sharedFolders/sharedFolderQuery';
import { sharedFolderKindFor } from '../../../src/operations/sharedFolders/sharedFolderRules';
import { isVBoxError } from '../../../src/vbox/errors';
import { VM_STATES, parseVmInfo } from '../../../src/vbox/parsers/vmInfo';
import { UnreadableSettingsError } from '../../../src/vbox/settingsFiles/globalSettings';
import { parseMachineDetails } from '../../../src/vbox/settingsFiles/machineDetails';
import { parseSharedFolderSettings } from '../../../src/vbox/settingsFiles/sharedFolderSettings';
import { fixtureName, fixtureOutput, loadFixture } from '../../support/fixtures';

const SETTINGS = path.join(import.meta.dirname, '..', '..', 'fixtures', 'settings-files', 'machine-shared-folders.vbox');

describe('(unit) shared folders', function () {
    it('reads permanent, transient and global mappings from showvminfo, escapes undone', function () {
        const fixture = loadFixture('vm', 'showvminfo-shared-folders');
        const info = parseVmInfo(fixtureOutput(fixture).stdout);
        const dir = fixtureName(fixture, 'shareDir');
        assert.equal(info.state, 'running');
        assert.deepEqual(info.sharedFolders, [
            { name: SHARED_FOLDERS.plain, hostPath: path.join(dir, 'plain'), transient: false, global: false },
            { name: SHARED_FOLDERS.readOnly, hostPath: path.join(dir, 'ro'), transient: false, global: false },
            { name: SHARED_FOLDERS.transient, hostPath: path.join(dir, 'live'), transient: true, global: false },
            { name: SHARED_FOLDERS.global, hostPath: path.join(dir, 'everyone'), transient: false, global: true },
        ]);
    });

    it('a VM without shared folders has none', function () {
        assert.deepEqual(parseVmInfo(fixtureOutput(loadFixture('vm', 'showvminfo-fresh')).stdout).sharedFolders, []);
    });

    it('reads read-only, auto-mount and the mount point from the .vbox file, entities decoded', function () {
        const folders = parseSharedFolderSettings(readFileSync(SETTINGS, 'utf8'));
        assert.equal(folders.length, 9);
        assert.deepEqual(folders[0], { name: 'plain', hostPath: '/var/tmp/tb-sharedfolders/data/sfx/a', readOnly: false, autoMount: false, autoMountPoint: '' });
        assert.deepEqual(folders[1], { name: 'ro', hostPath: '/var/tmp/tb-sharedfolders/data/sfx/b', readOnly: true, autoMount: true, autoMountPoint: '/mnt/ro' });
        assert.deepEqual(
            folders.map((folder) => folder.name).slice(2),
            ['a/b', 'a\\b', 'a:b', 'é', 'a,b', 'a"b', 'x=y'],
        );
    });

    it('the .vbox details reader gives the same mappings as showvminfo would: the machine folders, none transient', function () {
        const details = parseMachineDetails(readFileSync(SETTINGS, 'utf8'), SETTINGS, 'saved');
        assert.deepEqual(details.sharedFolders.slice(0, 2), [
            { name: 'plain', hostPath: '/var/tmp/tb-sharedfolders/data/sfx/a', transient: false, global: false },
            { name: 'ro', hostPath: '/var/tmp/tb-sharedfolders/data/sfx/b', transient: false, global: false },
        ]);
        assert.equal(details.sharedFolders.length, 9);
    });

    it('refuses a cut-off settings file and one without a machine', function () {
        const text = readFileSync(SETTINGS, 'utf8');
        assert.throws(() => parseSharedFolderSettings(text.slice(0, text.indexOf('</SharedFolders>'))));
        assert.throws(() => parseSharedFolderSettings('<VirtualBox version="1.19-linux"/>'), UnreadableSettingsError);
    });

    it('adds the flags of permanent folders by name; transient folders and an unreadable file leave them out', async function () {
        const mappings = [
            { name: 'ro', hostPath: '/h/ro', transient: false, global: false },
            { name: 'ro', hostPath: '/h/live', transient: true, global: false },
            { name: 'unknown', hostPath: '/h/u', transient: false, global: false },
            { name: 'ro', hostPath: '/h/all', transient: false, global: true },
        ];
        const folders = await withFlags(mappings, SETTINGS);
        assert.deepEqual(folders, [
            { name: 'ro', hostPath: '/h/ro', transient: false, global: false, readOnly: true, autoMount: true, autoMountPoint: '/mnt/ro' },
            { name: 'ro', hostPath: '/h/live', transient: true, global: false },
            { name: 'unknown', hostPath: '/h/u', transient: false, global: false },
            { name: 'ro', hostPath: '/h/all', transient: false, global: true },
        ]);
        const warnings: string[] = [];
        const log = { call: () => undefined, info: () => undefined, error: () => undefined, warn: (message: string) => void warnings.push(message) };
        assert.deepEqual(await withFlags(mappings.slice(0, 1), '/nonexistent/x.vbox', log), [mappings[0]]);
        assert.equal(warnings.length, 1);
    });

    it('state rules: permanent folders change while powered off, transient ones while running or paused, nothing otherwise', function () {
        const kinds = Object.fromEntries(VM_STATES.map((state) => [state, sharedFolderKindFor(state) ?? 'none']));
        assert.deepEqual(
            Object.entries(kinds).filter(([, kind]) => kind !== 'none'),
            [
                ['poweroff', 'permanent'],
                ['teleported', 'permanent'],
                ['aborted', 'permanent'],
                ['running', 'transient'],
                ['paused', 'transient'],
            ],
        );
        assert.equal(sharedFolderKindFor('saved'), undefined);
    });

    it('validates the input before anything runs: names, paths, mount point without auto-mount', async function () {
        const ctx = {
            vbox: { run: () => Promise.reject(new Error('nothing may run')) } as never,
            signal: new AbortController().signal,
            progress: () => undefined,
            log: { call: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
        };
        const invalid: [string, unknown][] = [
            ['name with a space', { vm: 'v', name: 'a b', hostPath: '/tmp' }],
            ['name with a slash', { vm: 'v', name: 'a/b', hostPath: '/tmp' }],
            ['name with a newline', { vm: 'v', name: 'a\nb', hostPath: '/tmp' }],
            ['empty name', { vm: 'v', name: ' ', hostPath: '/tmp' }],
            ['relative host path', { vm: 'v', name: 'a', hostPath: 'tmp/x' }],
            ['mount point without auto-mount', { vm: 'v', name: 'a', hostPath: '/tmp', autoMountPoint: '/mnt/a' }],
            ['VM that looks like an option', { vm: '-v', name: 'a', hostPath: '/tmp' }],
        ];
        for (const [label, input] of invalid) {
            await assert.rejects(runOperation(addSharedFolder, ctx, input), (error) => isVBoxError(error, 'INVALID_INPUT'), label);
        }
        await assert.rejects(runOperation(removeSharedFolder, ctx, { vm: 'v', name: 'a b' }), (error) => isVBoxError(error, 'INVALID_INPUT'));
        assert.ok(addSharedFolder.input.safeParse({ vm: 'v', name: 'a', hostPath: '/tmp', autoMount: true, autoMountPoint: 'P:' }).success);
    });
});

describe('(unit) shared folders: host path check', function () {
    let dir = '';
    before(() => (dir = mkdtempSync(path.join(tmpdir(), 'sf-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses a missing folder and a file with INVALID_INPUT, accepts a folder', async function () {
        const { requireHostFolder } = await import('../../../src/operations/sharedFolders/sharedFolderRules');
        writeFileSync(path.join(dir, 'file'), 'x');
        await assert.rejects(requireHostFolder(path.join(dir, 'missing')), (error) => isVBoxError(error, 'INVALID_INPUT') && /does not exist/.test(error.message));
        await assert.rejects(requireHostFolder(path.join(dir, 'file')), (error) => isVBoxError(error, 'INVALID_INPUT') && /is a file/.test(error.message));
        await requireHostFolder(dir);
    });
});
