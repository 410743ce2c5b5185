// The Machines view in real VS Code: what it shows is compared with what VBoxManage reports; a VM created outside the
// extension appears on its own; a wrong VBoxManage path empties the view and switches the welcome content on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ACCESSIBLE_STATES, commandStates, vmCommandIds } from '../../src/commands/commandStates';
import {
    activateExtension,
    allNodes,
    createTestVm,
    findVmNode,
    machinesTree,
    removeTestVm,
    removeTestVms,
    uniqueName,
    updateSetting,
    vbox,
    vmInfo,
    withStub,
    type SnapshotNode,
} from './machinesHelpers';
import { waitFor } from './support/waitFor';

const child = (node: SnapshotNode | undefined, label: string) => node?.children?.find((c) => c.label === label);

describe('(extension) Machines view', function () {
    this.timeout(120_000);
    const group = `/${uniqueName('group')}`;
    const plain = uniqueName('plain');
    const grouped = uniqueName('grouped');
    const created: string[] = [];

    before(async () => {
        await activateExtension();
        // Visible, so that it polls like it does for a user.
        await vscode.commands.executeCommand('virtualbox.machines.focus');
        await createTestVm(plain, { cpus: 2, memoryMb: 96 });
        created.push(plain);
        await createTestVm(grouped, { cpus: 1, memoryMb: 64, group });
        created.push(grouped);
        // Children to show: a NAT port forward, a snapshot, a disk on a SATA controller.
        await vbox('modifyvm', plain, '--nic1', 'nat', '--natpf1', 'web,tcp,127.0.0.1,18080,,80');
        const folder = (await vmInfo(plain)).get('CfgFile')!.replace(/\/[^/]+$/, '');
        await vbox('createmedium', 'disk', '--filename', `${folder}/${plain}.vdi`, '--size', '16', '--format', 'VDI');
        await vbox('storagectl', plain, '--name', 'SATA', '--add', 'sata', '--portcount', '2');
        await vbox('storageattach', plain, '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', `${folder}/${plain}.vdi`);
        await vbox('snapshot', plain, 'take', 'first');
        await vscode.commands.executeCommand('virtualbox.refresh');
    });

    after(async () => {
        await removeTestVms(created);
    });

    it('shows each VM with the state, CPUs and memory VBoxManage reports, and groups as folders', async () => {
        const roots = await machinesTree({ depth: 2, expandLabels: [group.slice(1)] });
        for (const name of [plain, grouped]) {
            const info = await vmInfo(name);
            const node = allNodes(roots).find((n) => n.label === name);
            assert.ok(node, `${name} is not in the Machines view`);
            assert.equal(node.contextValue, `vm:${info.get('VMState')}`);
            assert.equal(node.description, `Powered Off · ${info.get('cpus')} CPU${info.get('cpus') === '1' ? '' : 's'} · ${info.get('memory')} MB`);
            assert.equal(node.icon, 'vm-outline');
            assert.match(node.tooltip ?? '', new RegExp(info.get('UUID')!.replace(/-/g, '\\\\?-')));
        }
        // The grouped VM sits in a folder named after its group, not at the top level.
        const folder = roots.find((n) => n.contextValue === 'vmGroup' && n.label === group.slice(1));
        assert.ok(folder, `no folder for group ${group}`);
        assert.ok(folder.children?.some((n) => n.label === grouped));
        assert.ok(!roots.some((n) => n.label === grouped), 'the grouped VM also shows at the top level');
        assert.ok(roots.some((n) => n.label === plain));
    });

    it('lists every registered VM and nothing else', async () => {
        const listed = (await vbox('list', 'vms')).split('\n').filter(Boolean).length;
        const groups = [...new Set((await vbox('list', 'vms', '--long')).match(/^Groups: +(.*)$/gm)?.flatMap((l) => l.replace(/^Groups: +/, '').split(',')) ?? [])];
        const labels = [...new Set(groups.flatMap((g) => g.split('/').filter(Boolean)))];
        const shown = new Set(allNodes(await machinesTree({ depth: 8, expandLabels: labels })).filter((n) => n.contextValue?.startsWith('vm:')).map((n) => n.id?.split('/').pop()));
        // Other suites create and delete VMs at the same time: compare against a fresh list, allowing for that churn.
        assert.ok(Math.abs(shown.size - listed) <= 2, `the view shows ${shown.size} VMs, VBoxManage lists ${listed}`);
    });

    it('shows snapshots (current marked), storage with sizes and network adapters with port forwards', async () => {
        const [node] = await machinesTree({ depth: 6, expandLabels: [plain, 'Snapshots', 'Storage', 'SATA', 'Network', 'Adapter 1'] }).then((roots) =>
            roots.filter((n) => n.label === plain),
        );
        assert.ok(node, `${plain} is not at the top of the Machines view`);
        const snapshots = child(node, 'Snapshots');
        assert.equal(snapshots?.description, '1');
        const first = child(snapshots, 'first');
        assert.equal(first?.contextValue, 'snapshot:current');
        const uuid = /SnapshotUUID="([^"]+)"/.exec(await vbox('showvminfo', plain, '--machinereadable'))?.[1];
        assert.ok(first?.id?.endsWith(uuid ?? 'missing'), 'the snapshot node is not keyed by its UUID');

        const sata = child(child(node, 'Storage'), 'SATA');
        assert.ok(sata, 'no SATA controller under Storage');
        // With a snapshot the attached image is a differencing image; its size is the base disk's capacity.
        const attachment = sata.children?.find((n) => n.contextValue === 'attachment:hdd');
        assert.equal(attachment?.contextValue, 'attachment:hdd');
        // Named after the base disk, not the differencing image's UUID.
        assert.equal(attachment?.label, `${plain}.vdi`);
        assert.match(attachment?.description ?? '', /^Port 0:0 · 16 MB/);

        const adapter = child(child(node, 'Network'), 'Adapter 1');
        assert.equal(adapter?.contextValue, 'nic:nat');
        const rule = child(adapter, 'web');
        assert.equal(rule?.contextValue, 'portForward');
        assert.equal(rule?.description, 'TCP 127.0.0.1:18080 → guest:80');
    });

    it('shows a VM created outside VS Code without a manual refresh', async () => {
        await updateSetting('refreshIntervalSeconds', 2);
        const outside = uniqueName('outside');
        try {
            await vscode.commands.executeCommand('virtualbox.machines.focus');
            await createTestVm(outside);
            created.push(outside);
            const appeared = await waitFor(async () => (await findVmNode(outside)) !== undefined, 15_000, 250);
            assert.ok(appeared, `${outside} did not appear within 15 s`);
            await removeTestVm(outside);
            const gone = await waitFor(async () => (await findVmNode(outside)) === undefined, 15_000, 250);
            assert.ok(gone, `${outside} did not disappear within 15 s`);
        } finally {
            await updateSetting('refreshIntervalSeconds', undefined);
        }
    });

    it('empties the view and sets the welcome context to "missing" when VBoxManage is not found; Locate VBoxManage… fixes it', async () => {
        const original = vscode.workspace.getConfiguration('virtualbox').get<string>('vboxManagePath');
        assert.ok(original);
        const status = () => Promise.resolve(vscode.commands.executeCommand<string>('virtualbox.internal.getStatus'));
        try {
            await updateSetting('vboxManagePath', '/nonexistent/VBoxManage');
            await vscode.commands.executeCommand('virtualbox.refresh');
            assert.ok(await waitFor(async () => (await status()) === 'missing', 10_000), `status is ${await status()}`);
            assert.deepEqual(await machinesTree(), [], 'the view must be empty so that the welcome content shows');

            // The welcome content's button: a file picker whose choice becomes the setting.
            let dialog: vscode.OpenDialogOptions | undefined;
            await withStub(vscode.window, 'showOpenDialog', ((options: vscode.OpenDialogOptions) => {
                dialog = options;
                return Promise.resolve([vscode.Uri.file(original)]);
            }) as never, async () => vscode.commands.executeCommand('virtualbox.locateVBoxManage'));
            assert.equal(dialog?.canSelectFiles, true);
            assert.equal(vscode.workspace.getConfiguration('virtualbox').get('vboxManagePath'), original);
        } finally {
            await updateSetting('vboxManagePath', original);
        }
        assert.ok(await waitFor(async () => (await status()) === 'ready', 10_000), `status is ${await status()}, not ready`);
        assert.ok(await waitFor(async () => (await findVmNode(plain)) !== undefined, 10_000), 'the VMs did not come back');
    });

    it('offers each VM command in its menus for exactly the states its operation accepts', () => {
        const manifest = vscode.extensions.getExtension('vscode-virtualbox.vscode-virtualbox')!.packageJSON as {
            contributes: { menus: Record<string, { command: string; when?: string; group?: string }[]> };
        };
        const states = [...ACCESSIBLE_STATES, 'inaccessible'];
        for (const id of vmCommandIds) {
            const entries = manifest.contributes.menus['view/item/context'].filter((m) => m.command === id && /viewItem =~ \/\^vm:/.test(m.when ?? ''));
            for (const entry of entries) {
                const regex = /viewItem =~ \/(.+)\/$/.exec(entry.when ?? '')?.[1];
                assert.ok(regex, `no viewItem regex in ${entry.when}`);
                const shown = states.filter((state) => new RegExp(regex).test(`vm:${state}`));
                assert.deepEqual(shown, commandStates(id), `${id} (${entry.group})`);
            }
        }
    });
});
