// The Media view in real VS Code: its tree against `list hdds|dvds|floppies`, and the disk commands run on its nodes
// and from the palette; every outcome is read back through VBoxManage.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, allNodes, createTestVm, removeTestVm, updateSetting, vbox } from './machinesHelpers';
import { waitFor } from './support/waitFor';
import { findNode, machineFolder, mediumInfo, pickBy, registeredDiskUuids, runOn, viewTree, withAnswers, type SnapshotNode } from './storageSupport';

const unique = (label: string) => `ext-media-${label}-${Math.random().toString(16).slice(2, 8)}`;
const sameSet = (a: Iterable<unknown>, b: Iterable<unknown>) => {
    const left = new Set(a);
    const right = new Set(b);
    return left.size === right.size && [...left].every((item) => right.has(item));
};
const uuidIn = (text: string) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(text)?.[0] ?? '';

async function mediaNodes(): Promise<SnapshotNode[]> {
    await vscode.commands.executeCommand('virtualbox.media.refresh');
    return allNodes(await viewTree('virtualbox.media', 4));
}

/** Base disks of `list hdds` as UUID → location: what the Hard Disks folder must list. */
async function baseDisks(): Promise<Map<string, string>> {
    const records = (await vbox('list', 'hdds')).split(/\n(?=UUID:)/);
    const result = new Map<string, string>();
    for (const record of records) {
        const uuid = /^UUID:\s+(\S+)/m.exec(record)?.[1];
        const parent = /^Parent UUID:\s+(\S+)/m.exec(record)?.[1];
        const location = /^Location:\s+(.+)$/m.exec(record)?.[1];
        if (uuid && location && parent === 'base') result.set(uuid, location);
    }
    return result;
}

describe('(extension) Media view', function () {
    this.timeout(180_000);
    const vm = unique('vm');
    let vmUuid = '';
    let attachedUuid = '';
    let freeUuid = '';
    let freePath = '';

    before(async () => {
        await activateExtension();
        vmUuid = await createTestVm(vm);
        const folder = path.dirname((await vbox('showvminfo', vmUuid, '--machinereadable')).match(/^CfgFile="(.*)"$/m)?.[1] ?? '');
        const attachedPath = path.join(folder, `${vm}-attached.vdi`);
        attachedUuid = uuidIn(await vbox('createmedium', 'disk', '--filename', attachedPath, '--size', '32', '--format', 'VDI'));
        await vbox('storagectl', vmUuid, '--name', 'SATA', '--add', 'sata', '--portcount', '2');
        await vbox('storageattach', vmUuid, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', attachedUuid);
        freePath = path.join(await machineFolder(), `${unique('free')}.vdi`);
        freeUuid = uuidIn(await vbox('createmedium', 'disk', '--filename', freePath, '--size', '48', '--format', 'VDI'));
    });

    after(async () => {
        await updateSetting('confirmDestructiveActions', undefined);
        await removeTestVm(vmUuid);
        if ((await registeredDiskUuids()).includes(freeUuid)) await vbox('closemedium', 'disk', freeUuid, '--delete');
    });

    it('lists every base disk of `list hdds` under Hard Disks, with size, format and the VMs that use it', async () => {
        // Other suites may create or delete disks meanwhile: compare again until both reads agree.
        let shown: SnapshotNode[] = [];
        let expected = new Map<string, string>();
        const agree = await waitFor(async () => {
            const folder = findNode(await mediaNodes(), (node) => node.contextValue === 'mediaFolder:hdd', 'the Hard Disks folder');
            expected = await baseDisks();
            shown = (folder.children ?? []).filter((node) => node.contextValue?.startsWith('medium:hdd:'));
            return sameSet(shown.map((node) => node.id?.split('/').pop()), expected.keys());
        }, 15_000, 500);
        assert.ok(agree, `the Hard Disks folder shows ${shown.map((n) => n.label).join(', ')}; list hdds has ${[...expected.values()].join(', ')}`);
        for (const node of shown) assert.equal(node.label, path.basename(expected.get(node.id?.split('/').pop() ?? '') ?? ''));

        const attached = findNode(shown, (node) => node.id?.endsWith(attachedUuid) === true, 'the attached disk');
        assert.equal(attached.contextValue, 'medium:hdd:inuse');
        assert.match(attached.description ?? '', new RegExp(`^32 MB · VDI · ${vm}$`));
        const free = findNode(shown, (node) => node.id?.endsWith(freeUuid) === true, 'the free disk');
        assert.equal(free.contextValue, 'medium:hdd:free');
        assert.match(free.description ?? '', /^48 MB · VDI · not attached$/);
        // The tooltip is markdown: appendText escapes punctuation with backslashes.
        assert.ok(free.tooltip?.replace(/\\/g, '').includes(freePath), 'the tooltip names the file');
    });

    it('lists the optical and floppy images VirtualBox has registered', async () => {
        for (const [kind, list] of [['dvd', 'dvds'], ['floppy', 'floppies']] as const) {
            let shown: (string | undefined)[] = [];
            let expected: string[] = [];
            const agree = await waitFor(async () => {
                const folder = findNode(await mediaNodes(), (node) => node.contextValue === `mediaFolder:${kind}`, `the ${kind} folder`);
                expected = [...(await vbox('list', list)).matchAll(/^UUID:\s+(\S+)$/gm)].map((match) => match[1]);
                shown = (folder.children ?? []).filter((node) => node.contextValue?.startsWith('medium:')).map((node) => node.id?.split('/').pop());
                return sameSet(shown, expected) && folder.description === String(expected.length);
            }, 15_000, 500);
            assert.ok(agree, `${kind}: the view shows ${shown.join(', ')}; list ${list} has ${expected.join(', ')}`);
        }
    });

    it('Resize Disk on a Media node grows the disk; the input refuses to shrink', async () => {
        const node = findNode(await mediaNodes(), (candidate) => candidate.id?.endsWith(freeUuid) === true, 'the free disk');
        const { shown } = await withAnswers({ inputs: ['96 MB'] }, () => Promise.resolve(runOn('virtualbox.disk.resize', node)));
        const validate = shown.inputBoxes[0]?.validateInput;
        assert.ok(validate, 'the size input validates as typed');
        assert.ok(await validate('32 MB'), 'a smaller size is refused');
        assert.ok(await validate('48 MB'), 'the same size is refused');
        assert.match(shown.inputBoxes[0]?.prompt ?? '', /48 MB/, 'the prompt shows the current size');
        assert.equal((await mediumInfo(freeUuid)).get('Capacity'), '96 MBytes');
    });

    it('Resize Disk from the palette asks for the disk', async () => {
        await withAnswers({ quickPicks: [pickBy((item) => (item.disk as { uuid?: string } | undefined)?.uuid === freeUuid)], inputs: ['128 MB'] }, () =>
            Promise.resolve(vscode.commands.executeCommand('virtualbox.disk.resize')),
        );
        assert.equal((await mediumInfo(freeUuid)).get('Capacity'), '128 MBytes');
    });

    it('Delete Disk File is offered only on free disks and deletes the file after the modal', async () => {
        await updateSetting('confirmDestructiveActions', true);
        const nodes = await mediaNodes();
        const inUse = findNode(nodes, (node) => node.id?.endsWith(attachedUuid) === true, 'the attached disk');
        assert.notEqual(inUse.contextValue, 'medium:hdd:free', 'an attached disk does not match the menu of Delete Disk File');
        const free = findNode(nodes, (node) => node.id?.endsWith(freeUuid) === true, 'the free disk');

        const declined = await withAnswers({ warnings: [undefined] }, () => Promise.resolve(runOn('virtualbox.disk.deleteFile', free)));
        assert.ok(declined.shown.warnings[0]?.detail?.includes(freePath), 'the modal names the file that is lost');
        assert.ok(existsSync(freePath), 'dismissing the modal keeps the file');

        await withAnswers({ warnings: ['Delete File'] }, () => Promise.resolve(runOn('virtualbox.disk.deleteFile', free)));
        assert.ok(!(await registeredDiskUuids()).includes(freeUuid), 'VirtualBox no longer lists the disk');
        assert.ok(!existsSync(freePath), 'the file is gone');
        const after = await mediaNodes();
        assert.ok(!after.some((node) => node.id?.endsWith(freeUuid)), 'the Media view no longer shows it');
    });
});
