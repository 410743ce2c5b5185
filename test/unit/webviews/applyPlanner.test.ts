import { strict as assert } from 'node:assert';
import { fieldOfIssue, planApply } from '../../../src/webviews/settings/applyPlanner';
import { refusedSteps, isLiveField, editModeOf } from '../../../src/webviews/settings/stateRules';
import { clone, recordedForm, VM_UUID } from './support/recordedForms';

describe('(unit) webviews: apply planner', () => {
    const baseline = recordedForm();

    it('reads the recorded VM into the form as the operations expect it (lower-case enums, 4 boot slots, rules)', () => {
        assert.equal(baseline.system.firmware, 'bios');
        assert.deepEqual(baseline.system.bootOrder, ['disk', 'dvd', 'net', 'none']);
        assert.equal(baseline.general.groups, '/fx/hw, /fx/other');
        assert.equal(baseline.general.osTypeId, 'Other');
        const nat = baseline.network.adapters.find((adapter) => adapter.slot === 1);
        assert.equal(nat?.mode, 'nat');
        assert.deepEqual(nat?.rules.map((rule) => rule.name), ['ssh', 'web "8080"']);
        assert.equal(baseline.storage.attachments.length, 3);
    });

    it('plans nothing for an unchanged draft', () => {
        assert.deepEqual(planApply(VM_UUID, baseline, clone(baseline)), []);
    });

    it('turns general, system and display changes into one update_vm_config call with only the changed fields', () => {
        const draft = clone(baseline);
        draft.system.memoryMb = 512;
        draft.system.cpus = 1;
        draft.display.graphicsController = 'vboxsvga';
        draft.general.groups = '/a, /b/c';
        const steps = planApply(VM_UUID, baseline, draft);
        assert.equal(steps.length, 1);
        assert.equal(steps[0].operation, 'update_vm_config');
        assert.deepEqual(steps[0].input, { vm: VM_UUID, patch: { groups: ['/a', '/b/c'], memoryMb: 512, cpus: 1, graphicsController: 'vboxsvga' } });
        assert.deepEqual(steps[0].fields, ['general.groups', 'system.memoryMb', 'system.cpus', 'display.graphicsController']);
        assert.equal(steps[0].live, false);
    });

    it('orders storage and network steps: detach, resize, attach, then adapters, rule removals before additions', () => {
        const base = clone(baseline);
        base.storage.attachments[2].sizeMb = 100;
        base.storage.attachments[2].newSizeMb = 100;
        const draft = clone(base);
        draft.storage.attachments[0].remove = true;
        draft.storage.attachments[2].newSizeMb = 200;
        draft.storage.additions.push({ id: 'n1', kind: 'new', sizeMb: 64, format: 'VDI', fileName: '', path: '', controller: '' });
        const nat = draft.network.adapters[0];
        nat.rules[0] = { ...nat.rules[0], hostPort: 2223 };
        nat.rules.push({ name: 'http', protocol: 'tcp', hostIp: '', hostPort: 8081, guestIp: '', guestPort: 80 });
        draft.network.adapters[1].enabled = false;
        draft.network.adapters[2].mode = 'nat';
        draft.network.added.push({ id: 'a1', mode: 'intnet', hostInterface: '', networkName: 'lab' });
        const steps = planApply(VM_UUID, base, draft);
        assert.deepEqual(
            steps.map((step) => [step.operation, (step.input as { action?: string }).action ?? '']),
            [
                ['remove_disk', ''],
                ['resize_disk', ''],
                ['add_disk', ''],
                ['remove_nic', ''],
                ['set_network_mode', ''],
                ['port_forwarding', 'remove'],
                ['port_forwarding', 'add'],
                ['port_forwarding', 'add'],
                ['add_nic', ''],
            ],
        );
        assert.deepEqual(steps[0].input, { vm: VM_UUID, controller: 'SATA', port: 0, device: 0 });
        assert.deepEqual(steps[1].input, { disk: base.storage.attachments[2].uuid, newSizeMb: 200 });
        assert.deepEqual(steps[2].input, { vm: VM_UUID, disk: { kind: 'new', sizeMb: 64, format: 'VDI' } });
        assert.deepEqual(steps[5].input, { vm: VM_UUID, slot: 1, action: 'remove', name: 'ssh' });
        assert.deepEqual(steps[6].input, { vm: VM_UUID, slot: 1, action: 'add', rule: { name: 'ssh', protocol: 'tcp', hostPort: 2223, guestPort: 22 } });
        assert.deepEqual(steps[8].input, { vm: VM_UUID, network: { mode: 'intnet', networkName: 'lab' } });
    });

    it('changes MAC and cable through set_nic_properties, comparing MACs without separators or case', () => {
        const draft = clone(baseline);
        draft.network.adapters[0].macAddress = '08:00:27:ab:cd:ef';
        assert.deepEqual(planApply(VM_UUID, baseline, draft), [], 'the same MAC written differently is no change');
        draft.network.adapters[0].cableConnected = false;
        const [cable] = planApply(VM_UUID, baseline, draft);
        assert.deepEqual(cable.input, { vm: VM_UUID, slot: 1, cableConnected: false });
        assert.equal(cable.live, true, 'the cable can be unplugged on a running VM');
        draft.network.adapters[0].macAddress = '080027000001';
        const [both] = planApply(VM_UUID, baseline, draft);
        assert.deepEqual(both.input, { vm: VM_UUID, slot: 1, macAddress: '080027000001', cableConnected: false });
        assert.equal(both.live, false);
    });

    it('ignores rows a draft invents (attachments and adapters that are not in the baseline)', () => {
        const draft = clone(baseline);
        draft.storage.attachments.push({ ...draft.storage.attachments[0], port: 9, remove: true });
        draft.network.adapters.push({ ...draft.network.adapters[0], slot: 7, enabled: false });
        assert.deepEqual(planApply(VM_UUID, baseline, draft), []);
    });

    it('refuses everything but port forwarding and the cable while the VM runs, and everything while it is saved', () => {
        const draft = clone(baseline);
        draft.system.memoryMb = 512;
        draft.network.adapters[0].rules.pop();
        draft.network.adapters[0].cableConnected = false;
        const steps = planApply(VM_UUID, baseline, draft);
        assert.deepEqual(refusedSteps(steps, 'poweroff'), []);
        assert.deepEqual(
            refusedSteps(steps, 'running').map((refused) => refused.step.operation),
            ['update_vm_config'],
        );
        assert.match(refusedSteps(steps, 'running')[0].reason, /Power it off/);
        assert.equal(refusedSteps(steps, 'saved').length, steps.length);
        assert.equal(editModeOf('aborted'), 'all');
        assert.equal(editModeOf('paused'), 'live');
        assert.equal(editModeOf('saved'), 'none');
        assert.ok(isLiveField('network.adapters.0.rules.1.hostPort'));
        assert.ok(isLiveField('network.adapters.0.cableConnected'));
        assert.ok(!isLiveField('network.adapters.0.macAddress'));
        assert.ok(!isLiveField('system.memoryMb'));
    });

    it('maps an issue in an operation input back to the form field it came from', () => {
        const draft = clone(baseline);
        draft.network.adapters[0].rules.push({ name: 'x', protocol: 'tcp', hostIp: '', hostPort: 1, guestIp: '', guestPort: 2 });
        const step = planApply(VM_UUID, baseline, draft).find((candidate) => candidate.operation === 'port_forwarding');
        assert.ok(step);
        assert.equal(fieldOfIssue(step, ['rule', 'hostPort']), 'network.adapters.0.rules.2.hostPort');
        assert.equal(fieldOfIssue(step, ['slot']), 'network.adapters.0.rules.2.slot');
    });
});
