// The VM settings editor in real VS Code: the page loads under its CSP and says "ready"; an apply posted through the
// panel's own message path (zod validation included) changes the VM as VBoxManage then reports; invalid messages
// and invalid input never reach VBoxManage.
import * as assert from 'node:assert/strict';
import type { SettingsForm } from '../../src/webviews/settings/settingsForm';
import type { SettingsPanel } from '../../src/webviews/settings/settingsPanel';
import { waitFor } from './support/waitFor';
import { VBoxManageSpy, webviewManagers } from './webviewSupport';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('(extension) webview: VM settings editor', function () {
    this.timeout(180_000);
    let spy: VBoxManageSpy;
    let vm: { uuid: string; name: string };
    let panel: SettingsPanel;

    before(async () => {
        spy = await VBoxManageSpy.install();
        vm = await spy.createVm('settings');
        const managers = await webviewManagers();
        panel = managers.settings.open(vm);
        // The real page loads the bundle (nonce, CSP) and sends "ready"; the host then reads the VM and sends init.
        assert.ok(await waitFor(() => panel.pageMessages > 0, 60_000), 'the settings page never sent a message: its script did not run');
        assert.ok(await waitFor(() => panel.currentDraft !== undefined, 60_000), 'the editor never read the VM');
    });

    after(async () => {
        panel?.dispose();
        if (vm) await spy.removeVm(vm.uuid);
        await spy?.restore();
    });

    it('opens one tab per VM: opening it again returns the same panel', async () => {
        const managers = await webviewManagers();
        assert.equal(managers.settings.open(vm), panel);
        assert.equal(panel.isDisposed, false);
    });

    it('shows the VM as VirtualBox has it', async () => {
        const info = await spy.vmInfo(vm.uuid);
        const draft = panel.currentDraft as SettingsForm;
        assert.equal(draft.general.name, vm.name);
        assert.equal(String(draft.system.memoryMb), info.get('memory'));
        assert.equal(String(draft.system.cpus), info.get('cpus'));
        assert.equal(draft.network.adapters[0]?.mode, 'nat');
    });

    it('applies memory, CPUs and a port-forwarding rule, and VBoxManage then shows them', async () => {
        const draft = clone(panel.currentDraft as SettingsForm);
        draft.system.memoryMb = 96;
        draft.system.cpus = 2;
        draft.network.adapters[0].rules.push({ name: 'web', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18_081, guestIp: '', guestPort: 80 });
        const parsed = await panel.simulateMessage({ method: 'apply', params: { draft } });
        assert.ok(parsed.ok);
        const info = await spy.vmInfo(vm.uuid);
        assert.equal(info.get('memory'), '96');
        assert.equal(info.get('cpus'), '2');
        assert.equal(info.get('Forwarding(0)'), 'web,tcp,127.0.0.1,18081,,80');
        // The editor's baseline is the new configuration: nothing is left to apply.
        assert.equal(panel.currentDraft?.system.memoryMb, 96);
    });

    it('drops a malformed message before anything runs', async () => {
        const before = spy.calls().length;
        const rejectedBefore = panel.rejectedMessages;
        const bad = [
            { method: 'apply', params: { draft: { system: { memoryMb: 128 } } } },
            { method: 'runVBoxManage', params: { args: ['controlvm', vm.uuid, 'poweroff'] } },
            { method: 'apply', params: { draft: { ...clone(panel.currentDraft as SettingsForm), extra: 1 } } },
        ];
        for (const message of bad) assert.equal((await panel.simulateMessage(message)).ok, false);
        assert.equal(panel.rejectedMessages - rejectedBefore, bad.length);
        assert.equal(spy.calls().length, before, `VBoxManage ran: ${JSON.stringify(spy.calls().slice(before))}`);
    });

    it('rejects invalid input with the operations\' schemas: no change reaches VBoxManage', async () => {
        const changesBefore = spy.changingCalls().length;
        const draft = clone(panel.currentDraft as SettingsForm);
        draft.system.memoryMb = 2;
        draft.network.adapters[0].rules.push({ name: 'bad,name', protocol: 'tcp', hostIp: '', hostPort: 0, guestIp: '', guestPort: 80 });
        assert.ok((await panel.simulateMessage({ method: 'apply', params: { draft } })).ok, 'the message itself is well-formed');
        assert.equal(spy.changingCalls().length, changesBefore, `VBoxManage changed something: ${JSON.stringify(spy.changingCalls().slice(changesBefore))}`);
        const info = await spy.vmInfo(vm.uuid);
        assert.equal(info.get('memory'), '96');
        assert.equal(info.get('Forwarding(1)'), undefined);
    });

    it('reports a half-done apply: what ran, what failed with VirtualBox\'s reason, and what did not run', async () => {
        const draft = clone(panel.currentDraft as SettingsForm);
        draft.system.memoryMb = 112;
        // Well-formed, so it passes the schemas; the interface does not exist, which set_network_mode finds out.
        draft.network.adapters[0].mode = 'bridged';
        draft.network.adapters[0].hostInterface = 'no-such-nic0';
        await panel.simulateMessage({ method: 'apply', params: { draft } });
        const result = panel.lastApplyResult;
        assert.deepEqual(result?.applied.map((step) => step.label), ['Change memory']);
        assert.match(result?.failed?.message ?? '', /no-such-nic0/);
        assert.ok(result?.fieldErrors['network.adapters.0.mode'], JSON.stringify(result?.fieldErrors));
        const info = await spy.vmInfo(vm.uuid);
        assert.equal(info.get('memory'), '112');
        assert.equal(info.get('nic1'), 'nat');
        // The unapplied change stays in the draft, ready to be fixed and applied again.
        assert.equal(panel.currentDraft?.network.adapters[0].mode, 'bridged');
        await panel.simulateMessage({ method: 'reload', params: { keepEdits: false } });
    });

    it('notices a change made outside the editor, and a reload takes it in', async () => {
        // The editor's own periodic read holds a shared session for a moment; a writer elsewhere retries, as VBoxManage users do.
        assert.ok(
            await waitFor(() => spy.run('modifyvm', vm.uuid, '--description', 'changed elsewhere').then(() => true, () => false), 20_000, 300),
            'could not change the VM from outside',
        );
        assert.ok(await waitFor(() => panel.changedOutsideReported, 30_000, 250), 'the outside change was not noticed');
        await panel.simulateMessage({ method: 'reload', params: { keepEdits: true } });
        assert.equal(panel.currentDraft?.general.description, 'changed elsewhere');
        assert.equal(panel.changedOutsideReported, false);
    });

    it('keeps unapplied changes of a closed editor and offers them in the next one', async () => {
        const draft = clone(panel.currentDraft as SettingsForm);
        draft.general.description = 'not applied yet';
        await panel.simulateMessage({ method: 'draftChanged', params: { draft, dirty: true } });
        const managers = await webviewManagers();
        panel.dispose();
        // VS Code cannot keep a webview tab from closing: the editor keeps the draft (and asks, in a modal, what to do).
        assert.ok(managers.settings.hasKeptDraft(vm.uuid), 'the draft of the closed editor was lost');
        panel = managers.settings.open(vm);
        assert.ok(await waitFor(() => panel.currentDraft?.general.description === 'not applied yet', 60_000), 'the reopened editor did not restore the draft');
        assert.equal(managers.settings.hasKeptDraft(vm.uuid), false);
        assert.notEqual((await spy.vmInfo(vm.uuid)).get('description'), 'not applied yet', 'nothing was applied by closing');
        await panel.simulateMessage({ method: 'reload', params: { keepEdits: false } });
    });

    it('on a running VM applies port forwarding live and refuses memory, without calling modifyvm', async () => {
        await spy.run('startvm', vm.uuid, '--type', 'headless');
        assert.ok(await waitFor(async () => (await spy.vmInfo(vm.uuid)).get('VMState') === 'running', 30_000, 500), 'the VM did not start');
        await panel.simulateMessage({ method: 'reload', params: { keepEdits: false } });
        const changesBefore = spy.changingCalls().length;
        const memoryBefore = (await spy.vmInfo(vm.uuid)).get('memory');
        // The VM as read now; the refused apply below leaves its draft in the editor, so the next one starts from this.
        const fresh = clone(panel.currentDraft as SettingsForm);
        const refused = clone(fresh);
        refused.system.memoryMb = (refused.system.memoryMb ?? 64) + 32;
        refused.network.adapters[0].rules.push({ name: 'ssh', protocol: 'tcp', hostIp: '', hostPort: 18_022, guestIp: '', guestPort: 22 });
        await panel.simulateMessage({ method: 'apply', params: { draft: refused } });
        assert.equal(spy.changingCalls().length, changesBefore, 'an apply with a refused step must run nothing');
        const live = clone(fresh);
        live.network.adapters[0].rules.push({ name: 'ssh', protocol: 'tcp', hostIp: '', hostPort: 18_022, guestIp: '', guestPort: 22 });
        await panel.simulateMessage({ method: 'apply', params: { draft: live } });
        const changes = spy.changingCalls().slice(changesBefore);
        assert.ok(changes.some(([verb, , sub]) => verb === 'controlvm' && sub === 'natpf1'), JSON.stringify(changes));
        assert.ok(!changes.some(([verb]) => verb === 'modifyvm'), JSON.stringify(changes));
        const info = await spy.vmInfo(vm.uuid);
        assert.equal(info.get('memory'), memoryBefore);
        assert.ok([...info.values()].includes('ssh,tcp,,18022,,22'), 'the live rule is not in showvminfo');
    });
});
