// Snapshots through the language-model tools: take, list, restore (the VM's settings come back) and delete, each
// read back through `snapshot list` and showvminfo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, createTestVm, removeTestVm, vbox, vmInfo } from './machinesHelpers';

const unique = (label: string) => `ext-lm-snap-${label}-${Math.random().toString(16).slice(2, 8)}`;

async function invoke(id: string, input: object): Promise<string> {
    const result = await vscode.lm.invokeTool(`virtualbox_${id}`, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
    return result.content.map((part) => String((part as { value?: unknown }).value ?? '')).join('');
}

/** The JSON a tool returned: all of a read's text, or what follows "Result: " after a change's sentence. */
async function invokeJson<T>(id: string, input: object): Promise<T> {
    const text = await invoke(id, input);
    assert.doesNotMatch(text, /^Error /, text);
    return JSON.parse(text.startsWith('Done: ') ? text.slice(text.indexOf(' Result: ') + ' Result: '.length) : text) as T;
}

async function snapshotNames(vm: string): Promise<string[]> {
    const text = await vbox('snapshot', vm, 'list', '--machinereadable').catch(() => '');
    return [...text.matchAll(/^SnapshotName\S*="(.*)"$/gm)].map((match) => match[1]);
}

describe('(extension) language-model tools: snapshots', function () {
    this.timeout(180_000);
    const vm = unique('vm');
    let uuid = '';

    before(async () => {
        await activateExtension();
        uuid = await createTestVm(vm, { memoryMb: 64 });
    });

    after(async () => {
        await removeTestVm(uuid);
    });

    it('virtualbox_create_snapshot takes a snapshot; virtualbox_list_snapshots shows it as current', async () => {
        await invokeJson('create_snapshot', { vm, name: 'clean', description: 'before the change' });
        assert.deepEqual(await snapshotNames(uuid), ['clean']);
        const listed = await invokeJson<{ roots: { name: string; current: boolean; description: string }[] }>('list_snapshots', { vm });
        assert.deepEqual(
            listed.roots.map(({ name, current, description }) => ({ name, current, description })),
            [{ name: 'clean', current: true, description: 'before the change' }],
        );
    });

    it('virtualbox_restore_snapshot brings back the settings the VM had when it was taken', async () => {
        await vbox('modifyvm', uuid, '--memory', '128');
        await invokeJson('restore_snapshot', { vm, snapshot: 'clean' });
        assert.equal((await vmInfo(uuid)).get('memory'), '64');
    });

    it('virtualbox_delete_snapshot deletes it', async () => {
        await invokeJson('delete_snapshot', { vm, snapshot: 'clean' });
        assert.deepEqual(await snapshotNames(uuid), []);
    });
});
