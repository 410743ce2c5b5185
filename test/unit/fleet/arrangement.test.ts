import { strict as assert } from 'node:assert';
import type { VmSummary } from '../../../src/operations/vm/listVms';
import { arrangeVms, compareVms, DEFAULT_ARRANGEMENT, type Arrangement, type LayoutNode } from '../../../src/tree/fleet/arrangement';
import { parseFilterQuery } from '../../../src/tree/fleet/filterQuery';
import { arrangementFromStored } from '../../../src/tree/fleet/storedArrangement';
import { isoTime } from '../../../src/operations/vm/listVmsSlow';

let counter = 0;
const uuidOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const vm = (name: string, extra: Partial<VmSummary> = {}): VmSummary => ({
    name,
    uuid: uuidOf(++counter),
    state: 'poweroff',
    osType: 'Other/Unknown',
    cpus: 1,
    memoryMb: 64,
    groups: ['/'],
    accessible: true,
    ...extra,
});

/** The layout as `label[children]` lines: folders by id, VMs by name. */
function outline(nodes: readonly LayoutNode[], indent = ''): string[] {
    return nodes.flatMap((node) =>
        node.kind === 'folder' ? [`${indent}${node.id} (${node.vmCount})`, ...outline(node.children, `${indent}  `)] : [`${indent}${node.vm.name}`],
    );
}
const arrange = (vms: readonly VmSummary[], change: Partial<Arrangement> = {}) => arrangeVms(vms, { ...DEFAULT_ARRANGEMENT, ...change });

describe('(unit) fleet: arrangement', () => {
    const alpha = vm('alpha', { state: 'running', osType: 'Ubuntu (64-bit)', groups: ['/Team/Web'], lastStateChange: '2026-12-01T10:00:00Z' });
    const beta = vm('Beta', { state: 'saved', osType: 'Debian (64-bit)', groups: ['/Team'], lastStateChange: '2026-12-03T10:00:00Z' });
    const gamma = vm('gamma 10', { state: 'poweroff', osType: 'Ubuntu (64-bit)', groups: ['/'], lastStateChange: '2026-12-02T10:00:00Z' });
    const delta = vm('gamma 9', { state: 'paused', osType: 'Windows 11 (64-bit)', groups: ['/Lab', '/Team'] });
    const broken = vm('<inaccessible>', { state: 'unknown', osType: '', groups: [], accessible: false });
    const all = [alpha, beta, gamma, delta, broken];

    it('by default shows VirtualBox groups as before: subgroups first, then VMs by name (numbers in order), with the same ids', () => {
        const { roots, shownCount, hiddenCount } = arrange(all);
        assert.deepEqual(outline(roots), [
            'group/Lab (1)',
            '  gamma 9',
            'group/Team (3)',
            '  group/Team/Web (1)',
            '    alpha',
            '  Beta',
            '  gamma 9',
            '<inaccessible>',
            'gamma 10',
        ]);
        assert.equal(shownCount, 5);
        assert.equal(hiddenCount, 0);
        const ids = (nodes: readonly LayoutNode[]): string[] => nodes.flatMap((n) => [n.id, ...(n.kind === 'folder' ? ids(n.children) : [])]);
        assert.deepEqual(ids(roots), [
            'group/Lab',
            `vm/Lab/${delta.uuid}`,
            'group/Team',
            'group/Team/Web',
            `vm/Team/Web/${alpha.uuid}`,
            `vm/Team/${beta.uuid}`,
            `vm/Team/${delta.uuid}`,
            `vm/${broken.uuid}`,
            `vm/${gamma.uuid}`,
        ]);
    });

    it('sorts by state, last state change (newest first, unknown last) and OS type, ties by name', () => {
        const names = (sortBy: Arrangement['sortBy']) => [...all].sort(compareVms(sortBy)).map((v) => v.name);
        assert.deepEqual(names('name'), ['<inaccessible>', 'alpha', 'Beta', 'gamma 9', 'gamma 10']);
        assert.deepEqual(names('state'), ['alpha', 'gamma 9', 'Beta', 'gamma 10', '<inaccessible>']);
        assert.deepEqual(names('lastStateChange'), ['Beta', 'gamma 10', 'alpha', '<inaccessible>', 'gamma 9']);
        assert.deepEqual(names('os'), ['<inaccessible>', 'Beta', 'alpha', 'gamma 10', 'gamma 9']);
    });

    it('groups by state (running first), by OS type, or not at all, each with ids of its own', () => {
        assert.deepEqual(outline(arrange(all, { groupBy: 'state' }).roots), [
            'state:running (1)',
            '  alpha',
            'state:paused (1)',
            '  gamma 9',
            'state:saved (1)',
            '  Beta',
            'state:poweroff (1)',
            '  gamma 10',
            'state:inaccessible (1)',
            '  <inaccessible>',
        ]);
        const byOs = arrange(all, { groupBy: 'os', sortBy: 'state' }).roots;
        assert.deepEqual(outline(byOs), [
            'os: (1)',
            '  <inaccessible>',
            'os:Debian (64-bit) (1)',
            '  Beta',
            'os:Ubuntu (64-bit) (2)',
            '  alpha',
            '  gamma 10',
            'os:Windows 11 (64-bit) (1)',
            '  gamma 9',
        ]);
        const ubuntu = byOs[2];
        assert.ok(ubuntu.kind === 'folder');
        assert.equal(ubuntu.children[0].id, `vm@os:Ubuntu (64-bit)/${alpha.uuid}`);
        const flat = arrange(all, { groupBy: 'none', sortBy: 'lastStateChange' }).roots;
        assert.deepEqual(outline(flat), ['Beta', 'gamma 10', 'alpha', '<inaccessible>', 'gamma 9']);
        assert.equal(flat[0].id, `vm/${beta.uuid}`, 'ungrouped VMs keep the id of a VM at the top');
    });

    it('puts pinned VMs in Favourites at the top, once, and out of their usual place', () => {
        const { roots } = arrange(all, { pinned: new Set([delta.uuid, gamma.uuid]) });
        assert.deepEqual(outline(roots), ['favourites (2)', '  gamma 9', '  gamma 10', 'group/Team (2)', '  group/Team/Web (1)', '    alpha', '  Beta', '<inaccessible>']);
        const favourites = roots[0];
        assert.ok(favourites.kind === 'folder');
        assert.equal(favourites.children[0].id, `vm@favourites/${delta.uuid}`);
        assert.ok(favourites.children.every((child) => child.kind === 'vm' && child.pinned));
        assert.deepEqual(outline(arrange(all, { pinned: new Set(['00000000-0000-4000-8000-999999999999']) }).roots), outline(arrange(all).roots), 'a pin of a VM that is gone changes nothing');
    });

    it('leaves hidden VMs out and counts them; "show hidden" brings them back, marked', () => {
        const hidden = new Set([alpha.uuid, beta.uuid]);
        const without = arrange(all, { hidden });
        assert.deepEqual(outline(without.roots), ['group/Lab (1)', '  gamma 9', 'group/Team (1)', '  gamma 9', '<inaccessible>', 'gamma 10']);
        assert.equal(without.hiddenCount, 2);
        assert.equal(without.shownCount, 3);
        const shown = arrange(all, { hidden, showHidden: true, groupBy: 'none' });
        assert.equal(shown.hiddenCount, 0);
        assert.deepEqual(shown.roots.filter((n) => n.kind === 'vm' && n.hidden).map((n) => n.kind === 'vm' && n.vm.name), ['alpha', 'Beta']);
        const pinnedAndHidden = arrange(all, { hidden, pinned: new Set([alpha.uuid]) });
        assert.ok(!outline(pinnedAndHidden.roots).some((line) => line.includes('favourites')), 'hiding wins over pinning');
    });

    it('filters before grouping: empty groups and an empty Favourites disappear', () => {
        const { roots, shownCount } = arrange(all, { filter: parseFilterQuery('gamma state:paused'), pinned: new Set([alpha.uuid]) });
        assert.deepEqual(outline(roots), ['group/Lab (1)', '  gamma 9', 'group/Team (1)', '  gamma 9']);
        assert.equal(shownCount, 1);
        assert.deepEqual(arrange(all, { filter: parseFilterQuery('nothing-like-this') }).roots, []);
        assert.equal(arrange(all, { filter: parseFilterQuery('gamma'), hidden: new Set([gamma.uuid]) }).hiddenCount, 1, 'only hidden VMs the filter matches count');
    });

    it('keeps ids unique in every arrangement (a VM in two groups appears twice)', () => {
        const ids = (nodes: readonly LayoutNode[]): string[] => nodes.flatMap((n) => [n.id, ...(n.kind === 'folder' ? ids(n.children) : [])]);
        for (const groupBy of ['groups', 'state', 'os', 'none'] as const) {
            const list = ids(arrange(all, { groupBy, pinned: new Set([beta.uuid]) }).roots);
            assert.equal(new Set(list).size, list.length, groupBy);
        }
    });

    it('arranges 1,000 VMs with a filter in one go', () => {
        const many = Array.from({ length: 1000 }, (_, i) => vm(`vm-${i} Ünïcødé`, { groups: [`/G${i % 10}`], state: i % 3 ? 'poweroff' : 'running' }));
        const { shownCount } = arrange(many, { filter: parseFilterQuery('unicode state:running group:/G3') });
        assert.equal(shownCount, many.filter((v, i) => i % 3 === 0 && i % 10 === 3).length);
    });
});

describe('(unit) fleet: stored arrangement', () => {
    it('reads back what was stored', () => {
        const uuid = uuidOf(7);
        const read = arrangementFromStored({ filter: 'web state:running', sortBy: 'lastStateChange', groupBy: 'os', showHidden: true, pinned: [uuid], hidden: [uuid] });
        assert.equal(read.filter.text, 'web state:running');
        assert.equal(read.filter.terms.length, 2);
        assert.equal(read.sortBy, 'lastStateChange');
        assert.equal(read.groupBy, 'os');
        assert.equal(read.showHidden, true);
        assert.deepEqual([...read.pinned], [uuid]);
        assert.deepEqual([...read.hidden], [uuid]);
    });

    it('falls back to the defaults for anything missing or unusable', () => {
        const read = arrangementFromStored({ filter: 42, sortBy: 'size', groupBy: null, showHidden: 'yes', pinned: 'x', hidden: [1, 'not-a-uuid', uuidOf(3)] });
        assert.equal(read.filter.text, '');
        assert.equal(read.sortBy, 'name');
        assert.equal(read.groupBy, 'groups');
        assert.equal(read.showHidden, false);
        assert.equal(read.pinned.size, 0);
        assert.deepEqual([...read.hidden], [uuidOf(3)]);
        assert.deepEqual(arrangementFromStored({}), { ...DEFAULT_ARRANGEMENT, filter: parseFilterQuery('') });
    });
});

describe('(unit) list_vms: last state change', () => {
    it('writes the .vbox time and the showvminfo time (recorded formats) the same way, to the second', () => {
        assert.equal(isoTime('2026-11-25T06:33:27Z'), '2026-11-25T06:33:27Z');
        assert.equal(isoTime('2026-11-25T04:07:45.719000000'), '2026-11-25T04:07:45Z');
        assert.equal(isoTime('not a time'), 'not a time');
    });
});
