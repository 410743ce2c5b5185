import { strict as assert } from 'node:assert';
import type { VmSummary } from '../../../src/operations/vm/listVms';
import { matchesFilter, parseFilterQuery } from '../../../src/tree/fleet/filterQuery';
import { foldText } from '../../../src/tree/fleet/textFold';

const vm = (name: string, extra: Partial<VmSummary> = {}): VmSummary => ({
    name,
    uuid: '00000000-0000-4000-8000-000000000001',
    state: 'poweroff',
    osType: 'Ubuntu (64-bit)',
    cpus: 1,
    memoryMb: 64,
    groups: ['/'],
    accessible: true,
    ...extra,
});
const matches = (query: string, subject: VmSummary) => matchesFilter(subject, parseFilterQuery(query));

describe('(unit) fleet: text folding', () => {
    it('ignores case and accents, including Latin letters without a decomposition', () => {
        assert.equal(foldText('Ünïcødé'), 'unicode');
        assert.equal(foldText('ŁÓDŹ Straße Æsir Œuvre'), 'lodz strasse aesir oeuvre');
        assert.equal(foldText('Ｗｅｂ ﬁle'), 'web file', 'full-width letters and ligatures are compatibility forms');
    });

    it('keeps emoji (and drops only their variation selectors, on both sides)', () => {
        assert.equal(foldText('🚀 Rocket'), '🚀 rocket');
        assert.equal(foldText('❤️ love'), foldText('❤ love'));
        assert.equal(foldText('👩‍💻'), '👩‍💻', 'a ZWJ sequence stays whole');
    });
});

describe('(unit) fleet: filter query', () => {
    it('parses name words and state/os/group terms, keys case-insensitively, quotes keeping spaces', () => {
        const query = parseFilterQuery('  Web STATE:Running os:"Windows 11" group:/Team "db server"  ');
        assert.equal(query.text, 'Web STATE:Running os:"Windows 11" group:/Team "db server"');
        assert.deepEqual(query.terms, [
            { kind: 'name', value: 'web' },
            { kind: 'state', value: 'running' },
            { kind: 'os', value: 'windows 11' },
            { kind: 'group', value: '/team' },
            { kind: 'name', value: 'db server' },
        ]);
    });

    it('takes an unknown key, a quoted key and a key being typed sensibly', () => {
        assert.deepEqual(parseFilterQuery('host:lab').terms, [{ kind: 'name', value: 'host:lab' }]);
        assert.deepEqual(parseFilterQuery('"state:x"').terms, [{ kind: 'name', value: 'state:x' }]);
        assert.deepEqual(parseFilterQuery('state:').terms, []);
        assert.equal(parseFilterQuery('state:').text, 'state:');
        assert.deepEqual(parseFilterQuery('"unclosed quote').terms, [{ kind: 'name', value: 'unclosed quote' }]);
        assert.deepEqual(parseFilterQuery('   ').terms, []);
    });

    it('matches names case- and accent-insensitively, and emoji names', () => {
        assert.ok(matches('unicode', vm('Ünïcødé lab')));
        assert.ok(matches('ÜNÏCØDÉ', vm('unicode')));
        assert.ok(matches('🚀', vm('launch 🚀 pad')));
        assert.ok(matches('🚀 PAD', vm('launch 🚀 pad')));
        assert.ok(!matches('🛸', vm('launch 🚀 pad')));
        assert.ok(!matches('unicorn', vm('Ünïcødé')));
        assert.ok(matches('', vm('anything')), 'no filter matches everything');
    });

    it('combines terms with AND', () => {
        const web = vm('web-1', { state: 'running', groups: ['/Team/Web'] });
        assert.ok(matches('web state:running group:/Team', web));
        assert.ok(!matches('web state:poweroff', web));
        assert.ok(!matches('web db', web));
    });

    it('matches states by their short name, its start and common words; inaccessible VMs as such', () => {
        assert.ok(matches('state:running', vm('a', { state: 'running' })));
        assert.ok(matches('state:run', vm('a', { state: 'running' })));
        assert.ok(matches('state:off', vm('a', { state: 'poweroff' })));
        assert.ok(matches('state:"powered off"', vm('a', { state: 'poweroff' })));
        assert.ok(matches('state:aborted-saved', vm('a', { state: 'aborted-saved' })));
        assert.ok(!matches('state:saved', vm('a', { state: 'aborted-saved' })));
        assert.ok(!matches('state:running', vm('a', { state: 'paused' })));
        assert.ok(matches('state:inaccessible', vm('a', { accessible: false, state: 'unknown' })));
        assert.ok(!matches('state:unknown', vm('a', { accessible: false, state: 'unknown' })));
    });

    it('matches the OS type description, accents and case aside', () => {
        assert.ok(matches('os:ubuntu', vm('a')));
        assert.ok(matches('os:"ubuntu (64"', vm('a')));
        assert.ok(!matches('os:windows', vm('a')));
    });

    it('matches a group path with its subgroups but not a longer sibling; a word anywhere in a path', () => {
        const inWeb = vm('a', { groups: ['/Team/Web'] });
        assert.ok(matches('group:/Team', inWeb));
        assert.ok(matches('group:/team/', inWeb));
        assert.ok(matches('group:/Team/Web', inWeb));
        assert.ok(!matches('group:/Teamwork', vm('a', { groups: ['/Team'] })));
        assert.ok(!matches('group:/Team', vm('a', { groups: ['/Teamwork'] })));
        assert.ok(matches('group:web', inWeb));
        assert.ok(matches('group:/', vm('a', { groups: ['/'] })));
        assert.ok(matches('group:/', vm('a', { groups: [] })), 'a VM in no group is in /');
        assert.ok(matches('group:/Lab', vm('a', { groups: ['/Team', '/Lab'] })), 'any of several groups');
        assert.ok(matches('group:/équipe', vm('a', { groups: ['/Equipe'] })));
    });
});
