// A VM's whole life through the language-model tools, as an agent would drive it: create, configure, run, pause,
// save, stop, clone, delete. After each tool call VirtualBox's own view (showvminfo through the same VBoxManage)
// must agree. Runs without chat, so VS Code's confirmation is answered by the test environment.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, registeredVmNames, removeTestVm, vmInfo, vmState } from './machinesHelpers';

const unique = (label: string) => `ext-lm-life-${label}-${Math.random().toString(16).slice(2, 8)}`;

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

describe('(extension) language-model tools: a VM from creation to deletion', function () {
    this.timeout(300_000);
    const vm = unique('vm');
    const clone = unique('clone');
    let uuid = '';
    let folder = '';

    before(activateExtension);

    after(async () => {
        for (const name of [clone, vm]) if ((await registeredVmNames()).includes(name)) await removeTestVm(name);
    });

    it('virtualbox_create_vm creates and registers the VM with the OS type, memory and CPUs asked for', async () => {
        const created = await invokeJson<{ uuid: string; settingsFile: string }>('create_vm', { name: vm, osType: 'Other', memoryMb: 64, cpus: 1 });
        uuid = created.uuid;
        folder = path.dirname(created.settingsFile);
        const info = await vmInfo(uuid);
        assert.deepEqual([info.get('name'), info.get('ostype'), info.get('memory'), info.get('cpus')], [vm, 'Other/Unknown', '64', '1']);
    });

    it('virtualbox_list_os_types finds the type by a search text', async () => {
        const types = await invokeJson<{ id: string }[]>('list_os_types', { search: 'ubuntu' });
        assert.ok(types.some((type) => type.id === 'Ubuntu_64'), JSON.stringify(types.map((type) => type.id)));
        assert.ok(types.every((type) => /ubuntu/i.test(JSON.stringify(type))));
    });

    it('virtualbox_set_cpu_count and virtualbox_update_vm_config change the settings VirtualBox reports', async () => {
        await invokeJson('set_cpu_count', { vm, cpus: 2 });
        await invokeJson('update_vm_config', { vm, patch: { description: 'made by a tool', vramMb: 16 } });
        const info = await vmInfo(uuid);
        assert.deepEqual([info.get('cpus'), info.get('description'), info.get('vram')], ['2', 'made by a tool', '16']);
    });

    it('virtualbox_start_vm starts it; virtualbox_start_metrics_collection, then virtualbox_get_resource_usage reads its figures', async () => {
        const started = await invokeJson<{ state: string }>('start_vm', { vm });
        assert.equal(started.state, 'running');
        assert.equal(await vmState(uuid), 'running');
        await invokeJson('start_metrics_collection', { vm });
        const usage = await invokeJson<{ uuid: string; ramUsedMb: number }>('get_resource_usage', { vm });
        assert.equal(usage.uuid, uuid);
        assert.equal(typeof usage.ramUsedMb, 'number');
    });

    it('virtualbox_take_screenshot writes a PNG of the running VM', async () => {
        const screenshots = path.join(folder, 'screenshots');
        try {
            const shot = await invokeJson<{ path: string; width: number }>('take_screenshot', { vm, folder: screenshots });
            assert.ok(existsSync(shot.path), shot.path);
            assert.deepEqual([...readFileSync(shot.path).subarray(1, 4)], [...Buffer.from('PNG')]);
            assert.ok(shot.width > 0);
        } finally {
            // Not VirtualBox's file: delete_vm would leave the VM folder behind for it.
            rmSync(screenshots, { recursive: true, force: true });
        }
    });

    it('virtualbox_pause_vm, virtualbox_resume_vm and virtualbox_reset_vm (hard) move it through those states', async () => {
        await invokeJson('pause_vm', { vm });
        assert.equal(await vmState(uuid), 'paused');
        await invokeJson('resume_vm', { vm });
        assert.equal(await vmState(uuid), 'running');
        await invokeJson('reset_vm', { vm, mode: 'hard' });
        assert.equal(await vmState(uuid), 'running');
    });

    it('virtualbox_save_vm_state saves it; virtualbox_start_vm resumes from the saved state', async () => {
        await invokeJson('save_vm_state', { vm });
        assert.equal(await vmState(uuid), 'saved');
        await invokeJson('start_vm', { vm });
        assert.equal(await vmState(uuid), 'running');
    });

    it('virtualbox_stop_vm with force powers off a guest that ignores the ACPI button', async () => {
        // No OS in this VM: nothing answers the power button, so the timeout passes and force powers it off.
        const stopped = await invokeJson<{ method: string }>('stop_vm', { vm, timeoutSeconds: 2, force: true });
        assert.equal(stopped.method, 'poweroff');
        assert.equal(await vmState(uuid), 'poweroff');
    });

    it('virtualbox_power_off_vm powers off a running VM', async () => {
        await invokeJson('start_vm', { vm });
        await invokeJson('power_off_vm', { vm });
        assert.equal(await vmState(uuid), 'poweroff');
    });

    it('virtualbox_clone_vm registers a full clone; virtualbox_delete_vm removes it with its files', async () => {
        const cloned = await invokeJson<{ uuid: string }>('clone_vm', { vm, newName: clone });
        const cloneFolder = path.dirname((await vmInfo(cloned.uuid)).get('CfgFile') ?? '');
        assert.ok((await registeredVmNames()).includes(clone));
        await invokeJson('delete_vm', { vm: clone, deleteFiles: true });
        assert.ok(!(await registeredVmNames()).includes(clone));
        assert.ok(!existsSync(path.join(cloneFolder, `${clone}.vbox`)));
    });

    it('virtualbox_delete_vm deletes the VM', async () => {
        const deleted = await invokeJson<{ filesDeleted: boolean }>('delete_vm', { vm, deleteFiles: true });
        assert.equal(deleted.filesDeleted, true);
        assert.ok(!(await registeredVmNames()).includes(vm));
        assert.ok(!existsSync(path.join(folder, `${vm}.vbox`)));
    });
});
