import { strict as assert } from 'node:assert';
import { parseSnapshotTree, type SnapshotNode } from '../../../src/vbox/parsers/snapshots';
import { SNAPSHOTS } from '../../../scripts/fixtures/recipes/vm';
import { fixtureOutput, loadFixture } from '../../support/fixtures';

/** The tree without UUIDs, which change with every recording. */
function shape(node: SnapshotNode): unknown {
    return { name: node.name, description: node.description, current: node.current, children: node.children.map(shape) };
}

const EXPECTED = {
    name: SNAPSHOTS.root,
    description: SNAPSHOTS.rootDescription,
    current: false,
    children: [
        {
            name: SNAPSHOTS.child1,
            description: SNAPSHOTS.child1Description,
            current: true,
            children: [{ name: SNAPSHOTS.grandchild, description: '', current: false, children: [] }],
        },
        { name: SNAPSHOTS.child2, description: '', current: false, children: [] },
    ],
};

describe('(unit) parsers/snapshots', () => {
    for (const [group, name] of [
        ['vm', 'snapshot-list'],
        ['vm', 'showvminfo-snapshots'],
    ] as const) {
        it(`builds the tree with odd names, a multi-line description and the current snapshot from ${name}`, () => {
            const tree = parseSnapshotTree(fixtureOutput(loadFixture(group, name)).stdout);
            assert.equal(tree.roots.length, 1);
            assert.deepEqual(shape(tree.roots[0]), EXPECTED);
            assert.equal(tree.currentUuid, tree.roots[0].children[0].uuid);
            const uuids = [tree.roots[0], ...tree.roots[0].children, ...tree.roots[0].children[0].children].map((n) => n.uuid);
            assert.ok(uuids.every((u) => /^[0-9a-f-]{36}$/.test(u)));
            assert.equal(new Set(uuids).size, 4);
        });
    }

    it('gives an empty tree for a VM without snapshots (exit code 1 and a sentence)', () => {
        const fixture = loadFixture('vm', 'snapshot-list-none');
        assert.equal(fixture.exitCode, 1);
        assert.deepEqual(parseSnapshotTree(fixtureOutput(fixture).stdout), { roots: [], currentUuid: undefined });
    });

    it('refuses a child printed before its parent and a snapshot without a UUID', () => {
        assert.throws(() => parseSnapshotTree('SnapshotName-1="a"\nSnapshotUUID-1="0"\n'), /parent/);
        assert.throws(() => parseSnapshotTree('SnapshotName="a"\n'), /UUID/);
    });
});
