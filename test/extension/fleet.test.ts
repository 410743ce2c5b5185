// Finding and arranging many VMs in the Machines view, in real VS Code: filter (accents, emoji, state:, os:,
// group:), sort, group by, pin to Favourites and hide, each read back from what the tree provider shows, against
// what VBoxManage reports; and what a reloading window would read from VS Code's stores.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { activateExtension, allNodes, machinesTree, removeTestVms, vbox, vmInfo, waitForSessionEnd, withStub, type SnapshotNode } from './machinesHelpers';
import { waitFor } from './support/waitFor';

interface ArrangementProbe {
    readonly description?: string;
    readonly stored: {
        readonly filter: string;
        readonly sortBy: string;
        readonly groupBy: string;
        readonly showHidden: boolean;
        readonly pinned: string[];
        readonly hidden: string[];
    };
}

const probe = () => Promise.resolve(vscode.commands.executeCommand<ArrangementProbe>('virtualbox.internal.machinesArrangement'));
const run = (command: string, ...args: unknown[]) => Promise.resolve(vscode.commands.executeCommand(command, ...args));

describe('(extension) fleet: filter, sort, group, pin and hide in the Machines view', function () {
    this.timeout(240_000);
    const tag = randomBytes(3).toString('hex');
    const prefix = `ext-fleet-${tag}`;
    const group = `/ext-fleet-team-${tag}`;
    // Names chosen so that each sort gives a different order: a < b < c by name.
    const accented = `${prefix}-a-Ünïcødé`;
    const emoji = `${prefix}-b-🚀 rocket`;
    const saved = `${prefix}-c-plain`;
    const renamed = `${prefix}-b-🛰 renamed`;
    const names = [accented, emoji, saved];
    const uuids = new Map<string, string>();
    /**
     * The saved VM's state as VBoxManage reports it: `saved`, or `aborted-saved` when its VM process outlived the
     * save on a busy host and the harness ended it (read in before()).
     */
    let savedState = 'saved';
    const savedLabel = () => (savedState === 'saved' ? 'Saved' : 'Aborted (Saved)');
    /** The folders the tests look into; VM nodes are never expanded (that would make the view read their details). */
    const folders = ['Favourites', 'Saved', 'Aborted (Saved)', 'Powered Off', 'Ubuntu (64-bit)', 'Debian (64-bit)', 'Other/Unknown', group.slice(1)];
    const tree = (depth: number, withElements = false) => machinesTree({ depth, withElements, expandLabels: folders });

    /** Creates a VM; waits until the clock is past the second of its creation, so state-change times differ. */
    async function create(name: string, ostype: string, extra: string[] = []): Promise<void> {
        const created = await vbox('createvm', '--name', name, '--ostype', ostype, '--register', ...extra);
        const uuid = /UUID: ([0-9a-f-]{36})/.exec(created)?.[1];
        assert.ok(uuid, created);
        uuids.set(name, uuid);
        await vbox('modifyvm', uuid, '--memory', '64', '--graphicscontroller', 'vmsvga');
        const second = Math.floor(Date.now() / 1000);
        await waitFor(() => Math.floor(Date.now() / 1000) > second, 5_000, 50);
    }

    /** Our VMs as the view shows them right now, in order, down to `depth` levels (folders expanded). */
    async function shown(depth = 4): Promise<SnapshotNode[]> {
        return allNodes(await tree(depth)).filter((node) => node.contextValue?.startsWith('vm:') && node.label.startsWith(prefix));
    }
    const labels = async (depth?: number) => (await shown(depth)).map((node) => node.label);

    /** The top-level folder with this id, as shown. */
    async function folder(id: string): Promise<SnapshotNode | undefined> {
        return (await tree(2)).find((node) => node.id === id);
    }

    async function vmElement(name: string): Promise<unknown> {
        const node = allNodes(await tree(4, true)).find((n) => n.label === name && n.contextValue?.startsWith('vm:'));
        assert.ok(node, `${name} is not shown`);
        return node.element;
    }

    before(async () => {
        await activateExtension();
        await vscode.commands.executeCommand('virtualbox.machines.focus');
        await create(accented, 'Ubuntu_64', ['--groups', group]);
        await create(emoji, 'Debian_64');
        await create(saved, 'Other');
        // One VM with a state of its own, changed last: started, then saved.
        await vbox('startvm', saved, '--type', 'headless');
        await vbox('controlvm', saved, 'savestate');
        await waitForSessionEnd(saved);
        savedState = (await vmInfo(saved)).get('VMState') ?? '';
        assert.ok(['saved', 'aborted-saved'].includes(savedState), `the saved VM is ${savedState}`);
        await run('virtualbox.machines.groupByNone');
        await run('virtualbox.refresh');
        assert.ok(await waitFor(async () => (await labels()).length === 3, 60_000, 500), `the view does not show the three VMs: ${(await labels()).join(', ')}`);
    });

    after(async () => {
        // Back to what every other suite expects, whatever happened above.
        await run('virtualbox.machines.clearFilter');
        await run('virtualbox.machines.sortByName');
        await run('virtualbox.machines.groupByGroups');
        // Pins and hides of our VMs are undone through the commands, on the VMs' own nodes (hidden ones shown meanwhile).
        await run('virtualbox.machines.showHiddenVms');
        const ours = allNodes(await tree(4, true)).filter((n) => n.contextValue?.startsWith('vm:') && n.label.startsWith(prefix));
        const stored = (await probe()).stored;
        for (const [command, list] of [['virtualbox.vm.unpin', stored.pinned], ['virtualbox.vm.unhide', stored.hidden]] as const) {
            const nodes = ours.filter((n) => list.some((uuid) => n.id?.endsWith(uuid))).map((n) => n.element);
            if (nodes.length > 0) await run(command, nodes[0], nodes);
        }
        await run('virtualbox.machines.stopShowingHiddenVms');
        await removeTestVms([...uuids.values()]);
    });

    it('filters by name case- and accent-insensitively, by emoji, and by state:, os: and group: terms (AND)', async () => {
        const info = new Map(await Promise.all(names.map(async (name) => [name, await vmInfo(name)] as const)));
        assert.equal(info.get(saved)?.get('VMState'), savedState);
        assert.equal(info.get(accented)?.get('ostype'), 'Ubuntu (64-bit)');
        assert.equal(info.get(accented)?.get('groups'), group);
        const cases: [string, string[]][] = [
            [`${prefix} unicode`, [accented]],
            [`${prefix.toUpperCase()} ÜNÏCØDÉ`, [accented]],
            ['🚀', [emoji]],
            [`${prefix} 🚀 ROCKET`, [emoji]],
            [`${prefix} state:${savedState}`, [saved]],
            [`${prefix} state:off`, [accented, emoji]],
            [`${prefix} os:ubuntu`, [accented]],
            [`group:${group.toUpperCase()}`, [accented]],
            [`${prefix} os:debian state:${savedState}`, []],
            [prefix, [accented, emoji, saved]],
        ];
        for (const [query, expected] of cases) {
            await run('virtualbox.machines.filter', query);
            assert.deepEqual(await labels(), expected, `filter "${query}"`);
            assert.equal((await probe()).description, `Filter: ${query} · Not grouped`);
        }
        await run('virtualbox.machines.filter', `${prefix} no-such-vm`);
        const roots = await tree(1);
        assert.deepEqual(roots.map((node) => node.label), ['No VM matches the filter']);
    });

    it('filters as the user types in the input box; Escape puts the previous filter back, Enter keeps the new one', async () => {
        await run('virtualbox.machines.filter', prefix);
        /** An input box the test types into: the same events VS Code's own fires. */
        const typing = (keys: readonly string[], accept: boolean, seen: string[][]) => {
            const changed = new vscode.EventEmitter<string>();
            const accepted = new vscode.EventEmitter<void>();
            const hidden = new vscode.EventEmitter<void>();
            const box = {
                title: '', value: '', placeholder: '', prompt: '',
                onDidChangeValue: changed.event, onDidAccept: accepted.event, onDidHide: hidden.event,
                show: () => void (async () => {
                    let text = box.value;
                    for (const key of keys) {
                        text += key;
                        box.value = text;
                        changed.fire(text);
                        seen.push(await labels());
                    }
                    if (accept) accepted.fire();
                    else box.hide();
                })(),
                hide: () => hidden.fire(),
                dispose: () => [changed, accepted, hidden].forEach((emitter) => emitter.dispose()),
            };
            return (() => box) as never;
        };
        const seen: string[][] = [];
        await withStub(vscode.window, 'createInputBox', typing([' ', 'o', 'c', 'k'], false, seen), () => run('virtualbox.machines.filter'));
        // "o" is in Ünïcødé (folded) and in rocket, "oc" only in rocket.
        assert.deepEqual(seen, [[accented, emoji, saved], [accented, emoji], [emoji], [emoji]], 'the view follows each key');
        assert.equal((await probe()).stored.filter, prefix, 'Escape restored the previous filter');
        assert.deepEqual(await labels(), [accented, emoji, saved]);

        const kept: string[][] = [];
        await withStub(vscode.window, 'createInputBox', typing([' ', '🚀'], true, kept), () => run('virtualbox.machines.filter'));
        assert.deepEqual(kept.at(-1), [emoji]);
        assert.equal((await probe()).stored.filter, `${prefix} 🚀`, 'Enter kept the typed filter');
        await run('virtualbox.machines.filter', prefix);
    });

    it('keeps the filter where a reloaded window reads it, and clears it', async () => {
        await run('virtualbox.machines.filter', `${prefix} unicode`);
        assert.equal((await probe()).stored.filter, `${prefix} unicode`);
        await run('virtualbox.machines.clearFilter');
        const after = await probe();
        assert.equal(after.stored.filter, '');
        assert.equal(after.description, 'Not grouped', 'no filter: only the grouping, which is not the default');
        await run('virtualbox.machines.filter', prefix);
    });

    it('sorts by name, state, last state change and OS type, as VBoxManage reports them', async () => {
        await run('virtualbox.machines.groupByNone');
        await run('virtualbox.machines.filter', prefix);
        const info = new Map(await Promise.all(names.map(async (name) => [name, await vmInfo(name)] as const)));
        const changed = (name: string) => info.get(name)!.get('VMStateChangeTime')!;
        // What VirtualBox says, which the expected orders below rely on.
        assert.ok(changed(accented) < changed(emoji) && changed(emoji) < changed(saved), [...info.values()].map((i) => i.get('VMStateChangeTime')).join(' '));
        assert.deepEqual(names.map((name) => info.get(name)!.get('ostype')), ['Ubuntu (64-bit)', 'Debian (64-bit)', 'Other/Unknown']);
        const expected: [string, string, string[], string][] = [
            ['virtualbox.machines.sortByName', 'name', [accented, emoji, saved], ''],
            ['virtualbox.machines.sortByState', 'state', [saved, accented, emoji], ' · Sorted by state'],
            ['virtualbox.machines.sortByLastStateChange', 'lastStateChange', [saved, emoji, accented], ' · Sorted by last state change'],
            ['virtualbox.machines.sortByOs', 'os', [emoji, saved, accented], ' · Sorted by OS type'],
        ];
        for (const [command, key, order, said] of expected) {
            await run(command);
            assert.deepEqual(await labels(1), order, command);
            const { stored, description } = await probe();
            assert.equal(stored.sortBy, key);
            assert.equal(description, `Filter: ${prefix}${said} · Not grouped`);
        }
        await run('virtualbox.machines.sortByName');
    });

    it('groups by VirtualBox groups, state, OS type or not at all', async () => {
        await run('virtualbox.machines.sortByName');
        await run('virtualbox.machines.filter', prefix);
        await run('virtualbox.machines.groupByState');
        const savedFolder = await folder(`state:${savedState}`);
        assert.equal(savedFolder?.label, savedLabel());
        assert.deepEqual(savedFolder?.children?.filter((n) => n.label.startsWith(prefix)).map((n) => n.label), [saved]);
        const offFolder = await folder('state:poweroff');
        assert.equal(offFolder?.label, 'Powered Off');
        assert.deepEqual(offFolder?.children?.filter((n) => n.label.startsWith(prefix)).map((n) => n.label), [accented, emoji]);

        assert.equal((await probe()).description, `Filter: ${prefix} · Grouped by state`);
        await run('virtualbox.machines.groupByOs');
        assert.deepEqual((await folder('os:Ubuntu (64-bit)'))?.children?.filter((n) => n.label.startsWith(prefix)).map((n) => n.label), [accented]);
        assert.deepEqual((await folder('os:Debian (64-bit)'))?.children?.filter((n) => n.label.startsWith(prefix)).map((n) => n.label), [emoji]);

        await run('virtualbox.machines.groupByGroups');
        const team = await folder(`group${group}`);
        assert.equal(team?.contextValue, 'vmGroup');
        assert.deepEqual(team?.children?.map((n) => n.label), [accented]);
        assert.equal(team?.children?.[0].id, `vm${group}/${uuids.get(accented)}`, 'a grouped VM keeps its id');
        assert.deepEqual(await labels(1), [emoji, saved], 'only the ungrouped VMs at the top');
        assert.equal((await probe()).stored.groupBy, 'groups');

        await run('virtualbox.machines.groupByNone');
        assert.deepEqual(await labels(1), [accented, emoji, saved]);
        assert.equal((await shown(1))[0].id, `vm/${uuids.get(accented)}`);
    });

    it('pins a VM to Favourites at the top, by UUID: renamed in VirtualBox, it stays pinned', async () => {
        await run('virtualbox.machines.groupByNone');
        await run('virtualbox.machines.sortByName');
        await run('virtualbox.machines.filter', prefix);
        await run('virtualbox.vm.pin', await vmElement(emoji));
        let roots = await tree(2);
        assert.equal(roots[0].id, 'favourites');
        assert.equal(roots[0].label, 'Favourites');
        assert.deepEqual(roots[0].children?.map((n) => n.label), [emoji]);
        assert.equal(roots[0].children?.[0].id, `vm@favourites/${uuids.get(emoji)}`);
        assert.deepEqual(await labels(1), [accented, saved], 'a pinned VM is only in Favourites');
        assert.deepEqual((await probe()).stored.pinned, [uuids.get(emoji)]);

        await vbox('modifyvm', uuids.get(emoji)!, '--name', renamed);
        assert.equal((await vmInfo(uuids.get(emoji)!)).get('name'), renamed);
        await run('virtualbox.refresh');
        assert.ok(
            await waitFor(async () => (await tree(2))[0]?.children?.some((n) => n.label === renamed) ?? false, 30_000, 500),
            'the renamed VM is not in Favourites',
        );
        // From the palette, Unpin offers the pinned VMs only.
        let offered: string[] = [];
        await withStub(vscode.window, 'showQuickPick', ((items: { label: string }[]) => {
            offered = items.map((item) => item.label);
            return Promise.resolve(items.filter((item) => item.label === renamed));
        }) as never, () => run('virtualbox.vm.unpin'));
        assert.deepEqual(offered, [renamed]);
        roots = await tree(2);
        assert.ok(!roots.some((node) => node.id === 'favourites'), 'Favourites is still shown with nothing pinned');
        assert.deepEqual((await probe()).stored.pinned, []);
        assert.deepEqual(await labels(1), [accented, renamed, saved]);
    });

    it('hides a VM, counts it in the description, shows it again with "Show Hidden VMs", and unhides it', async () => {
        await run('virtualbox.machines.groupByNone');
        await run('virtualbox.machines.sortByName');
        await run('virtualbox.machines.filter', prefix);
        const emojiNow = (await vmInfo(uuids.get(emoji)!)).get('name');
        await run('virtualbox.vm.hide', await vmElement(accented));
        assert.deepEqual(await labels(1), [emojiNow, saved]);
        assert.equal((await probe()).description, `Filter: ${prefix} · Not grouped · 1 hidden`);
        assert.deepEqual((await probe()).stored.hidden, [uuids.get(accented)]);

        await run('virtualbox.machines.showHiddenVms');
        const back = (await shown(1)).find((node) => node.label === accented);
        assert.ok(back, 'the hidden VM is not shown with "Show Hidden VMs" on');
        assert.match(back.description ?? '', / · hidden$/);
        assert.equal((await probe()).stored.showHidden, true);

        await run('virtualbox.vm.unhide', await vmElement(accented));
        await run('virtualbox.machines.stopShowingHiddenVms');
        assert.deepEqual(await labels(1), [accented, emojiNow, saved]);
        const after = await probe();
        assert.deepEqual(after.stored.hidden, []);
        assert.equal(after.stored.showHidden, false);
        assert.equal(after.description, `Filter: ${prefix} · Not grouped`);
    });
});
