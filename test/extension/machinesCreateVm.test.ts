// The Create VM wizard in real VS Code: its real quick inputs are answered the way a keyboard does (value, then the
// workbench's accept and back commands), and the VM it creates is read back through VBoxManage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, removeTestVm, removeTestVms, uniqueName, vbox, vmInfo } from './machinesHelpers';
import { waitFor } from './support/waitFor';

type AnyInput = vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem & { os?: { id: string }; choice?: string }>;

/** Records every quick input the extension creates, while the real ones are shown. */
function recordInputs(): { inputs: AnyInput[]; restore: () => void } {
    const inputs: AnyInput[] = [];
    const { createInputBox, createQuickPick } = vscode.window;
    const window = vscode.window as { createInputBox: typeof createInputBox; createQuickPick: typeof createQuickPick };
    window.createInputBox = () => {
        const box = createInputBox();
        inputs.push(box);
        return box;
    };
    window.createQuickPick = (() => {
        const pick = createQuickPick();
        inputs.push(pick as AnyInput);
        return pick;
    }) as typeof createQuickPick;
    return {
        inputs,
        restore: () => {
            window.createInputBox = createInputBox;
            window.createQuickPick = createQuickPick;
        },
    };
}

describe('(extension) Machines create VM wizard', function () {
    this.timeout(180_000);
    const name = uniqueName('wizard');
    const taken = uniqueName('taken');

    before(async () => {
        await activateExtension();
        await vbox('createvm', '--name', taken, '--ostype', 'Other', '--register');
    });

    after(async () => {
        await removeTestVms([name, taken]);
    });

    it('asks name, OS type, memory, CPUs, disk and ISO with Back, then creates that VM', async () => {
        const { inputs, restore } = recordInputs();
        const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        // What the extension sets reaches the workbench asynchronously: Enter must not come first.
        const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
        /** Waits for the n-th input (1-based) to be created and shown. */
        const step = async <T extends AnyInput>(n: number): Promise<T> => {
            assert.ok(await waitFor(() => inputs.length >= n, 30_000), `step ${n} was not shown`);
            const input = inputs[n - 1] as T;
            await new Promise((resolve) => setTimeout(resolve, 300));
            return input;
        };
        try {
            const created = vscode.commands.executeCommand('virtualbox.vm.create');

            const nameBox = await step<vscode.InputBox>(1);
            assert.equal(nameBox.step, 1);
            assert.equal(nameBox.totalSteps, 6);
            // An existing name is refused: Enter does not move on.
            nameBox.value = taken;
            await settle();
            await accept();
            await new Promise((resolve) => setTimeout(resolve, 500));
            assert.equal(inputs.length, 1, 'the wizard accepted a name that is taken');
            assert.match(nameBox.validationMessage?.toString() ?? '', /already exists/);
            nameBox.value = name;
            await settle();
            await accept();

            const osPick = await step<vscode.QuickPick<vscode.QuickPickItem & { os?: { id: string } }>>(2);
            assert.ok(osPick.items.length > 50, `only ${osPick.items.length} OS types offered`);
            assert.ok(osPick.buttons.includes(vscode.QuickInputButtons.Back), 'no Back button on step 2');
            const linux = osPick.items.find((item) => item.os?.id === 'Linux_64');
            assert.ok(linux, 'Linux_64 is not offered');
            osPick.activeItems = [linux];
            await settle();
            await accept();

            // Memory: a Linux default, then Back to step 2 and forward again keeps the answers.
            const memoryBox = await step<vscode.InputBox>(3);
            assert.equal(memoryBox.value, '2048');
            await vscode.commands.executeCommand('workbench.action.quickInputBack');
            const osAgain = await step<vscode.QuickPick<vscode.QuickPickItem & { os?: { id: string } }>>(4);
            assert.equal(osAgain.step, 2, 'Back did not return to the OS type step');
            assert.equal(osAgain.activeItems[0]?.os?.id, 'Linux_64');
            await accept();

            const memoryAgain = await step<vscode.InputBox>(5);
            memoryAgain.value = '96';
            await settle();
            await accept();
            const cpuBox = await step<vscode.InputBox>(6);
            assert.match(cpuBox.prompt ?? '', /this host has \d+ logical CPUs/);
            cpuBox.value = '1';
            await settle();
            await accept();
            const diskBox = await step<vscode.InputBox>(7);
            diskBox.value = '1';
            await settle();
            await accept();
            const isoPick = await step<vscode.QuickPick<vscode.QuickPickItem & { choice?: string }>>(8);
            isoPick.activeItems = isoPick.items.filter((item) => item.choice === 'none');
            await settle();
            await accept();

            await created;
        } finally {
            restore();
            await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        }

        const info = await vmInfo(name);
        assert.equal(info.get('memory'), '96');
        assert.equal(info.get('cpus'), '1');
        assert.equal(info.get('ostype'), 'Other Linux (64-bit)');
        const disk = info.get('SATA-0-0');
        assert.ok(disk?.endsWith('.vdi'), `no disk on SATA port 0: ${disk}`);
        const medium = await vbox('showmediuminfo', 'disk', disk as string);
        assert.match(medium, /^Capacity: +1024 MBytes$/m);
    });

    it('creates a VM from preset answers without asking', async () => {
        const preset = uniqueName('preset');
        try {
            await vscode.commands.executeCommand('virtualbox.vm.create', { name: preset, osType: 'Other', memoryMb: 72, cpus: 1 });
            const info = await vmInfo(preset);
            assert.equal(info.get('memory'), '72');
            assert.equal(info.get('ostype'), 'Other/Unknown');
        } finally {
            await removeTestVm(preset);
        }
    });
});
