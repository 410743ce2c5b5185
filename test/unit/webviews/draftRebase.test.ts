import { strict as assert } from 'node:assert';
import { planApply } from '../../../src/webviews/settings/applyPlanner';
import { rebaseDraft } from '../../../src/webviews/settings/draftRebase';
import { clone, recordedForm, VM_UUID } from './support/recordedForms';

describe('(unit) webviews: draft rebase after an apply or an outside change', () => {
    const baseline = recordedForm();

    it('keeps edits that did not run and drops what the fresh configuration already has', () => {
        const draft = clone(baseline);
        draft.system.memoryMb = 512;
        draft.system.cpus = 1;
        draft.storage.additions.push({ id: 'd1', kind: 'new', sizeMb: 64, format: 'VDI', fileName: '', path: '', controller: '' });
        draft.network.added.push({ id: 'n1', mode: 'nat', hostInterface: '', networkName: '' });
        // The update applied (memory and CPUs are in the fresh read), the disk too; the adapter did not run.
        const fresh = clone(baseline);
        fresh.system.memoryMb = 512;
        fresh.system.cpus = 1;
        const rebased = rebaseDraft(fresh, baseline, draft, new Set(['config', 'disk-add:d1']));
        assert.deepEqual(rebased.storage.additions, []);
        assert.deepEqual(rebased.network.added.map((a) => a.id), ['n1']);
        assert.deepEqual(
            planApply(VM_UUID, fresh, rebased).map((step) => step.operation),
            ['add_nic'],
        );
    });

    it('takes outside changes for fields the person did not touch and keeps the ones they did', () => {
        const draft = clone(baseline);
        draft.system.cpus = 1;
        const fresh = clone(baseline);
        fresh.system.memoryMb = 999;
        fresh.system.cpus = 4;
        fresh.network.adapters = fresh.network.adapters.filter((adapter) => adapter.slot !== 2);
        const rebased = rebaseDraft(fresh, baseline, draft, new Set());
        assert.equal(rebased.system.memoryMb, 999);
        assert.equal(rebased.system.cpus, 1);
        assert.deepEqual(rebased.network.adapters.map((a) => a.slot), [1, 3]);
    });
});
