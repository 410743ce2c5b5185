// Insert ISO, Eject Disc, Release and Remove from Registry in real VS Code, on Machines and Media view nodes and from
// the palette; every outcome is read back through VBoxManage.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeIso } from '../support/iso9660';
import { activateExtension, allNodes, createTestVm, removeTestVm, updateSetting, vbox, vmState, withStub } from './machinesHelpers';
import { machineFolder, pickVmNamed, runOn, settledVmInfo, viewTree, vmNodeWhere, withAnswers, type SnapshotNode } from './storageSupport';
import { waitFor } from './support/waitFor';

const unique = (label: string) => `ext-optical-${label}-${Math.random().toString(16).slice(2, 8)}`;

/** Answers the file dialog with `file`, recording what it was asked. */
function pickingFile<R>(file: string, body: () => Promise<R>): Promise<{ result: R; dialog?: vscode.OpenDialogOptions }> {
    let dialog: vscode.OpenDialogOptions | undefined;
    const stub = ((options: vscode.OpenDialogOptions) => {
        dialog = options;
        return Promise.resolve([vscode.Uri.file(file)]);
    }) as typeof vscode.window.showOpenDialog;
    return withStub(vscode.window, 'showOpenDialog', stub, body).then((result) => ({ result, dialog }));
}

async function dvdNode(location: string): Promise<SnapshotNode | undefined> {
    await vscode.commands.executeCommand('virtualbox.media.refresh');
    return allNodes(await viewTree('virtualbox.media', 4)).find((node) => node.contextValue?.startsWith('medium:dvd:') && node.tooltip?.replace(/\\/g, '').includes(location));
}

/** The Media view's node of the image once its state (in use or free) is as expected. */
async function dvdNodeWhen(location: string, state: 'inuse' | 'free'): Promise<SnapshotNode> {
    let node: SnapshotNode | undefined;
    await waitFor(async () => (node = await dvdNode(location))?.contextValue === `medium:dvd:${state}`, 20_000, 500);
    assert.ok(node, `the Media view shows no optical image ${location}`);
    assert.equal(node.contextValue, `medium:dvd:${state}`);
    return node;
}

describe('(extension) optical drives and media tools', function () {
    this.timeout(180_000);
    const vm = unique('vm');
    let uuid = '';
    let dir = '';
    let iso = '';
    let other = '';

    before(async () => {
        await activateExtension();
        uuid = await createTestVm(vm);
        dir = path.join(await machineFolder(), unique('files'));
        mkdirSync(dir, { recursive: true });
        iso = path.join(dir, 'install.iso');
        other = path.join(dir, 'tools.iso');
        writeIso(iso, 'INSTALL');
        writeIso(other, 'TOOLS');
        await updateSetting('confirmDestructiveActions', true);
    });

    after(async () => {
        await updateSetting('confirmDestructiveActions', undefined);
        await removeTestVm(uuid);
        for (const image of [iso, other]) await vbox('closemedium', 'dvd', image).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
    });

    it('Insert ISO on a VM without a DVD drive asks for an .iso and adds a drive holding it', async () => {
        const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'vm:poweroff', 'the VM');
        const { dialog } = await pickingFile(iso, () => withAnswers({}, () => Promise.resolve(runOn('virtualbox.dvd.insert', node))));
        assert.deepEqual(Object.values(dialog?.filters ?? {})[0], ['iso'], 'the dialog offers .iso files first');
        const info = await settledVmInfo(uuid);
        assert.equal(info.get('IDE-0-0'), iso);
        await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'attachment:dvd' && candidate.label === 'install.iso', 'the DVD drive in the tree');
    });

    it('Eject Disc on the drive node empties it; Insert ISO on the empty drive fills that drive', async () => {
        const drive = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'attachment:dvd', 'the DVD drive');
        await withAnswers({}, () => Promise.resolve(runOn('virtualbox.dvd.eject', drive)));
        assert.equal((await settledVmInfo(uuid)).get('IDE-0-0'), 'emptydrive');
        const empty = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'attachment:emptydrive', 'the empty drive');
        await pickingFile(other, () => withAnswers({}, () => Promise.resolve(runOn('virtualbox.dvd.insert', empty))));
        const info = await settledVmInfo(uuid);
        assert.equal(info.get('IDE-0-0'), other);
        assert.equal(info.get('IDE-0-1'), 'none', 'no second drive was added');
    });

    it('Eject Disc and Insert ISO from the palette ask for the VM', async () => {
        await withAnswers({ quickPicks: [pickVmNamed(vm)] }, () => Promise.resolve(vscode.commands.executeCommand('virtualbox.dvd.eject')));
        assert.equal((await settledVmInfo(uuid)).get('IDE-0-0'), 'emptydrive');
        await pickingFile(iso, () => withAnswers({ quickPicks: [pickVmNamed(vm)] }, () => Promise.resolve(vscode.commands.executeCommand('virtualbox.dvd.insert'))));
        assert.equal((await settledVmInfo(uuid)).get('IDE-0-0'), iso);
    });

    it('Release on an image in use names the VM in a modal, and ejects it only after the answer', async () => {
        const node = await dvdNodeWhen(iso, 'inuse');
        const declined = await withAnswers({ warnings: [undefined] }, () => Promise.resolve(runOn('virtualbox.medium.release', node)));
        assert.match(declined.shown.warnings[0]?.message ?? '', new RegExp(`"${vm}"`), 'the modal names the VM');
        assert.equal((await settledVmInfo(uuid)).get('IDE-0-0'), iso, 'dismissing the modal changes nothing');
        await withAnswers({ warnings: ['Release'] }, () => Promise.resolve(runOn('virtualbox.medium.release', node)));
        assert.equal((await settledVmInfo(uuid)).get('IDE-0-0'), 'emptydrive');
    });

    it('Remove from Registry on a free image makes VirtualBox forget it and keeps the file', async () => {
        const node = await dvdNodeWhen(iso, 'free');
        await withAnswers({}, () => Promise.resolve(runOn('virtualbox.medium.unregister', node)));
        assert.ok(!(await vbox('list', 'dvds')).includes(iso), 'list dvds no longer has it');
        assert.ok(existsSync(iso), 'the file is kept');
        assert.ok(await waitFor(async () => (await dvdNode(iso)) === undefined, 20_000, 500), 'the Media view no longer shows it');
    });

    it('the insert_dvd and eject_dvd language-model tools and the release_medium API function act on the VM', async () => {
        const invoke = async (id: string, input: object) => {
            const result = await vscode.lm.invokeTool(`virtualbox_${id}`, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
            const text = result.content.map((part) => String((part as { value?: unknown }).value ?? '')).join('');
            assert.doesNotMatch(text, /^Error /, text);
            return text;
        };
        assert.match(await invoke('insert_dvd', { vm, iso: other }), /tools\.iso/);
        assert.equal((await settledVmInfo(uuid)).get('IDE-0-0'), other);
        await invoke('eject_dvd', { vm });
        assert.equal((await settledVmInfo(uuid)).get('IDE-0-0'), 'emptydrive');

        await invoke('insert_dvd', { vm, iso: other });
        const api = (await vscode.extensions.getExtension('vscode-virtualbox.vscode-virtualbox')!.activate()) as {
            operations: Record<string, (input: unknown) => Promise<{ released: { vm: string; action: string }[] }>>;
        };
        const released = await api.operations.release_medium({ medium: other });
        assert.deepEqual(released.released.map((r) => [r.vm, r.action]), [[vm, 'ejected']]);
        assert.equal((await settledVmInfo(uuid)).get('IDE-0-0'), 'emptydrive');
    });

    it('Insert ISO and Eject Disc work on a running VM, which keeps running', async () => {
        await vbox('startvm', uuid, '--type', 'headless');
        try {
            assert.ok(await waitFor(async () => (await vmState(uuid)) === 'running', 60_000, 500), 'the VM did not start');
            const node = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'vm:running', 'the running VM');
            await pickingFile(other, () => withAnswers({}, () => Promise.resolve(runOn('virtualbox.dvd.insert', node))));
            let info = await settledVmInfo(uuid);
            assert.deepEqual([info.get('VMState'), info.get('IDE-0-0')], ['running', other]);
            const drive = await vmNodeWhere(uuid, (candidate) => candidate.contextValue === 'attachment:dvd', 'the loaded drive');
            await withAnswers({}, () => Promise.resolve(runOn('virtualbox.dvd.eject', drive)));
            info = await settledVmInfo(uuid);
            assert.deepEqual([info.get('VMState'), info.get('IDE-0-0')], ['running', 'emptydrive']);
        } finally {
            await vbox('controlvm', uuid, 'poweroff').catch(() => undefined);
            await waitFor(async () => (await vmState(uuid).catch(() => undefined)) === 'poweroff', 60_000, 500);
        }
    });

    it('offers Release only on images in use and Remove from Registry only on free ones', () => {
        const manifest = vscode.extensions.getExtension('vscode-virtualbox.vscode-virtualbox')!.packageJSON as {
            contributes: { menus: Record<string, { command: string; when?: string }[]> };
        };
        const whenOf = (command: string) => manifest.contributes.menus['view/item/context'].filter((m) => m.command === command).map((m) => m.when ?? '');
        const matches = (command: string, viewItem: string) =>
            whenOf(command).some((when) => {
                const regex = /viewItem =~ \/(.*)\/$/.exec(when)?.[1];
                return when.includes('virtualbox.media') && (regex ? new RegExp(regex).test(viewItem) : when.endsWith(`viewItem == ${viewItem}`));
            });
        for (const kind of ['hdd', 'dvd', 'floppy']) {
            assert.ok(matches('virtualbox.medium.release', `medium:${kind}:inuse`) && !matches('virtualbox.medium.release', `medium:${kind}:free`), kind);
            assert.ok(matches('virtualbox.medium.unregister', `medium:${kind}:free`) && !matches('virtualbox.medium.unregister', `medium:${kind}:inuse`), kind);
        }
    });
});
