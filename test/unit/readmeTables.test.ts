import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { README, readManifest, replaceBlock, TABLES, whenValues, withTables, type Manifest } from '../../scripts/generate/readmeTables';

describe('(unit) readmeTables: README.md tables', () => {
    const { manifest, nls } = readManifest();
    const readme = readFileSync(README, 'utf8');

    it('match package.json and package.nls.json (run scripts/generate/readmeTables.ts)', () => {
        assert.equal(readme, withTables(readme, manifest, nls));
    });

    it('list every command, setting and language-model tool in its own table', () => {
        const block = (name: string) => readme.slice(readme.indexOf(`<!-- ${name}:start -->`), readme.indexOf(`<!-- ${name}:end -->`));
        for (const name of TABLES) assert.ok(block(name).length > 0, `README.md has no ${name} block`);
        for (const { command } of manifest.contributes.commands ?? []) assert.ok(block('commands').includes(`| \`${command}\` |`), command);
        for (const key of Object.keys(manifest.contributes.configuration?.properties ?? {})) assert.ok(block('settings').includes(`| \`${key}\` |`), key);
        for (const { name } of manifest.contributes.languageModelTools ?? []) assert.ok(block('tools').includes(`\`${name}\``), name);
        assert.ok(!/%virtualbox\.[\w.]+%/.test(readme), 'an untranslated %placeholder% is in README.md');
    });
});

describe('(unit) readmeTables: generator', () => {
    it('reads the values of a when clause: equality, alternatives, optional groups, prefixes and exceptions', () => {
        assert.deepEqual(whenValues('view == virtualbox.media && viewItem == mediaFolder:hdd', 'viewItem'), { values: ['mediaFolder:hdd'], except: [] });
        assert.deepEqual(whenValues('view == virtualbox.media && viewItem == mediaFolder:hdd', 'view'), { values: ['virtualbox.media'], except: [] });
        assert.deepEqual(whenValues('view =~ /^virtualbox\\.(machines|media)$/', 'view')?.values, ['virtualbox.machines', 'virtualbox.media']);
        assert.deepEqual(whenValues('view == a && viewItem =~ /^snapshot(:current)?$/', 'viewItem')?.values, ['snapshot:current', 'snapshot']);
        assert.deepEqual(whenValues('viewItem =~ /^nic:/', 'viewItem')?.values, ['nic:*']);
        assert.deepEqual(whenValues('viewItem =~ /^vm:(?!inaccessible)/', 'viewItem'), { values: ['vm:*'], except: ['inaccessible'] });
        assert.equal(whenValues(undefined, 'view'), undefined);
        assert.equal(whenValues('viewItem == x', 'view'), undefined);
    });

    it('builds the tables from a manifest: titles from the nls file, places in the views, enum values, tool links', () => {
        const manifest: Manifest = {
            contributes: {
                commands: [
                    { command: 'x.start', title: '%start%', category: 'X' },
                    { command: 'x.hidden', title: 'Hidden' },
                ],
                views: { x: [{ id: 'x.machines', name: '%machines%' }] },
                menus: {
                    'view/title': [{ command: 'x.start', when: 'view == x.machines', group: 'navigation@1' }],
                    'view/item/context': [
                        { command: 'x.start', when: 'view == x.machines && viewItem =~ /^vm:(poweroff|saved)$/', group: 'inline@1' },
                        { command: 'x.start', when: 'view == x.machines && viewItem =~ /^vm:(poweroff|saved)$/', group: '1_lifecycle@1' },
                    ],
                    commandPalette: [{ command: 'x.hidden', when: 'false' }],
                },
                configuration: { properties: { 'x.mode': { type: 'string', default: 'a', enum: ['a', 'b'], enumDescriptions: ['%a%', 'B | b'], markdownDescription: 'Mode.' } } },
                languageModelTools: [{ name: 'virtualbox_start_vm', toolReferenceName: 'vbox_start_vm', canBeReferencedInPrompt: true, userDescription: 'Starts.', modelDescription: 'm' }],
            },
        };
        const nls = { start: 'Start', machines: 'Machines', a: 'The a.' };
        const readme = TABLES.map((name) => `<!-- ${name}:start -->\nold\n<!-- ${name}:end -->`).join('\n');
        const result = withTables(readme, manifest, nls);
        assert.match(result, /\| X: Start \| `x\.start` \| Machines title bar; Machines: VM \(powered off, saved; also inline\) \|/);
        assert.match(result, /\| Hidden \(not in the palette\) \| `x\.hidden` \| Command Palette only \|/);
        assert.match(result, /\| `x\.mode` \| string \| `"a"` \| Mode\.<br>`"a"`: The a\.<br>`"b"`: B \\\| b \|/);
        assert.match(result, /\| \[`virtualbox_start_vm`\]\(docs\/operations\.md#start_vm\) \| `#vbox_start_vm` \| Starts\. \|/);
        assert.ok(!result.includes('old'));
        assert.equal(withTables(result, manifest, nls), result, 'generating twice changes nothing');
        assert.throws(() => withTables(readme, { contributes: { commands: [{ command: 'y', title: '%missing%' }] } }, nls), /no "missing"/);
    });

    it('refuses a README without the markers', () => {
        assert.throws(() => replaceBlock('no markers here', 'commands', 'table'), /<!-- commands:start -->/);
        assert.throws(() => replaceBlock('<!-- commands:end --> <!-- commands:start -->', 'commands', 'table'), /in that order/);
    });
});
