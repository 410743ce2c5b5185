// The Networks view in real VS Code: its folders against `natnetwork list`, `list intnets`, `list bridgedifs` and
// `list hostonlyifs`; Create NAT Network (validated input), Delete Network (modal; in use: refused and said), and
// Create Host-only Interface where the host has no driver for it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, allNodes, createTestVm, removeTestVm, updateSetting, vbox } from './machinesHelpers';
import { waitFor } from './support/waitFor';
import { findNode, runOn, viewTree, withAnswers, type SnapshotNode } from './storageSupport';

const unique = (label: string) => `ext-networks-${label}-${Math.random().toString(16).slice(2, 8)}`;
const names = (text: string) => [...text.matchAll(/^Name:\s+(.+)$/gm)].map((match) => match[1].trim());
const sameSet = (a: readonly unknown[], b: readonly unknown[]) => a.length === new Set(a).size && new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

async function networkNodes(): Promise<SnapshotNode[]> {
    await vscode.commands.executeCommand('virtualbox.networks.refresh');
    return allNodes(await viewTree('virtualbox.networks', 3));
}

function folderLabels(nodes: readonly SnapshotNode[], kind: string): string[] {
    const folder = findNode(nodes, (node) => node.contextValue === `networkFolder:${kind}`, `the ${kind} folder`);
    return (folder.children ?? []).filter((node) => node.contextValue === `network:${kind}`).map((node) => node.label);
}

async function natNetworkNames(): Promise<string[]> {
    return names(await vbox('natnetwork', 'list'));
}

describe('(extension) Networks view', function () {
    this.timeout(180_000);
    const created: string[] = [];
    const vm = unique('vm');
    let vmUuid = '';

    before(async () => {
        await activateExtension();
        await updateSetting('confirmDestructiveActions', true);
    });

    after(async () => {
        await updateSetting('confirmDestructiveActions', undefined);
        if (vmUuid) await removeTestVm(vmUuid);
        const remaining = await natNetworkNames();
        for (const name of created.filter((candidate) => remaining.includes(candidate))) await vbox('natnetwork', 'remove', '--netname', name);
    });

    it('shows the NAT networks, internal networks, bridged and host-only interfaces VBoxManage lists', async () => {
        const lists = async () => ({
            natnet: await natNetworkNames(),
            intnet: names(await vbox('list', 'intnets')),
            bridged: names(await vbox('list', 'bridgedifs')),
            hostonly: names(await vbox('list', 'hostonlyifs')),
        });
        let last = '';
        // Other suites may add or remove networks meanwhile: compare again until both reads agree.
        const agree = await waitFor(async () => {
            const nodes = await networkNodes();
            const expected = await lists();
            const shown = Object.fromEntries(Object.keys(expected).map((kind) => [kind, folderLabels(nodes, kind)]));
            last = `shown ${JSON.stringify(shown)}, listed ${JSON.stringify(expected)}`;
            return Object.entries(expected).every(([kind, list]) => sameSet(shown[kind] ?? [], list));
        }, 15_000, 500);
        assert.ok(agree, last);
    });

    it('Create NAT Network validates the CIDR as typed and creates the network', async () => {
        const name = unique('nat');
        const cidr = `10.${100 + Math.floor(Math.random() * 100)}.${Math.floor(Math.random() * 250)}.0/24`;
        created.push(name);
        const { shown } = await withAnswers({ inputs: [name, cidr] }, () => Promise.resolve(vscode.commands.executeCommand('virtualbox.network.createNat')));
        const validateCidr = shown.inputBoxes[1]?.validateInput;
        assert.ok(await validateCidr?.('10.0.5.1/24'), 'host bits set are refused');
        assert.ok(await validateCidr?.('10.0.5.0/31'), 'a /31 is refused');
        assert.ok(await validateCidr?.('not a network'), 'text is refused');
        assert.ok(!(await validateCidr?.('10.0.5.0/24')), 'a proper network is accepted');
        assert.ok(await shown.inputBoxes[0]?.validateInput?.('  '), 'an empty name is refused');

        const listed = await vbox('natnetwork', 'list', name);
        assert.match(listed, new RegExp(`^Network:\\s+${cidr.replace(/\./g, '\\.')}$`, 'm'));
        assert.ok(folderLabels(await networkNodes(), 'natnet').includes(name), 'the view shows it');
    });

    it('Delete Network on a NAT network in use says which VM uses it and deletes nothing', async () => {
        const name = created[0];
        vmUuid = await createTestVm(vm);
        await vbox('modifyvm', vmUuid, '--nic1', 'natnetwork', '--nat-network1', name);
        const node = findNode(await networkNodes(), (candidate) => candidate.contextValue === 'network:natnet' && candidate.label === name, name);
        try {
            const { shown } = await withAnswers({ warnings: ['Delete'], allowErrors: true }, () => Promise.resolve(runOn('virtualbox.network.delete', node)));
            assert.equal(shown.errors.length, 1);
            assert.ok(shown.errors[0].detail?.includes(vm), `the refusal names the VM: ${JSON.stringify(shown.errors)}`);
            assert.ok((await natNetworkNames()).includes(name), 'the network is still there');
        } finally {
            await vbox('modifyvm', vmUuid, '--nic1', 'nat');
        }
    });

    it('Delete Network on a NAT network removes it after the modal', async () => {
        const name = created[0];
        const node = findNode(await networkNodes(), (candidate) => candidate.contextValue === 'network:natnet' && candidate.label === name, name);
        const declined = await withAnswers({ warnings: [undefined] }, () => Promise.resolve(runOn('virtualbox.network.delete', node)));
        assert.match(declined.shown.warnings[0]?.message ?? '', new RegExp(name));
        assert.ok((await natNetworkNames()).includes(name), 'dismissing the modal deletes nothing');
        await withAnswers({ warnings: ['Delete'] }, () => Promise.resolve(runOn('virtualbox.network.delete', node)));
        assert.ok(!(await natNetworkNames()).includes(name));
        assert.ok(!folderLabels(await networkNodes(), 'natnet').includes(name), 'the view no longer shows it');
    });

    it('Create Host-only Interface explains a missing host driver in a modal', async function () {
        const before = names(await vbox('list', 'hostonlyifs'));
        const { shown } = await withAnswers({ allowErrors: true }, () => Promise.resolve(vscode.commands.executeCommand('virtualbox.network.createHostOnly')));
        const after = names(await vbox('list', 'hostonlyifs'));
        if (after.length > before.length) {
            // A host with the driver (not the testbed): the interface exists; remove it again.
            for (const name of after.filter((candidate) => !before.includes(candidate))) await vbox('hostonlyif', 'remove', name);
            this.skip();
        }
        assert.equal(shown.errors.length, 1, JSON.stringify(shown));
        assert.match(shown.errors[0].message, /cannot create host-only interfaces/);
        assert.match(shown.errors[0].detail ?? '', /driver/);
    });
});
