// Shared folders in real VS Code: the Shared Folders node under a VM, Add Shared Folder… answered through its input
// boxes and quick picks, the language-model tool and the API listing the folder, Remove after the modal; every result
// read back through VBoxManage (showvminfo, machine-readable for names and paths, the plain form for the flags).
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { VirtualBoxApi } from '../../src/api/types';
import { EXTENSION_ID, activateExtension, createTestVm, removeTestVm, updateSetting, vbox } from './machinesHelpers';
import { machineFolder, pickLabel, pickVmNamed, runOn, settled, settledVmInfo, vmNodeWhere, withAnswers } from './storageSupport';

const unique = (label: string) => `ext-sf-${label}-${Math.random().toString(16).slice(2, 8)}`;

/** `[name, host path]` of the VM's permanent folders, as showvminfo --machinereadable lists them. */
async function permanentFolders(uuid: string): Promise<[string, string][]> {
    const info = await settledVmInfo(uuid);
    const found: [string, string][] = [];
    for (let i = 1; info.has(`SharedFolderNameMachineMapping${i}`); i++) {
        found.push([info.get(`SharedFolderNameMachineMapping${i}`) ?? '', info.get(`SharedFolderPathMachineMapping${i}`) ?? '']);
    }
    return found;
}

/** The flags VBoxManage states for a folder in its plain showvminfo (the shim runs it under LC_ALL=C). */
async function statedFlags(uuid: string, name: string): Promise<string | undefined> {
    const text = await settled(() => vbox('showvminfo', uuid));
    return text
        .split('\n')
        .find((line) => line.startsWith(`Name: '${name}', Host path:`))
        ?.replace(/^.*\)(, )?/, '');
}

describe('(extension) shared folders', function () {
    this.timeout(180_000);
    const vm = unique('vm');
    let uuid = '';
    let hostDir = '';

    before(async () => {
        await activateExtension();
        uuid = await createTestVm(vm);
        hostDir = path.join(await machineFolder(), unique('host'));
        mkdirSync(path.join(hostDir, 'project files'), { recursive: true });
        mkdirSync(path.join(hostDir, 'other'), { recursive: true });
        await updateSetting('confirmDestructiveActions', true);
    });

    after(async () => {
        await updateSetting('confirmDestructiveActions', undefined);
        await removeTestVm(uuid);
        if (hostDir) rmSync(hostDir, { recursive: true, force: true });
    });

    it('shows a Shared Folders node under the VM that offers Add while the VM is powered off', async () => {
        const node = await vmNodeWhere(uuid, (candidate) => candidate.id?.endsWith('/sharedFolders') === true, 'the Shared Folders node');
        assert.equal(node.label, 'Shared Folders');
        assert.equal(node.contextValue, 'sharedFolders:permanent');
        assert.equal(node.description, '0 folders');
    });

    it('Add Shared Folder… on the node adds a read-only, auto-mounted folder with the answers given', async () => {
        const node = await vmNodeWhere(uuid, (candidate) => candidate.id?.endsWith('/sharedFolders') === true, 'the Shared Folders node');
        const share = path.join(hostDir, 'project files');
        const { shown } = await withAnswers(
            { inputs: [share, 'project', '/mnt/project'], quickPicks: [pickLabel('Read-only'), pickLabel('Auto-mount')] },
            () => Promise.resolve(runOn('virtualbox.sharedFolder.add', node)),
        );
        assert.ok(await shown.inputBoxes[0]?.validateInput?.(path.join(hostDir, 'missing')), 'a missing host folder is refused as typed');
        assert.ok(await shown.inputBoxes[0]?.validateInput?.('relative/path'), 'a relative path is refused as typed');
        assert.equal(shown.inputBoxes[1]?.value, 'project_files', 'the suggested name has no space');
        assert.ok(await shown.inputBoxes[1]?.validateInput?.('has space'), 'a name with a space is refused as typed');

        assert.deepEqual(await permanentFolders(uuid), [['project', share]]);
        assert.equal(await statedFlags(uuid, 'project'), "readonly, auto-mount, mount-point: '/mnt/project'");
        const folder = await vmNodeWhere(uuid, (candidate) => candidate.contextValue?.startsWith('sharedFolder:') === true && candidate.label === 'project', 'the folder node');
        assert.equal(folder.contextValue, 'sharedFolder:removable');
        assert.equal(folder.description, `→ ${share} · read-only · auto-mount at /mnt/project`);
    });

    it('Add from the palette refuses a taken name as typed and adds a writable folder', async () => {
        const other = path.join(hostDir, 'other');
        const { shown } = await withAnswers(
            { quickPicks: [pickVmNamed(vm), pickLabel('Writable'), pickLabel('Mount manually')], inputs: [other, 'other'] },
            () => Promise.resolve(vscode.commands.executeCommand('virtualbox.sharedFolder.add')),
        );
        assert.ok(await shown.inputBoxes[1]?.validateInput?.('project'), 'a name the VM already has is refused as typed');
        assert.deepEqual((await permanentFolders(uuid)).map(([name]) => name), ['project', 'other']);
        assert.equal(await statedFlags(uuid, 'other'), 'writable');
    });

    it('the language-model tool and the API list the folders with their flags', async () => {
        const result = await vscode.lm.invokeTool('virtualbox_list_shared_folders', { input: { vm }, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
        const text = result.content.map((part) => String((part as { value?: unknown }).value ?? '')).join('');
        const listed = JSON.parse(text) as { folders: { name: string; readOnly?: boolean; autoMountPoint?: string }[]; changeable: string };
        assert.deepEqual(
            listed.folders.map((folder) => [folder.name, folder.readOnly, folder.autoMountPoint]),
            [
                ['project', true, '/mnt/project'],
                ['other', false, ''],
            ],
        );
        assert.equal(listed.changeable, 'permanent');

        const api = await vscode.extensions.getExtension<VirtualBoxApi>(EXTENSION_ID)!.activate();
        const fromApi = (await api.operations.list_shared_folders({ vm: uuid })) as { folders: { name: string; hostPath: string }[] };
        assert.deepEqual(
            fromApi.folders.map((folder) => [folder.name, folder.hostPath]),
            await permanentFolders(uuid),
        );
    });

    it('Remove Shared Folder asks first: dismissing keeps the folder, confirming removes only it and keeps the host folder', async () => {
        const folder = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'sharedFolder:removable' && candidate.label === 'project', 'the folder node');
        const dismissed = await withAnswers({ warnings: [undefined] }, () => Promise.resolve(runOn('virtualbox.sharedFolder.remove', folder)));
        assert.match(dismissed.shown.warnings[0]?.detail ?? '', /host folder and its files stay/);
        assert.equal((await permanentFolders(uuid)).length, 2, 'nothing removed after dismissing');

        await withAnswers({ warnings: ['Remove Shared Folder'] }, () => Promise.resolve(runOn('virtualbox.sharedFolder.remove', folder)));
        assert.deepEqual((await permanentFolders(uuid)).map(([name]) => name), ['other']);
        assert.ok(statSync(path.join(hostDir, 'project files')).isDirectory(), 'the host folder stays');
    });

    it('a global shared folder shows under the VM marked global, without Remove', async () => {
        const name = unique('global');
        const share = path.join(hostDir, 'other');
        await vbox('sharedfolder', 'add', 'global', `--name=${name}`, `--hostpath=${share}`);
        try {
            const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue?.startsWith('sharedFolder') === true && candidate.label === name, 'the global folder');
            assert.equal(node.contextValue, 'sharedFolder', 'not removable through the VM');
            assert.equal(node.description, `→ ${share} · global`);
        } finally {
            await vbox('sharedfolder', 'remove', 'global', `--name=${name}`).catch(() => undefined);
        }
    });

    it('Remove from the palette offers the VM, then its folders, and removes the one chosen after the modal', async () => {
        await withAnswers({ quickPicks: [pickVmNamed(vm), pickLabel('other')], warnings: ['Remove Shared Folder'] }, () =>
            Promise.resolve(vscode.commands.executeCommand('virtualbox.sharedFolder.remove')),
        );
        assert.deepEqual(await permanentFolders(uuid), []);
        const node = await vmNodeWhere(uuid, (candidate) => candidate.id?.endsWith('/sharedFolders') === true && candidate.description === '0 folders', 'the empty node');
        assert.equal(node.contextValue, 'sharedFolders:permanent');
    });
});
