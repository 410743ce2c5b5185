// Helpers for the webview suites (webview*.test.ts). VirtualBox is prepared and checked through the VBoxManage the
// extension uses (the virtualbox.vboxManagePath setting), never through the extension itself. Calls the extension
// makes are counted by pointing the setting at a wrapper that logs every call before running the real VBoxManage.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WebviewManagers } from '../../src/commands/webviews/webviewManagers';
import { harnessVBoxManage, type HarnessCall } from '../support/harnessVBoxManage';
import { waitFor } from './support/waitFor';

const EXTENSION_ID = 'vscode-virtualbox.vscode-virtualbox';

export class VBoxManageSpy {
    private constructor(
        readonly real: string,
        private readonly folder: string,
        readonly logFile: string,
    ) {
        this.call = harnessVBoxManage(real);
    }

    private readonly call: HarnessCall;

    /** Installs the counting wrapper as virtualbox.vboxManagePath; `restore` puts the real path back. */
    static async install(): Promise<VBoxManageSpy> {
        const real = vscode.workspace.getConfiguration('virtualbox').get<string>('vboxManagePath');
        assert.ok(real, 'virtualbox.vboxManagePath is not set');
        const folder = mkdtempSync(path.join(tmpdir(), 'vbox-spy-'));
        const logFile = path.join(folder, 'calls.log');
        const wrapper = path.join(folder, 'VBoxManage');
        writeFileSync(logFile, '');
        // One line per call: when it started (epoch ms), then the arguments, tab-separated (a name may contain spaces).
        writeFileSync(
            wrapper,
            `#!/bin/sh\nIFS=$(printf '\\t')\nprintf '%s\\t%s\\n' "$(date +%s%3N)" "$*" >> '${logFile}'\nunset IFS\nexec '${real}' "$@"\n`,
        );
        chmodSync(wrapper, 0o755);
        await vscode.workspace.getConfiguration('virtualbox').update('vboxManagePath', wrapper, vscode.ConfigurationTarget.Global);
        return new VBoxManageSpy(real, folder, logFile);
    }

    calls(): string[][] {
        return this.timedCalls().map((call) => call.args);
    }

    /** Each call with the time it started (epoch ms). */
    timedCalls(): { at: number; args: string[] }[] {
        return readFileSync(this.logFile, 'utf8')
            .split('\n')
            .filter((line) => line.length > 0)
            .map((line) => {
                const [at, ...args] = line.split('\t');
                return { at: Number(at), args };
            });
    }

    /** Calls that change something (as opposed to the editor's periodic reads). */
    changingCalls(): string[][] {
        return this.calls().filter(([verb]) => ['modifyvm', 'controlvm', 'storageattach', 'storagectl', 'createmedium', 'modifymedium', 'closemedium'].includes(verb));
    }

    async restore(): Promise<void> {
        await vscode.workspace.getConfiguration('virtualbox').update('vboxManagePath', this.real, vscode.ConfigurationTarget.Global);
        rmSync(this.folder, { recursive: true, force: true });
    }

    /** VBoxManage run by the test itself (through the real path, so it is not counted). */
    run(...args: string[]): Promise<string> {
        return this.call(...args);
    }

    async vmInfo(vm: string): Promise<Map<string, string>> {
        const map = new Map<string, string>();
        for (const line of (await this.run('showvminfo', vm, '--machinereadable')).split('\n')) {
            const match = /^"?([^"=]+)"?="?(.*?)"?$/.exec(line);
            if (match && !map.has(match[1])) map.set(match[1], match[2]);
        }
        return map;
    }

    /**
     * Whether a session holds the VM or is still letting it go, read without taking one: `showvminfo` asks for a
     * shared session lock itself, so polling it right before a start is what makes the start's own lock fail.
     * `list vms --long` reads VirtualBox's machine list with no session and shows "Session name:" for a held VM.
     */
    async hasSession(uuid: string): Promise<boolean> {
        const listing = await this.run('list', 'vms', '--long');
        const block = listing.split(/^(?=Name: {2,})/m).find((part) => new RegExp(`^UUID: +${uuid}$`, 'm').test(part));
        assert.ok(block, `VM ${uuid} is not in list vms --long`);
        return /^Session name:/m.test(block);
    }

    async createVm(label: string): Promise<{ uuid: string; name: string }> {
        const name = `ext-webview-${label}-${randomBytes(3).toString('hex')}`;
        const created = await this.run('createvm', '--name', name, '--ostype', 'Other', '--register');
        const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(created)?.[0];
        assert.ok(uuid, `createvm printed no UUID: ${created}`);
        await this.run('modifyvm', uuid, '--memory', '64', '--cpus', '1', '--vram', '16', '--graphicscontroller', 'vmsvga', '--nic1', 'nat');
        return { uuid, name };
    }

    /** Whether the VM is still registered (from `list vms`, which never fails on a VM that is busy). */
    async isRegistered(uuid: string): Promise<boolean> {
        return (await this.run('list', 'vms')).includes(`{${uuid}}`);
    }

    /** Powers off (if it runs) and deletes a VM with its files, retrying while its session is still closing. */
    async removeVm(uuid: string): Promise<void> {
        await this.run('controlvm', uuid, 'poweroff').catch(() => undefined);
        let lastError: unknown;
        const removed = await waitFor(async () => {
            try {
                await this.run('unregistervm', uuid, '--delete');
                return true;
            } catch (error) {
                lastError = error;
                return !(await this.isRegistered(uuid));
            }
        }, 30_000, 500);
        if (!removed) console.warn(`could not delete test VM ${uuid}: ${String(lastError)}`);
    }
}

export async function webviewManagers(): Promise<WebviewManagers> {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    const managers = await vscode.commands.executeCommand<WebviewManagers>('virtualbox.webviews.testHook');
    assert.ok(managers?.settings && managers.monitor, 'the test hook returned no panel managers');
    return managers;
}
