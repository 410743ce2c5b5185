// Connect in real VS Code, on a running clone of the testbed's real guest: the commands run on its Machines node as a
// click does, the questions answered by stubs, and every result checked through another channel (showvminfo, the
// guest's Guest Additions property, the system ssh with the test key through the same arguments).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import * as vscode from 'vscode';
import { connectGuest, freeLoopbackPort, guestFiles, startGuestClone, type RunningGuest } from '../support/realGuest';
import { activateExtension, freshVmNode, registeredVmNames, removeTestVms, uniqueName, vbox, vboxManagePath, vmInfo, waitForSessionEnd, withStub } from './machinesHelpers';

async function onNode(command: string, vm: string): Promise<unknown> {
    const node = await freshVmNode(vm);
    return vscode.commands.executeCommand(command, node.element, [node.element]);
}

/** The testbed keeps its data folder beside the folder of its VBoxManage shim. */
const testbedData = () => path.join(path.dirname(path.dirname(vboxManagePath())), 'data');

/** The VM's first port-forwarding rule as showvminfo prints it, and its host port when it is a loopback forward to 22. */
async function forwardOf(vm: string): Promise<{ rule: string; port: number }> {
    const rule = [...(await vmInfo(vm)).entries()].find(([key]) => key.startsWith('Forwarding('))?.[1] ?? '';
    return { rule, port: Number(/^ssh,tcp,127\.0\.0\.1,(\d+),,22$/.exec(rule)?.[1]) };
}

/** The information messages shown while `body` runs, each answered by dismissing it. */
async function informationShownDuring(body: () => Promise<unknown>): Promise<string> {
    const said: string[] = [];
    await withStub(
        vscode.window,
        'showInformationMessage',
        ((message: string) => {
            said.push(message);
            return Promise.resolve(undefined);
        }) as never,
        body,
    );
    return said.join('\n');
}

/** Runs `command` in the guest with the system ssh and the test key, the guest's host key pinned, after `sshArgs`. */
async function sshWithTestKey(vm: string, port: number, sshArgs: readonly string[], command: string): Promise<string> {
    const files = guestFiles(testbedData());
    const pinned = connectGuest(vm, port, files, testbedData());
    try {
        const options = ['-i', files.keyFile, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${pinned.knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes'];
        return (await execa('ssh', [...options, ...sshArgs, command], { timeout: 120_000, stdin: 'ignore' })).stdout;
    } finally {
        await pinned.dispose();
    }
}

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
        const { rule, port } = await forwardOf(name);
        assert.ok(port > 0, `a loopback forward to port 22: ${rule}`);
        const options = (terminal as vscode.Terminal).creationOptions as vscode.TerminalOptions;
        // The ssh on PATH (virtualbox.sshPath is not set here), as `which` finds it.
        assert.equal(options.shellPath, (await execa('which', ['ssh'])).stdout.trim());
        assert.deepEqual(options.shellArgs, ['-p', String(port), '-l', user, '--', '127.0.0.1']);
        assert.equal((terminal as vscode.Terminal).name, `SSH: ${name}`);
        assert.ok(await (terminal as vscode.Terminal).processId, 'ssh runs in the terminal');
        // The same arguments, with the test key and the pinned host key, reach the guest as that user.
        const stdout = await sshWithTestKey(name, port, options.shellArgs as string[], 'id -un; uname -s');
        assert.deepEqual(stdout.trim().split('\n'), [user, 'Linux']);
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
        const { port } = await forwardOf(name);
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

    it('Open in Remote-SSH Window without Remote-SSH offers to install it, and writes nothing', async () => {
        const said = await informationShownDuring(() => onNode('virtualbox.vm.openInRemoteSsh', name));
        assert.match(said, /needs the Remote - SSH extension/);
        assert.equal(existsSync(path.join(homedir(), '.ssh', 'vscode-virtualbox.conf')), false);
    });

    it('Open in Remote-SSH Window: a Host entry of its own, the Include added with consent (a backup kept), and a window for ssh-remote+<alias>', async () => {
        // The tests' VS Code runs with a home of its own (the harness isolates it): this is not the tester's ~/.ssh.
        const ssh = path.join(homedir(), '.ssh');
        assert.ok(homedir().includes('vscode-virtualbox-exttest-'), `an isolated home: ${homedir()}`);
        mkdirSync(ssh, { recursive: true, mode: 0o700 });
        const own = 'Host work\r\n    HostName work.example\r\n';
        writeFileSync(path.join(ssh, 'config'), own);
        const requested: unknown[][] = [];
        const execute = vscode.commands.executeCommand;
        const remoteSsh = { id: 'ms-vscode-remote.remote-ssh' } as vscode.Extension<unknown>;
        const getExtension = vscode.extensions.getExtension;
        const authority = await withStub(vscode.extensions, 'getExtension', ((id: string) => (id === remoteSsh.id ? remoteSsh : getExtension(id))) as never, () =>
            withStub(vscode.window, 'showInformationMessage', ((_message: string, ...rest: unknown[]) => Promise.resolve(rest.find((item) => item === 'Add the Line'))) as never, () =>
                withStub(vscode.window, 'showInputBox', (() => Promise.resolve(user)) as never, () =>
                    withStub(
                        vscode.commands,
                        'executeCommand',
                        ((command: string, ...rest: unknown[]) => {
                            if (command === 'vscode.newWindow') {
                                requested.push([command, ...rest]);
                                return Promise.resolve(undefined);
                            }
                            return execute(command, ...rest);
                        }) as never,
                        () => onNode('virtualbox.vm.openInRemoteSsh', name),
                    ),
                ),
            ),
        );
        const alias = /^ssh-remote\+(vbox-[a-z0-9-]+)$/.exec(String(authority))?.[1];
        assert.ok(alias, `an ssh-remote authority: ${String(authority)}`);
        assert.deepEqual(requested, [['vscode.newWindow', { remoteAuthority: `ssh-remote+${alias}`, reuseWindow: false }]]);
        assert.equal(readFileSync(path.join(ssh, 'config.vscode-virtualbox.bak'), 'utf8'), own, 'the backup is the file as it was');
        assert.equal(readFileSync(path.join(ssh, 'config'), 'utf8'), `Include ~/.ssh/vscode-virtualbox.conf\r\n\r\n${own}`);
        // OpenSSH itself resolves the alias to the VM's forward (read back from VirtualBox) and logs in through it. It
        // finds `~` through the password database, not HOME, so it is given the isolated home's file by path.
        const managed = path.join(ssh, 'vscode-virtualbox.conf');
        const { port } = await forwardOf(name);
        const resolved = (await execa('ssh', ['-F', managed, '-G', alias])).stdout;
        assert.match(resolved, new RegExp(`^hostname 127\\.0\\.0\\.1$`, 'm'));
        assert.match(resolved, new RegExp(`^port ${port}$`, 'm'));
        assert.match(resolved, new RegExp(`^user ${user}$`, 'm'));
        assert.equal((await sshWithTestKey(name, port, ['-F', managed, alias], 'id -un')).trim(), user);
    });

    it('Set Up SSH Access on a VM that has a forward says which, and adds nothing', async () => {
        const forwards = async () => [...(await vmInfo(name)).keys()].filter((key) => key.startsWith('Forwarding(')).length;
        const before = await forwards();
        const said = await informationShownDuring(() => onNode('virtualbox.vm.setupSshAccess', name));
        assert.match(said, /already has SSH access: NAT rule "ssh" of adapter 1/);
        assert.equal(await forwards(), before);
    });

    it("the VM's Host entry follows its forward to another port, changed outside VS Code; ssh by the alias gets in there", async () => {
        const managed = path.join(homedir(), '.ssh', 'vscode-virtualbox.conf');
        const alias = /^Host (vbox-[a-z0-9-]+)$/m.exec(readFileSync(managed, 'utf8'))?.[1];
        assert.ok(alias, 'the entry the Remote-SSH test wrote');
        const next = await freeLoopbackPort();
        await vbox('controlvm', name, 'natpf1', 'delete', 'ssh');
        await vbox('controlvm', name, 'natpf1', `ssh,tcp,127.0.0.1,${next},,22`);
        assert.equal((await forwardOf(name)).port, next, 'VirtualBox has the rule on the new port');
        await vscode.commands.executeCommand('virtualbox.refresh');
        const deadline = Date.now() + 60_000;
        while (!new RegExp(`^    Port ${next}$`, 'm').test(readFileSync(managed, 'utf8'))) {
            assert.ok(Date.now() < deadline, `the entry still says:\n${readFileSync(managed, 'utf8')}`);
            await new Promise((resolve) => setTimeout(resolve, 250));
        }
        assert.match((await execa('ssh', ['-F', managed, '-G', alias])).stdout, new RegExp(`^port ${next}$`, 'm'));
        assert.equal((await sshWithTestKey(name, next, ['-F', managed, alias], 'id -un')).trim(), user);
    });

    it("Delete VM removes the VM's Host entry, and leaves the user's own config as it was", async () => {
        const managed = path.join(homedir(), '.ssh', 'vscode-virtualbox.conf');
        const uuid = (await vmInfo(name)).get('UUID') ?? '';
        assert.match(readFileSync(managed, 'utf8'), new RegExp(`^# vm ${uuid}$`, 'm'));
        const config = readFileSync(path.join(homedir(), '.ssh', 'config'), 'utf8');
        await vbox('controlvm', name, 'poweroff');
        await waitForSessionEnd(name);
        await withStub(vscode.window, 'showWarningMessage', ((_message: string, _options: unknown, ...items: string[]) => Promise.resolve(items.find((item) => item.startsWith('Delete VM')))) as never, () =>
            onNode('virtualbox.vm.delete', name),
        );
        assert.equal((await registeredVmNames()).includes(name), false, 'VirtualBox no longer has the VM');
        assert.doesNotMatch(readFileSync(managed, 'utf8'), new RegExp(uuid));
        assert.equal(readFileSync(path.join(homedir(), '.ssh', 'config'), 'utf8'), config);
    });
});
