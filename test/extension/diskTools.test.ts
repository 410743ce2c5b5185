// Compact Disk and Convert / Copy Disk… on Media view nodes in real VS Code: the prompts, the progress notification
// and its Cancel, and every outcome read back through VBoxManage.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, allNodes, vbox, withStub } from './machinesHelpers';
import { machineFolder, mediumInfo, pickBy, pickLabel, runOn, viewTree, withAnswers, type SnapshotNode } from './storageSupport';
import { waitFor } from './support/waitFor';

const unique = (label: string) => `ext-disktools-${label}-${Math.random().toString(16).slice(2, 8)}`;
const uuidIn = (text: string) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(text)?.[0] ?? '';

async function diskNode(uuid: string): Promise<SnapshotNode> {
    let node: SnapshotNode | undefined;
    await waitFor(async () => {
        await vscode.commands.executeCommand('virtualbox.media.refresh');
        node = allNodes(await viewTree('virtualbox.media', 4)).find((candidate) => candidate.id?.endsWith(uuid) && candidate.contextValue?.startsWith('medium:hdd:'));
        return node !== undefined;
    }, 20_000, 500);
    assert.ok(node, `the Media view shows no disk ${uuid}`);
    return node;
}

const registeredAt = async (file: string) => (await vbox('list', 'hdds')).split('\n').some((line) => line.startsWith('Location:') && line.endsWith(file));

describe('(extension) disk tools: compact and copy', function () {
    this.timeout(180_000);
    let dir = '';
    let source = '';
    let sourceUuid = '';
    let big = '';
    let bigUuid = '';

    before(async () => {
        await activateExtension();
        dir = path.join(await machineFolder(), unique('files'));
        mkdirSync(dir, { recursive: true });
        source = path.join(dir, 'system.vdi');
        sourceUuid = uuidIn(await vbox('createmedium', 'disk', '--filename', source, '--size', '24'));
        big = path.join(dir, 'big.vdi');
        bigUuid = uuidIn(await vbox('createmedium', 'disk', '--filename', big, '--size', '8192', '--variant', 'Fixed'));
    });

    after(async () => {
        for (const line of (await vbox('list', 'hdds')).split('\n').filter((l) => l.startsWith('Location:') && l.includes(dir))) {
            await vbox('closemedium', 'disk', line.replace(/^Location:\s+/, ''), '--delete').catch(() => undefined);
        }
        rmSync(dir, { recursive: true, force: true });
    });

    it('Convert / Copy Disk proposes a path next to the source, checks it as typed, and makes the copy', async () => {
        const node = await diskNode(sourceUuid);
        const target = path.join(dir, 'system-copy.vmdk');
        const { shown } = await withAnswers({ quickPicks: [pickLabel('VMDK'), pickBy((item) => item.variant === 'Standard')], inputs: [target] }, () =>
            Promise.resolve(runOn('virtualbox.disk.copy', node)),
        );
        const box = shown.inputBoxes[0];
        assert.equal(box?.value, target, 'the proposal is next to the source, with the format\'s extension');
        assert.ok(box?.validateInput, 'the path is checked as typed');
        assert.match(String(await box.validateInput(path.join(dir, 'other.vdi'))), /\.vmdk/, 'a wrong extension is refused');
        assert.match(String(await box.validateInput(source)), /\.vmdk|exists/, 'an existing file is refused');
        const info = await mediumInfo(target);
        assert.equal(info.get('Storage format'), 'VMDK');
        assert.equal(info.get('Capacity'), '24 MBytes');
        assert.ok(shown.infos.some((info) => info.message.includes(target)), 'the result names the new file');
    });

    it('Cancel in the progress notification stops the copy and leaves no file and no registered image', async () => {
        const node = await diskNode(bigUuid);
        const target = path.join(dir, 'big-copy.vdi');
        const reports: { message?: string; increment?: number }[] = [];
        // The notification as VS Code shows it, with its Cancel clicked as soon as the first percentage arrives.
        const withProgress = ((options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<unknown>) => {
            assert.equal(options.cancellable, true, 'the notification has a Cancel button');
            const source = new vscode.CancellationTokenSource();
            return task({ report: (value) => { reports.push(value); source.cancel(); } }, source.token);
        }) as typeof vscode.window.withProgress;
        await withStub(vscode.window, 'withProgress', withProgress, () =>
            withAnswers({ quickPicks: [pickLabel('VDI'), pickBy((item) => item.variant === 'Standard')], inputs: [target] }, () =>
                Promise.resolve(runOn('virtualbox.disk.copy', node)),
            ),
        );
        assert.ok(reports.some((report) => /%$/.test(report.message ?? '')), `progress was shown as a percentage: ${JSON.stringify(reports)}`);
        assert.ok(!existsSync(target), 'no file at the target');
        assert.ok(!(await registeredAt(target)), 'no image registered at the target');
        // VirtualBox's copy task is over (the source is no longer locked for it): nothing can turn up there later.
        assert.match(await vbox('showmediuminfo', 'disk', bigUuid), /^State:\s+created$/m);
    });

    it('Compact Disk compacts a VDI and refuses a VMDK with a clear error', async () => {
        const vdi = await diskNode(sourceUuid);
        const done = await withAnswers({}, () => Promise.resolve(runOn('virtualbox.disk.compact', vdi)));
        assert.ok(done.shown.infos.some((info) => /Compacted "system\.vdi"/.test(info.message)), JSON.stringify(done.shown.infos));
        assert.equal((await mediumInfo(source)).get('Capacity'), '24 MBytes');
        const vmdkUuid = uuidIn(await vbox('showmediuminfo', 'disk', path.join(dir, 'system-copy.vmdk')));
        const vmdk = await diskNode(vmdkUuid);
        const refused = await withAnswers({ allowErrors: true }, () => Promise.resolve(runOn('virtualbox.disk.compact', vmdk)));
        assert.ok(refused.shown.errors.some((error) => /only VDI/.test(error.message)), JSON.stringify(refused.shown.errors));
    });
});
