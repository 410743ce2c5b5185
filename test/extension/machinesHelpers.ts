// Helpers for the Machines suites (machines*.test.ts): VirtualBox is read and changed through the same VBoxManage the
// extension uses (the virtualbox.vboxManagePath setting), never through the extension itself.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { harnessVBoxManage } from '../support/harnessVBoxManage';
import { endLingeringTestbedVm } from '../support/testbedVm';
import { waitFor } from './support/waitFor';


export const EXTENSION_ID = 'vscode-virtualbox.vscode-virtualbox';

export function vboxManagePath(): string {
    const path = vscode.workspace.getConfiguration('virtualbox').get<string>('vboxManagePath');
    assert.ok(path, 'virtualbox.vboxManagePath is not set');
    return path;
}

/** VBoxManage as the harness runs it: a transient session lock is retried by the product's own rule. */
export const vbox = harnessVBoxManage(vboxManagePath);

/** `showvminfo --machinereadable` as key → value (quotes removed); what the tree must agree with. */
export async function vmInfo(vm: string): Promise<Map<string, string>> {
    const text = await vbox('showvminfo', vm, '--machinereadable');
    const map = new Map<string, string>();
    for (const line of text.split('\n')) {
        const match = /^"?([^"=]+)"?="?(.*?)"?$/.exec(line);
        if (match && !map.has(match[1])) map.set(match[1], match[2]);
    }
    return map;
}

export async function vmState(vm: string): Promise<string | undefined> {
    return (await vmInfo(vm)).get('VMState');
}

/** `list vms`: every registered VM's name and UUID. */
async function registeredVms(): Promise<{ name: string; uuid: string }[]> {
    const text = await vbox('list', 'vms');
    return text.split('\n').flatMap((line) => {
        const match = /^"(.*)" \{([0-9a-f-]+)\}$/.exec(line);
        return match ? [{ name: match[1], uuid: match[2] }] : [];
    });
}

export async function registeredVmNames(): Promise<string[]> {
    return (await registeredVms()).map((vm) => vm.name);
}

export function uniqueName(label: string): string {
    return `ext-machines-${label}-${randomBytes(3).toString('hex')}`;
}

/** A small VM without OS (boots to "no bootable medium"): starts in seconds under the testbed. */
export async function createTestVm(name: string, options: { cpus?: number; memoryMb?: number; group?: string } = {}): Promise<string> {
    const created = await vbox('createvm', '--name', name, '--ostype', 'Other', '--register', ...(options.group ? ['--groups', options.group] : []));
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(created)?.[0];
    assert.ok(uuid, `createvm printed no UUID: ${created}`);
    await vbox('modifyvm', uuid, '--memory', String(options.memoryMb ?? 64), '--cpus', String(options.cpus ?? 1), '--graphicscontroller', 'vmsvga');
    return uuid;
}

/**
 * Waits until no session holds the VM (its VM process ended after a power-off or save; a failed read is not an
 * answer). A testbed VM process still holding it after 30 s is ended by its PID (endLingeringTestbedVm), and the
 * wait goes on until VirtualBox has let go. Throws when the session never ends.
 */
export async function waitForSessionEnd(vm: string): Promise<void> {
    const released = () => vmInfo(vm).then((info) => !info.has('SessionName'), () => false);
    if (await waitFor(released, 30_000, 500)) return;
    const uuid = (await registeredVms()).find((listed) => listed.name === vm || listed.uuid === vm)?.uuid;
    if (uuid) endLingeringTestbedVm(vboxManagePath(), uuid);
    assert.ok(await waitFor(released, 30_000, 500), `the session of ${vm} did not end`);
}

/** True while VirtualBox lists the VM (by name or UUID); unlike a failed showvminfo, never a transient "no". */
async function isRegistered(vm: string): Promise<boolean> {
    return (await registeredVms()).some((listed) => listed.name === vm || listed.uuid === vm);
}

/**
 * Powers off (if needed) and deletes a VM with its files; quiet when it is already gone. Returns why it could not
 * be deleted, if so.
 */
async function deleteTestVm(vm: string): Promise<string | undefined> {
    if (!(await isRegistered(vm))) return undefined;
    const state = await vmState(vm).catch(() => undefined);
    if (state === 'running' || state === 'paused' || state === undefined) await vbox('controlvm', vm, 'poweroff').catch(() => undefined);
    await waitForSessionEnd(vm).catch(() => undefined);
    // The session stays locked for a moment after a power-off (much longer on a busy host).
    let lastError: unknown;
    const gone = await waitFor(async () => {
        try {
            await vbox('unregistervm', vm, '--delete');
            return true;
        } catch (error) {
            lastError = error;
            return !(await isRegistered(vm).catch(() => true));
        }
    }, 60_000, 500);
    return gone ? undefined : `could not delete test VM ${vm}: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
}

/** Deletes a test VM if it exists; a VM that cannot be deleted is reported on the console, not thrown. */
export async function removeTestVm(vm: string): Promise<void> {
    const problem = await deleteTestVm(vm);
    if (problem) console.warn(problem);
}

/** Deletes every listed test VM, even when one fails; then fails with the ones left behind. */
export async function removeTestVms(vms: readonly string[]): Promise<void> {
    const problems = (await Promise.all(vms.map((vm) => deleteTestVm(vm)))).filter((problem): problem is string => problem !== undefined);
    if (problems.length) throw new Error(problems.join('\n'));
}

export async function activateExtension(): Promise<void> {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    await pinVBoxManagePath();
}

/**
 * virtualbox.vboxManagePath is machine-scoped (a workspace must not choose which program runs). In a remote window
 * such as code-server's, VS Code reads machine-scoped values from the remote settings only, and drops one found in
 * the local user settings as soon as any setting changes. Writing it back through the API stores it where it stays.
 */
async function pinVBoxManagePath(): Promise<void> {
    const config = vscode.workspace.getConfiguration('virtualbox');
    const value = config.get<string>('vboxManagePath');
    if (value) await config.update('vboxManagePath', value, vscode.ConfigurationTarget.Global);
}

export interface SnapshotNode {
    readonly id?: string;
    readonly label: string;
    readonly description?: string;
    readonly contextValue?: string;
    readonly icon?: string;
    readonly iconColor?: string;
    readonly tooltip?: string;
    readonly children?: SnapshotNode[];
    readonly element?: unknown;
}

export interface TreeOptions {
    readonly depth?: number;
    readonly withElements?: boolean;
    /** Only these nodes are expanded: reading a VM's children makes the view re-read its details on every poll. */
    readonly expandLabels?: readonly string[];
}

export function machinesTree(options: TreeOptions = {}): Promise<SnapshotNode[]> {
    return Promise.resolve(vscode.commands.executeCommand<SnapshotNode[]>('virtualbox.internal.getTreeSnapshot', { view: 'virtualbox.machines', ...options }));
}

/** Every node of a snapshot, depth first. */
export function allNodes(nodes: readonly SnapshotNode[] | undefined): SnapshotNode[] {
    return (nodes ?? []).flatMap((node) => [node, ...allNodes(node.children)]);
}

/** A VM's node at the top level (or inside the given group folders), with the provider's element. */
export async function findVmNode(name: string, groups: readonly string[] = []): Promise<SnapshotNode | undefined> {
    const roots = await machinesTree({ depth: groups.length + 1, withElements: true, expandLabels: groups });
    return allNodes(roots).find((node) => node.label === name && node.contextValue?.startsWith('vm:'));
}

/**
 * The VM's node after a manual refresh (the Refresh command), with the provider's element for commands. The view
 * redraws on its own schedule after the command, so the node is looked for until it shows; a failure says what the
 * view showed under that name instead.
 */
export async function freshVmNode(name: string, timeoutMs = 30_000): Promise<SnapshotNode> {
    await vscode.commands.executeCommand('virtualbox.refresh');
    let node: SnapshotNode | undefined;
    await waitFor(async () => (node = await findVmNode(name)) !== undefined, timeoutMs, 500);
    if (node) return node;
    const seen = allNodes(await machinesTree({ depth: 1 }))
        .filter((candidate) => candidate.label === name)
        .map((candidate) => `${candidate.contextValue ?? 'no context'} (${candidate.description ?? ''})`);
    assert.fail(`no node for VM ${name} at the top of the Machines view after ${timeoutMs / 1000} s; under that name: ${seen.join(', ') || 'nothing'}`);
}

/** Replaces `target[key]` while `body` runs, then puts it back (e.g. vscode.window.showQuickPick). */
export async function withStub<T extends object, K extends keyof T, R>(target: T, key: K, stub: T[K], body: () => Promise<R>): Promise<R> {
    const original = target[key];
    target[key] = stub;
    try {
        return await body();
    } finally {
        target[key] = original;
    }
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('virtualbox').update(key, value, vscode.ConfigurationTarget.Global);
}
