// The VM commands in real VS Code, run on a Machines node the way a click does (and from the palette with the quick
// pick answered); every outcome is checked through VBoxManage, not through the extension.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
    activateExtension,
    freshVmNode,
    registeredVmNames,
    removeTestVms,
    createTestVm,
    uniqueName,
    updateSetting,
    vbox,
    vmInfo,
    vmState,
    waitForSessionEnd,
    withStub,
} from './machinesHelpers';
import { waitFor } from './support/waitFor';

/** Runs a VM command on the VM's node, as a click in the tree does: `(node, [node])`. */
async function onNode(command: string, vm: string): Promise<unknown> {
    const node = await freshVmNode(vm);
    return vscode.commands.executeCommand(command, node.element, [node.element]);
}

const answer = <T>(value: T) => (() => Promise.resolve(value)) as never;

describe('(extension) Machines commands', function () {
    this.timeout(180_000);
    const vm = uniqueName('cmd');
    const other = uniqueName('cmd-other');
    const cleanup: string[] = [vm, other];

    before(async () => {
        await activateExtension();
        await createTestVm(vm);
        await createTestVm(other);
        // Power Off and Reset ask first; the tests answer those modals where they matter.
        await updateSetting('confirmDestructiveActions', false);
    });

    after(async () => {
        await updateSetting('confirmDestructiveActions', undefined);
        await updateSetting('stopTimeoutSeconds', undefined);
        await removeTestVms(cleanup);
    });

    it('start, pause, resume, save state, start, reset on a node each reach the state VBoxManage then reports', async () => {
        await onNode('virtualbox.vm.start', vm);
        assert.equal(await vmState(vm), 'running');
        await onNode('virtualbox.vm.pause', vm);
        assert.equal(await vmState(vm), 'paused');
        await onNode('virtualbox.vm.resume', vm);
        assert.equal(await vmState(vm), 'running');
        await onNode('virtualbox.vm.saveState', vm);
        assert.equal(await vmState(vm), 'saved');
        await onNode('virtualbox.vm.start', vm);
        assert.equal(await vmState(vm), 'running');
        // A reset leaves the state at running; the VM's own log records it.
        const resets = async () => (await vbox('showvminfo', vm, '--log', '0')).split("to 'RESETTING'").length - 1;
        const before = await resets();
        await onNode('virtualbox.vm.reset', vm);
        assert.equal(await vmState(vm), 'running');
        assert.equal(await resets(), before + 1, 'the VM log shows no reset');
    });

    it('takes a screenshot of the running VM into a PNG file', async () => {
        // Right after start the guest may not have set a video mode yet; the firmware does within seconds.
        let path: unknown;
        await waitFor(async () => {
            path = await onNode('virtualbox.vm.takeScreenshot', vm);
            return typeof path === 'string';
        }, 20_000, 1_000);
        assert.equal(typeof path, 'string', 'no screenshot was taken');
        const bytes = readFileSync(path as string);
        assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
        assert.ok(vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => (t.input as { uri?: vscode.Uri })?.uri?.fsPath === path)), 'the PNG was not opened');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('stop presses the power button, and when the guest ignores it, offers Power Off', async () => {
        await updateSetting('stopTimeoutSeconds', 2);
        const offered: string[] = [];
        await withStub(vscode.window, 'showWarningMessage', ((message: string, ...items: string[]) => {
            offered.push(message);
            return Promise.resolve(items.find((item) => item === 'Power Off'));
        }) as never, () => onNode('virtualbox.vm.stop', vm));
        assert.equal(offered.length, 1, 'Power Off was not offered');
        assert.match(offered[0], /did not shut down within 2 s/);
        assert.equal(await vmState(vm), 'poweroff');
    });

    it('set memory and set CPUs take the input box value', async () => {
        await waitFor(async () => (await vmInfo(vm).catch(() => undefined))?.get('SessionName') === undefined, 30_000, 500);
        await withStub(vscode.window, 'showInputBox', answer('80'), () => onNode('virtualbox.vm.setMemory', vm));
        assert.equal((await vmInfo(vm)).get('memory'), '80');
        await withStub(vscode.window, 'showInputBox', answer('2'), () => onNode('virtualbox.vm.setCpus', vm));
        assert.equal((await vmInfo(vm)).get('cpus'), '2');
    });

    it('set memory validates as you type with the limits in the prompt', async () => {
        let options: vscode.InputBoxOptions | undefined;
        await withStub(vscode.window, 'showInputBox', ((o: vscode.InputBoxOptions) => {
            options = o;
            return Promise.resolve(undefined);
        }) as never, () => onNode('virtualbox.vm.setMemory', vm));
        assert.ok(options?.validateInput);
        assert.match(options.prompt ?? '', /\d+ to \d+ MB; this host has \d+ MB/);
        assert.equal(await options.validateInput('80'), undefined);
        assert.ok(await options.validateInput('abc'));
        assert.ok(await options.validateInput('99999999'), 'more memory than the host has is accepted');
    });

    it('show configuration opens the VM configuration as read-only JSON', async () => {
        await onNode('virtualbox.vm.showConfiguration', vm);
        const editor = vscode.window.activeTextEditor;
        assert.ok(editor, 'no editor opened');
        const config = JSON.parse(editor.document.getText()) as { general: { uuid: string }; system: { memoryMb: number } };
        assert.equal(config.general.uuid, (await vmInfo(vm)).get('UUID'));
        assert.equal(config.system.memoryMb, 80);
        assert.equal(editor.document.languageId, 'json');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('clone asks for a name and the kind of clone, and creates the clone', async () => {
        const clone = uniqueName('clone');
        cleanup.push(clone);
        await withStub(vscode.window, 'showInputBox', answer(clone), () =>
            withStub(vscode.window, 'showQuickPick', ((items: readonly { mode?: string }[]) => Promise.resolve(items.find((i) => i.mode === 'full'))) as never, () =>
                onNode('virtualbox.vm.clone', vm),
            ),
        );
        assert.ok((await registeredVmNames()).includes(clone), `${clone} was not created`);
        assert.equal((await vmInfo(clone)).get('memory'), '80');
    });

    it('from the palette, start asks with a quick pick of the eligible VMs only, and starts the chosen one', async () => {
        let offered: { label: string; vm: { state: string } }[] = [];
        await withStub(vscode.window, 'showQuickPick', ((items: { label: string; vm: { state: string } }[]) => {
            offered = items;
            return Promise.resolve(items.filter((item) => item.label === other));
        }) as never, async () => vscode.commands.executeCommand('virtualbox.vm.start'));
        assert.ok(offered.some((item) => item.label === other), `${other} was not offered`);
        assert.ok(offered.every((item) => ['poweroff', 'saved', 'aborted', 'aborted-saved'].includes(item.vm.state)), 'a running VM was offered');
        assert.equal(await vmState(other), 'running');
    });

    it('power off on a node stops the VM at once', async () => {
        await onNode('virtualbox.vm.powerOff', other);
        assert.equal(await vmState(other), 'poweroff');
    });

    it('delete offers both kinds of delete in a modal; "Delete VM and all its files" removes it and its folder', async () => {
        const folder = (await vmInfo(other)).get('CfgFile')!.replace(/\/[^/]+$/, '');
        let modal: { message: string; options: vscode.MessageOptions; items: string[] } | undefined;
        // The power-off's session lingers for a moment (longer on a busy host).
        await waitForSessionEnd(other);
        await withStub(vscode.window, 'showWarningMessage', ((message: string, options: vscode.MessageOptions, ...items: string[]) => {
            modal = { message, options, items };
            return Promise.resolve('Delete VM and all its files');
        }) as never, () => onNode('virtualbox.vm.delete', other));
        assert.equal(modal?.options.modal, true);
        assert.deepEqual(modal?.items, ['Remove from VirtualBox only', 'Delete VM and all its files']);
        assert.ok(!(await registeredVmNames()).includes(other), `${other} is still registered`);
        assert.throws(() => readFileSync(`${folder}/${other}.vbox`), 'its settings file is still there');
    });
});
