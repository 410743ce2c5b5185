// Shared by the Media, Networks, storage and snapshot suites: read a view as VS Code renders it, and answer the quick
// picks, input boxes and modals a command asks (vscode.window's functions are replaced while the body runs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allNodes, vbox, vmInfo, type SnapshotNode } from './machinesHelpers';
import { waitFor } from './support/waitFor';

export type { SnapshotNode };

/** A view's nodes down to `depth`, each with the provider's element (to pass to commands as the clicked node). */
export function viewTree(view: string, depth: number): Promise<SnapshotNode[]> {
    return Promise.resolve(vscode.commands.executeCommand<SnapshotNode[]>('virtualbox.internal.getTreeSnapshot', { view, depth, withElements: true }));
}

interface Element {
    readonly id?: string;
    getTreeItem(): vscode.TreeItem;
    getChildren?(): Element[] | Promise<Element[]>;
}

/** A node and its descendants read through the provider's own elements (only this subtree is expanded). */
async function subtree(element: Element, depth: number): Promise<SnapshotNode[]> {
    const item = element.getTreeItem();
    const node: SnapshotNode = {
        id: element.id,
        label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
        description: typeof item.description === 'string' ? item.description : undefined,
        contextValue: item.contextValue,
        tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
        element,
    };
    if (depth <= 1 || !element.getChildren) return [node];
    const children = await element.getChildren();
    const below = await Promise.all(children.map((child) => subtree(child, depth - 1)));
    return [node, ...below.flat()];
}

/**
 * The VM's node and everything below it in the Machines tree, read again (after a Refresh) until `until` accepts
 * it: a Refresh that arrives while another reload runs may be answered by that older reload.
 */
export async function vmSubtree(uuid: string, until: (nodes: SnapshotNode[]) => boolean = (nodes) => nodes.length > 0): Promise<SnapshotNode[]> {
    let nodes: SnapshotNode[] = [];
    await waitFor(async () => {
        await vscode.commands.executeCommand('virtualbox.refresh');
        const vm = allNodes(await viewTree('virtualbox.machines', 3)).find((node) => node.id?.endsWith(uuid) && node.contextValue?.startsWith('vm:'));
        nodes = vm ? await subtree(vm.element as Element, 5) : [];
        return until(nodes);
    }, 30_000, 500);
    return nodes;
}

/** Waits until the VM's subtree has a node that `predicate` accepts, and returns it. */
export async function vmNodeWhere(uuid: string, predicate: (node: SnapshotNode) => boolean, what: string): Promise<SnapshotNode> {
    return findNode(await vmSubtree(uuid, (nodes) => nodes.some(predicate)), predicate, what);
}

export function findNode(nodes: readonly SnapshotNode[], predicate: (node: SnapshotNode) => boolean, what: string): SnapshotNode {
    const node = nodes.find(predicate);
    assert.ok(node, `no node for ${what}; nodes: ${nodes.map((n) => `${n.label} [${n.contextValue}]`).join(', ')}`);
    return node;
}

type Item = vscode.QuickPickItem & Record<string, unknown>;
export type QuickPickAnswer = (items: readonly Item[]) => Item | undefined;
export type InputAnswer = string | undefined;

export interface Answers {
    /** Error notifications the command may show (otherwise any error shown fails the test). */
    readonly allowErrors?: boolean;
    readonly quickPicks?: readonly QuickPickAnswer[];
    /** Each answer must pass the input box's own validation (checked here, as the user would be). */
    readonly inputs?: readonly InputAnswer[];
    /** The button chosen in each warning modal (undefined = dismissed). */
    readonly warnings?: readonly (string | undefined)[];
}

export interface Shown {
    readonly warnings: { message: string; detail?: string; buttons: string[] }[];
    readonly infos: { message: string; detail?: string }[];
    readonly errors: { message: string; detail?: string }[];
    readonly inputBoxes: vscode.InputBoxOptions[];
}

const detailOf = (rest: unknown[]) => (rest[0] && typeof rest[0] === 'object' && 'detail' in rest[0] ? String((rest[0] as { detail?: string }).detail) : undefined);
const buttonsOf = (rest: unknown[]) => rest.filter((item): item is string => typeof item === 'string');

/** Runs `body` with the prompts answered in order; every answer given must have been asked for. */
export async function withAnswers<R>(answers: Answers, body: () => Promise<R>): Promise<{ result: R; shown: Shown }> {
    const quickPicks = [...(answers.quickPicks ?? [])];
    const inputs = [...(answers.inputs ?? [])];
    const warnings = [...(answers.warnings ?? [])];
    const shown: Shown = { warnings: [], infos: [], errors: [], inputBoxes: [] };
    // A failed check inside a stub would be caught by the command's error wrapper: collect it and fail afterwards.
    const problems: string[] = [];
    const window = vscode.window as unknown as Record<string, unknown>;
    const originals = ['showQuickPick', 'showInputBox', 'showWarningMessage', 'showInformationMessage', 'showErrorMessage'].map((key) => [key, window[key]] as const);
    window.showQuickPick = async (items: readonly Item[] | Thenable<readonly Item[]>) => {
        const answer = quickPicks.shift();
        const list = await items;
        if (!answer) {
            problems.push(`an unexpected quick pick was shown: ${list.map((item) => item.label).join(', ')}`);
            return undefined;
        }
        try {
            return answer(list);
        } catch (error) {
            problems.push(String(error));
            return undefined;
        }
    };
    window.showInputBox = async (options: vscode.InputBoxOptions = {}) => {
        shown.inputBoxes.push(options);
        if (inputs.length === 0) {
            problems.push(`an unexpected input box was shown: ${options.title} ${options.prompt}`);
            return undefined;
        }
        const answer = inputs.shift();
        const problem = answer !== undefined && options.validateInput ? await options.validateInput(answer) : undefined;
        if (problem) {
            problems.push(`the input box "${options.title}" rejects ${JSON.stringify(answer)}: ${typeof problem === 'string' ? problem : problem.message}`);
            return undefined;
        }
        return answer;
    };
    window.showWarningMessage = (message: string, ...rest: unknown[]) => {
        shown.warnings.push({ message, detail: detailOf(rest), buttons: buttonsOf(rest) });
        if (warnings.length === 0) problems.push(`an unexpected warning was shown: ${message}`);
        return Promise.resolve(warnings.shift());
    };
    window.showInformationMessage = (message: string, ...rest: unknown[]) => {
        shown.infos.push({ message, detail: detailOf(rest) });
        return Promise.resolve(undefined);
    };
    window.showErrorMessage = (message: string, ...rest: unknown[]) => {
        shown.errors.push({ message, detail: detailOf(rest) });
        return Promise.resolve(undefined);
    };
    try {
        const result = await body();
        assert.deepEqual(problems, [], 'the prompts did not go as scripted');
        if (!answers.allowErrors) assert.deepEqual(shown.errors, [], 'the command showed an error');
        assert.equal(quickPicks.length, 0, `${quickPicks.length} quick pick answer(s) were not asked for`);
        assert.equal(inputs.length, 0, `${inputs.length} input answer(s) were not asked for`);
        assert.equal(warnings.length, 0, `${warnings.length} warning answer(s) were not asked for`);
        return { result, shown };
    } finally {
        for (const [key, original] of originals) window[key] = original;
    }
}

/** Picks the item whose own `key` field (as the command built it) satisfies `test`. */
export function pickBy(test: (item: Item) => boolean): QuickPickAnswer {
    return (items) => {
        const found = items.find(test);
        assert.ok(found, `no quick pick item matched; items: ${items.map((item) => item.label).join(', ')}`);
        return found;
    };
}

export const pickLabel = (label: string | RegExp): QuickPickAnswer =>
    pickBy((item) => (typeof label === 'string' ? item.label === label : label.test(item.label)));

/** The quick pick item of a VM, as pickVm builds it. */
export const pickVmNamed = (name: string): QuickPickAnswer => pickBy((item) => (item.vm as { name?: string } | undefined)?.name === name);

/** Runs a command the way a click in a tree does: `(node, [node])`. */
export function runOn(command: string, node: SnapshotNode): Thenable<unknown> {
    return vscode.commands.executeCommand(command, node.element, [node.element]);
}

/** The folder VirtualBox creates new VMs in (the testbed's data folder). */
export async function machineFolder(): Promise<string> {
    const match = /^Default machine folder:\s+(.+)$/m.exec(await vbox('list', 'systemproperties'));
    assert.ok(match, 'list systemproperties shows no default machine folder');
    return match[1].trim();
}

/** `key: value` pairs of `showmediuminfo` (English labels: the shim runs VBoxManage under LC_ALL=C). */
export async function mediumInfo(ref: string): Promise<Map<string, string>> {
    const text = await vbox('showmediuminfo', 'disk', ref);
    return new Map(text.split('\n').flatMap((line) => {
        const match = /^([^:]+):\s+(.*)$/.exec(line);
        return match ? [[match[1].trim(), match[2]] as [string, string]] : [];
    }));
}

/** The UUIDs of `list hdds`. */
export async function registeredDiskUuids(): Promise<string[]> {
    return [...(await vbox('list', 'hdds')).matchAll(/^UUID:\s+([0-9a-f-]{36})$/gm)].map((match) => match[1]);
}

/**
 * Runs a VBoxManage read again for a while when it fails: right after a change the VM's session stays locked for a
 * moment and reads can fail with "The object is not ready" (E_ACCESSDENIED).
 */
export async function settled<T>(read: () => Promise<T>): Promise<T> {
    let last: unknown;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
        try {
            return await read();
        } catch (error) {
            last = error;
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }
    throw last;
}

/** `showvminfo` as key → value, once the VM's session lets it be read. */
export function settledVmInfo(vm: string): Promise<Map<string, string>> {
    return settled(() => vmInfo(vm));
}
