import { strict as assert } from 'node:assert';
import { planApply } from '../../../src/webviews/settings/applyPlanner';
import { checkForm, validateDraft, validateSteps } from '../../../src/webviews/settings/formValidation';
import { clone, recordedChoices, recordedForm, VM_UUID } from './support/recordedForms';

describe('(unit) webviews: form validation with the operations\' schemas', () => {
    const baseline = recordedForm();
    const choices = recordedChoices();
    const errorsFor = (edit: (draft: ReturnType<typeof recordedForm>) => void) => {
        const draft = clone(baseline);
        edit(draft);
        return validateDraft(planApply(VM_UUID, baseline, draft), baseline, draft, choices);
    };

    it('accepts a valid draft: memory, CPUs and a port-forwarding rule', () => {
        const errors = errorsFor((draft) => {
            draft.system.memoryMb = 512;
            draft.system.cpus = 1;
            draft.network.adapters[0].rules.push({ name: 'http', protocol: 'tcp', hostIp: '', hostPort: 18080, guestIp: '', guestPort: 80 });
        });
        assert.deepEqual(errors, {});
    });

    it('puts update_vm_config schema issues on the fields: memory below 4 MB, a name with a newline, a bad group, an unknown firmware', () => {
        const errors = errorsFor((draft) => {
            draft.system.memoryMb = 2;
            draft.general.name = 'two\nlines';
            draft.general.groups = '/trailing/';
            draft.system.firmware = 'uefi-magic';
        });
        assert.match(errors['system.memoryMb'], />=4|4/);
        assert.match(errors['general.name'], /control characters/);
        assert.ok(Object.keys(errors).some((field) => field.startsWith('general.groups')), JSON.stringify(errors));
        assert.ok(errors['system.firmware'], JSON.stringify(errors));
    });

    it('rejects a number field left empty (null) through the schema, not by accident', () => {
        const errors = validateSteps(planApply(VM_UUID, baseline, { ...clone(baseline), system: { ...baseline.system, cpus: null } }));
        assert.ok(errors['system.cpus'], JSON.stringify(errors));
    });

    it('puts port_forwarding schema issues on the rule cell: port 0, a comma in the name, a bad address', () => {
        const errors = errorsFor((draft) => {
            draft.network.adapters[0].rules.push({ name: 'a,b', protocol: 'tcp', hostIp: '300.1.1.1', hostPort: 0, guestIp: '', guestPort: 80 });
        });
        assert.match(errors['network.adapters.0.rules.2.name'], /comma/);
        assert.ok(errors['network.adapters.0.rules.2.hostPort']);
        assert.ok(errors['network.adapters.0.rules.2.hostIp']);
    });

    it('checks limits read from VirtualBox and the host before anything runs', () => {
        const { limits } = choices;
        const errors = errorsFor((draft) => {
            draft.system.memoryMb = limits.maxMemoryMb + 1;
            draft.system.cpus = limits.maxCpus + 1;
        });
        assert.match(errors['system.memoryMb'], new RegExp(`${limits.maxMemoryMb}`));
        assert.match(errors['system.cpus'], new RegExp(`${limits.hostCpus}`));
    });

    it('refuses shrinking a disk, duplicate rule names and a host port forwarded twice', () => {
        const base = clone(baseline);
        base.storage.attachments[0].sizeMb = 100;
        base.storage.attachments[0].newSizeMb = 100;
        const draft = clone(base);
        draft.storage.attachments[0].newSizeMb = 50;
        draft.network.adapters[0].rules.push({ ...draft.network.adapters[0].rules[0], hostPort: 3000 });
        draft.network.adapters[0].rules.push({ name: 'other', protocol: 'tcp', hostIp: '', hostPort: 2222, guestIp: '', guestPort: 22 });
        const errors = checkForm(base, draft, choices);
        assert.match(errors['storage.attachments.0.newSizeMb'], /only grow/);
        assert.match(errors['network.adapters.0.rules.2.name'], /already has a rule named "ssh"/);
        assert.match(errors['network.adapters.0.rules.3.hostPort'], /already forwarded by rule "ssh"/);
    });

    it('puts add_disk, set_network_mode and set_nic_properties issues on their fields', () => {
        const errors = errorsFor((draft) => {
            draft.storage.additions.push({ id: 'x', kind: 'new', sizeMb: 0, format: 'QCOW', fileName: 'a/b', path: '', controller: '' });
            draft.network.adapters[1].mode = 'bridged';
            draft.network.adapters[1].hostInterface = '';
            draft.network.adapters[2].macAddress = '010203040506';
        });
        assert.ok(errors['storage.additions.0.sizeMb'], JSON.stringify(errors));
        assert.ok(errors['storage.additions.0.format'], JSON.stringify(errors));
        assert.ok(errors['storage.additions.0.fileName'], JSON.stringify(errors));
        assert.ok(errors['network.adapters.1.hostInterface'], JSON.stringify(errors));
        assert.match(errors['network.adapters.2.macAddress'], /unicast/);
    });
});
