// Connect in real VS Code, on a running clone of the testbed's real guest: the commands run on its Machines node as a
// click does, the questions answered by stubs, and every result checked through another channel (showvminfo, the
// guest's Guest Additions property, the system ssh with the test key through the same arguments).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { execa } from 'execa';
import * as vscode from 'vscode';
import { connectGuest, guestFiles, startGuestClone, type RunningGuest } from '../support/realGuest';
import { activateExtension, freshVmNode, removeTestVms, uniqueName, vbox, vboxManagePath, vmInfo, withStub } from './machinesHelpers';

async function onNode(command: string, vm: string): Promise<unknown> {
    const node = await freshVmNode(vm);
    return vscode.commands.executeCommand(command, node.element, [node.element]);
}

/** The testbed keeps its data folder beside the folder of its VBoxManage shim. */
const testbedData = () => path.join(path.dirname(path.dirname(vboxManagePath())), 'data');

describe('(extension) connect: a shell, a command line and an address of the real guest', function () {
    this.timeout(600_000);
    const name = uniqueName('connect');
    let guest: RunningGuest;
    let user = '';
    const terminals: vscode.Terminal[] = [];

    before(async () => {
        await activateExtension();
        guest = await startGuestClone(vbox, testbedData(), name);
        user = guest.files.credentials.user.user;
        // No way in: the command must find that out and offer to set one up.
        await vbox('controlvm', name, 'natpf1', 'delete', 'ssh');
    });

    after(async () => {
        terminals.forEach((terminal) => terminal.dispose());
        await guest?.dispose();
        await removeTestVms([name]);
    });

    it('Open SSH Terminal: offers to set up access, adds the forward, waits for SSH and opens ssh on it as the user given', async () => {
        const asked: string[] = [];
        const terminal = await withStub(
            vscode.window,
            'showInformationMessage',
            ((message: string, ...rest: unknown[]) => {
                asked.push(message);
                return Promise.resolve(rest.find((item) => item === 'Set Up SSH Access'));
            }) as never,
            () => withStub(vscode.window, 'showInputBox', (() => Promise.resolve(user)) as never, () => onNode('virtualbox.vm.openSshTerminal', name)),
        );
        assert.ok(terminal, 'the command returned its terminal');
        terminals.push(terminal as vscode.Terminal);
        assert.match(asked[0] ?? '', /has no way in over SSH yet/);
        // Read back: the rule VirtualBox now has.
        const rule = [...(await vmInfo(name)).entries()].find(([key]) => key.startsWith('Forwarding('))?.[1] ?? '';
        const port = Number(/^ssh,tcp,127\.0\.0\.1,(\d+),,22$/.exec(rule)?.[1]);
        assert.ok(port > 0, `a loopback forward to port 22: ${rule}`);
        const options = (terminal as vscode.Terminal).creationOptions as vscode.TerminalOptions;
        assert.equal(options.shellPath, 'ssh');
        assert.deepEqual(options.shellArgs, ['-p', String(port), '-l', user, '--', '127.0.0.1']);
        assert.equal((terminal as vscode.Terminal).name, `SSH: ${name}`);
        assert.ok(await (terminal as vscode.Terminal).processId, 'ssh runs in the terminal');
        // The same arguments, with the test key and the pinned host key, reach the guest as that user.
        const files = guestFiles(testbedData());
        const pinned = connectGuest(name, port, files, testbedData());
        try {
            const { stdout } = await execa(
                'ssh',
                ['-i', files.keyFile, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${pinned.knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes', ...(options.shellArgs as string[]), 'id -un; uname -s'],
                { timeout: 120_000, stdin: 'ignore' },
            );
            assert.deepEqual(stdout.trim().split('\n'), [user, 'Linux']);
        } finally {
            await pinned.dispose();
        }
    });

    it('Copy SSH Command: the command line of that forward, with the user remembered for this VM', async () => {
        let offered: string | undefined;
        const copied = await withStub(
            vscode.window,
            'showInputBox',
            ((options: vscode.InputBoxOptions) => {
                offered = options.value;
                return Promise.resolve(options.value);
            }) as never,
            () => onNode('virtualbox.vm.copySshCommand', name),
        );
        assert.equal(offered, user, 'the user name given last time is offered');
        const rule = [...(await vmInfo(name)).entries()].find(([key]) => key.startsWith('Forwarding('))?.[1] ?? '';
        const port = /^ssh,tcp,127\.0\.0\.1,(\d+),,22$/.exec(rule)?.[1];
        assert.equal(copied, `ssh -p ${port} ${user}@127.0.0.1`);
        assert.equal(await vscode.env.clipboard.readText(), copied);
    });

    it("Copy IP Address: the address the guest's Guest Additions report", async () => {
        const copied = await onNode('virtualbox.vm.copyIpAddress', name);
        const reported = /^Value: (\S+)$/m.exec(await vbox('guestproperty', 'get', name, '/VirtualBox/GuestInfo/Net/0/V4/IP'))?.[1];
        assert.ok(reported, 'the guest reports an address');
        assert.equal(copied, reported);
        assert.equal(await vscode.env.clipboard.readText(), reported);
    });

    it('Set Up SSH Access on a VM that has a forward says which, and adds nothing', async () => {
        const forwards = async () => [...(await vmInfo(name)).keys()].filter((key) => key.startsWith('Forwarding(')).length;
        const before = await forwards();
        const said: string[] = [];
        await withStub(
            vscode.window,
            'showInformationMessage',
            ((message: string) => {
                said.push(message);
                return Promise.resolve(undefined);
            }) as never,
            () => onNode('virtualbox.vm.setupSshAccess', name),
        );
        assert.match(said.join('\n'), /already has SSH access: NAT rule "ssh" of adapter 1/);
        assert.equal(await forwards(), before);
    });
});
