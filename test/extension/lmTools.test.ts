// The language-model tools in real VS Code: registered for every operation, invoked with vscode.lm.invokeTool (no
// chat token: VS Code 1.100 then confirms through its dialog service, which extension tests answer with "yes"),
// results checked against what VBoxManage says.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { allOperations } from '../../src/operations';
import { activateExtension, createTestVm, EXTENSION_ID, removeTestVm, updateSetting, vboxManagePath, vmInfo } from './machinesHelpers';
import { waitFor } from './support/waitFor';

const unique = (label: string) => `ext-lm-${label}-${Math.random().toString(16).slice(2, 8)}`;

async function invoke(id: string, input: object): Promise<string> {
    const result = await vscode.lm.invokeTool(`virtualbox_${id}`, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
    return result.content.map((part) => String((part as { value?: unknown }).value ?? '')).join('');
}

/** The JSON a tool returned: all of a read's text, or what follows "Result: " after a change's sentence. */
async function invokeJson<T>(id: string, input: object): Promise<T> {
    const text = await invoke(id, input);
    assert.doesNotMatch(text, /^Error /, text);
    const marker = text.indexOf(' Result: ');
    return JSON.parse(text.startsWith('Done: ') ? text.slice(marker + ' Result: '.length) : text) as T;
}

interface ContributedTool {
    name: string;
    modelDescription: string;
    inputSchema: object;
}

describe('(extension) language-model tools', function () {
    this.timeout(180_000);
    const vm = unique('vm');
    let uuid = '';

    before(async () => {
        await activateExtension();
        uuid = await createTestVm(vm, { memoryMb: 64, cpus: 1 });
    });

    after(async () => {
        await removeTestVm(uuid);
    });

    it('lm.tools lists a virtualbox_ tool for every operation, with the schema and description of package.json', () => {
        const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { languageModelTools: ContributedTool[] } })
            .contributes.languageModelTools;
        const tools = vscode.lm.tools.filter((tool) => tool.name.startsWith('virtualbox_'));
        assert.deepEqual(tools.map((tool) => tool.name).sort(), allOperations.map((operation) => `virtualbox_${operation.id}`).sort());
        for (const tool of tools) {
            const declared = contributed.find((entry) => entry.name === tool.name);
            assert.ok(declared, `${tool.name} is not in package.json`);
            assert.deepEqual(tool.inputSchema, declared.inputSchema);
            assert.equal(tool.description, declared.modelDescription);
            assert.ok(tool.tags.includes('virtualbox'));
        }
    });

    it('every tool has an implementation: input its schema rejects comes back as INVALID_INPUT text, not a throw', async () => {
        for (const operation of allOperations) {
            // An array is not an object: every operation's schema rejects it.
            const text = await invoke(operation.id, []);
            assert.match(text, /^Error INVALID_INPUT: .*\nWhat to do: /s, `${operation.id}: ${text}`);
        }
    });

    it('invalid input never reaches VBoxManage; a valid call with the same VM name does', async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'vbox-lm-calls-'));
        const log = path.join(folder, 'calls.log');
        const wrapper = path.join(folder, 'VBoxManage');
        writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${vboxManagePath()}' "$@"\n`);
        chmodSync(wrapper, 0o755);
        writeFileSync(log, '');
        const original = vboxManagePath();
        // Only this test's calls name this VM; background refreshes of the views do not.
        const marker = unique('nowhere');
        const calls = () => readFileSync(log, 'utf8');
        try {
            await updateSetting('vboxManagePath', wrapper);
            // The extension picks the new path up from a configuration event: wait until its calls go through the wrapper.
            const warmUp = unique('warm-up');
            const switched = await waitFor(
                async () => {
                    await invoke('get_vm_config', { vm: warmUp });
                    return calls().includes(warmUp);
                },
                15_000,
                250,
            );
            assert.ok(switched, 'the extension never called VBoxManage through the wrapper');

            const invalid: [string, object][] = [
                ['set_memory', { vm: marker, memoryMb: 1 }],
                ['set_cpu_count', { vm: marker, cpus: 0 }],
                ['create_vm', { name: marker, osType: 'not an id!', memoryMb: 64, cpus: 1 }],
                ['port_forwarding', { vm: marker, action: 'add' }],
                ['remove_disk', { vm: marker, disk: marker, controller: 'SATA', port: 0, device: 0 }],
                ['delete_snapshot', { vm: marker, snapshot: '' }],
                ['resize_disk', { disk: marker, newSizeMb: 0 }],
            ];
            for (const [id, input] of invalid) assert.match(await invoke(id, input), /^Error INVALID_INPUT: /, id);
            assert.ok(!calls().includes(marker), `VBoxManage was called:\n${calls()}`);

            // The same VM name in a valid call does reach VBoxManage (and fails there): the check above can fail.
            assert.match(await invoke('get_vm_config', { vm: marker }), /^Error VM_NOT_FOUND: /);
            assert.ok(calls().includes(marker), 'the valid call was not seen');
        } finally {
            await updateSetting('vboxManagePath', original);
            rmSync(folder, { recursive: true, force: true });
        }
    });

    it('virtualbox_list_vms lists the VM created through VBoxManage, with its state, CPUs and memory', async () => {
        const vms = await invokeJson<{ name: string; uuid: string; state: string; cpus: number; memoryMb: number }[]>('list_vms', {});
        const row = vms.find((candidate) => candidate.uuid === uuid);
        assert.ok(row, `${vm} is not in ${JSON.stringify(vms.map((candidate) => candidate.name))}`);
        assert.deepEqual({ name: row.name, state: row.state, cpus: row.cpus, memoryMb: row.memoryMb }, { name: vm, state: 'poweroff', cpus: 1, memoryMb: 64 });
    });

    it('virtualbox_get_vm_config returns what showvminfo says', async () => {
        const config = await invokeJson<{ general: { uuid: string; osType: string }; system: { memoryMb: number; cpus: number } }>('get_vm_config', { vm });
        const info = await vmInfo(uuid);
        assert.equal(config.general.uuid, uuid);
        assert.equal(config.system.memoryMb, Number(info.get('memory')));
        assert.equal(config.system.cpus, Number(info.get('cpus')));
    });

    it('virtualbox_set_memory changes the memory of the powered-off VM, as VirtualBox reports it, and says so', async () => {
        const text = await invoke('set_memory', { vm, memoryMb: 96 });
        assert.match(text, new RegExp(`^Done: Set Memory \\(VM "${vm}"\\)\\. Result: \\{`));
        assert.equal((await vmInfo(uuid)).get('memory'), '96');
    });

    it('a failure VirtualBox reports comes back with its code and what to do, naming tools', async () => {
        const text = await invoke('start_vm', { vm: unique('missing') });
        assert.match(text, /^Error VM_NOT_FOUND: .*\nWhat to do: .*virtualbox_list_vms/s);
    });
});
