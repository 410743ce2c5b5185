import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { readCatalogue, REPO_ROOT } from '../../scripts/generate/catalogue';
import { buildLanguageModelTools, type LanguageModelToolContribution } from '../../scripts/generate/languageModelTools';
import { currentTools, toolsUpToDate, withTools } from '../../scripts/generate/packageJsonTools';
import { ANY_VM_NODE, ARRANGE_COMMANDS, contextMenus, menusUpToDate, vmWhen, withMenus } from '../../scripts/generate/menuWhen';
import { inputJsonSchema, type JsonSchema } from '../../src/api/inputSchema';
import { ACCESSIBLE_STATES, commandStates, vmCommandIds, type VmCommandId } from '../../src/commands/commandStates';
import { RESTORABLE_STATES } from '../../src/operations/shared/vmStates';
import { allOperations } from '../../src/operations';

const manifestText = () => readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');

describe('(unit) manifest: language-model tools in package.json', function () {
    // Reading the result types builds a TypeScript program (a few seconds, once per run).
    this.timeout(60_000);
    let generated: LanguageModelToolContribution[];

    before(() => {
        generated = buildLanguageModelTools(readCatalogue());
    });

    it('package.json holds exactly the tools the operations and their schemas produce (run scripts/generate/manifest.ts)', () => {
        assert.deepStrictEqual(currentTools(manifestText()), JSON.parse(JSON.stringify(generated)));
    });

    it('every operation has one tool named virtualbox_<id>, and no tool is left over from a removed operation', () => {
        const names = (currentTools(manifestText()) as { name: string }[]).map((tool) => tool.name);
        assert.deepEqual(names, allOperations.map((operation) => `virtualbox_${operation.id}`));
        assert.equal(new Set(names).size, names.length, 'tool names must be unique');
    });

    it('each tool passes the checks VS Code 1.100 applies when it reads the contribution', () => {
        const referenceNames = new Set<string>();
        for (const tool of generated) {
            assert.match(tool.name, /^(?!copilot_|vscode_)[\w-]+$/);
            assert.ok(tool.displayName && tool.modelDescription, `${tool.name}: displayName and modelDescription are required`);
            assert.match(tool.toolReferenceName, /^[\w-]+$/);
            assert.ok(!referenceNames.has(tool.toolReferenceName), `${tool.toolReferenceName} is used twice`);
            referenceNames.add(tool.toolReferenceName);
            assert.match(tool.icon, /^\$\([a-z-]+\)$/);
            assert.deepEqual(tool.tags, ['virtualbox']);
        }
    });

    it('each input schema is a JSON Schema object without $schema, and keeps the field descriptions of the zod schema', () => {
        for (const operation of allOperations) {
            const schema = inputJsonSchema(operation.input);
            assert.equal(schema.type, 'object', `${operation.id}: a tool schema must be an object`);
            assert.ok(!JSON.stringify(schema).includes('$schema'), `${operation.id}: $schema left in`);
            for (const [form, zodForm] of forms(schema, operation.input)) {
                for (const [field, fieldSchema] of Object.entries(zodForm.shape)) {
                    const property = (form.properties as Record<string, JsonSchema>)[field];
                    assert.ok(property, `${operation.id}.${field} is missing from the JSON Schema`);
                    if (fieldSchema.description) assert.equal(property.description, fieldSchema.description, `${operation.id}.${field}`);
                }
            }
        }
    });

    it('model descriptions name other operations by their tool names and say what comes back', () => {
        const ids = allOperations.map((operation) => operation.id);
        for (const tool of generated) {
            const bare = ids.filter((id) => new RegExp(`(?<![\\w])${id}(?![\\w])`).test(tool.modelDescription));
            assert.deepEqual(bare, [], `${tool.name} mentions ${bare.join(', ')} without the virtualbox_ prefix`);
            assert.match(tool.modelDescription, /Returns /);
        }
    });

    it('--check exits 0 on this package.json', async () => {
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/generate/manifest.ts', '--check'], { cwd: REPO_ROOT });
        assert.match(stdout, /up to date/);
    });
});

describe('(unit) manifest: replacing the tools in package.json text', () => {
    const tools = [{ name: 'virtualbox_x', displayName: 'X' }] as unknown as LanguageModelToolContribution[];
    const text = '{\n    "name": "p",\n    "contributes": {\n        "commands": [1],\n        "languageModelTools": []\n    },\n    "z": true\n}\n';

    it('replaces only contributes.languageModelTools, keeping the other keys, their order and the indentation', () => {
        const updated = withTools(text, tools);
        assert.deepEqual(JSON.parse(updated), { name: 'p', contributes: { commands: [1], languageModelTools: tools }, z: true });
        assert.deepEqual(Object.keys(JSON.parse(updated) as object), ['name', 'contributes', 'z']);
        assert.match(updated, /^ {4}"name"/m);
        assert.ok(updated.endsWith('}\n'));
    });

    it('adds the key when contributes has none, and tells up-to-date from stale', () => {
        const bare = '{\n  "contributes": {}\n}';
        assert.equal(toolsUpToDate(bare, tools), false);
        const updated = withTools(bare, tools);
        assert.equal(toolsUpToDate(updated, tools), true);
        assert.equal(toolsUpToDate(updated.replace('"X"', '"Y"'), tools), false);
    });
});

describe('(unit) manifest: zod to JSON Schema for tools', () => {
    const vm = z.string().min(1).describe('The VM.');
    const union = z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('hard').describe('Hard reset.'), vm }),
        z.object({ mode: z.literal('snapshot'), vm, snapshot: z.string().optional().describe('Which snapshot.') }),
    ]);

    it('a discriminated union becomes an object with one oneOf member per form, constants and descriptions kept', () => {
        const schema = inputJsonSchema(union);
        assert.equal(schema.type, 'object');
        const members = schema.oneOf as JsonSchema[];
        assert.equal(members.length, 2);
        const [hard, snapshot] = members.map((member) => member.properties as Record<string, JsonSchema>);
        assert.deepEqual(hard.mode, { type: 'string', const: 'hard', description: 'Hard reset.' });
        assert.equal(snapshot.snapshot.description, 'Which snapshot.');
        assert.equal(snapshot.vm.description, 'The VM.');
        assert.deepEqual(members[1].required, ['mode', 'vm']);
    });

    it('fields with a default are optional (input side), integers without limits carry no ±2^53 bounds', () => {
        const schema = inputJsonSchema(z.object({ count: z.number().int().default(2), port: z.number().int() }));
        assert.deepEqual(schema.required, ['port']);
        const properties = schema.properties as Record<string, JsonSchema>;
        assert.equal(properties.count.default, 2);
        assert.deepEqual(properties.port, { type: 'integer' });
    });

    it('refinements JSON Schema cannot express do not break the conversion', () => {
        const schema = inputJsonSchema(z.object({ path: z.string().refine((value) => value.startsWith('/'), 'must be absolute') }));
        assert.deepEqual(schema.properties, { path: { type: 'string' } });
    });
});

/** Each object form of an operation's input, with the zod object it came from. */
function forms(schema: JsonSchema, input: z.ZodType): [JsonSchema, z.ZodObject][] {
    if (input instanceof z.ZodObject) return [[schema, input]];
    if (input instanceof z.ZodUnion) {
        const members = (schema.oneOf ?? schema.anyOf) as JsonSchema[];
        return input.options.flatMap((option, index) => (option instanceof z.ZodObject ? [[members[index], option] as [JsonSchema, z.ZodObject]] : []));
    }
    return [];
}

describe("(unit) manifest: the VM menus' when clauses come from the operations' states", () => {
    const vmEntries = () => contextMenus(manifestText()).filter((entry) => /viewItem =~ \/\^vm:/.test(entry.when ?? ''));

    it('package.json holds exactly the generated when clauses (run scripts/generate/manifest.ts)', () => {
        assert.ok(menusUpToDate(manifestText()), "a VM menu entry's when clause differs from its operation's states");
    });

    it('each VM menu entry shows on a VM node in exactly the states its operation accepts, never on an inaccessible one', () => {
        const entries = vmEntries().filter((entry) => !ARRANGE_COMMANDS.includes(entry.command));
        assert.ok(entries.length >= 20, `only ${entries.length} VM menu entries found`);
        for (const entry of entries) {
            assert.ok((vmCommandIds as string[]).includes(entry.command), `${entry.command} has no operation in commandStates.ts`);
            const regex = new RegExp(/viewItem =~ \/(.+)\/$/.exec(entry.when!)![1]);
            const shown = [...ACCESSIBLE_STATES, 'inaccessible'].filter((state) => regex.test(`vm:${state}`));
            assert.deepEqual(shown, commandStates(entry.command as VmCommandId), `${entry.command} (${entry.group})`);
        }
    });

    it('only the commands that arrange the view show on every VM whatever its state', () => {
        const arranging = vmEntries().filter((entry) => ARRANGE_COMMANDS.includes(entry.command));
        assert.deepEqual(arranging.map((entry) => entry.command).sort(), [...ARRANGE_COMMANDS].sort());
        for (const entry of arranging) assert.match(entry.when!, ANY_VM_NODE, entry.command);
        const manifest = JSON.parse(manifestText()) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
        manifest.contributes.menus['view/item/context'].find((entry) => entry.command === 'virtualbox.vm.start')!.when =
            'view == virtualbox.machines && viewItem =~ /^vm:/';
        assert.equal(menusUpToDate(JSON.stringify(manifest, null, 2)), false, 'a lifecycle command cannot opt out of its states');
    });

    it('a drifted when clause is caught', () => {
        const manifest = JSON.parse(manifestText()) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
        const start = manifest.contributes.menus['view/item/context'].find((entry) => entry.command === 'virtualbox.vm.start')!;
        start.when = vmWhen(['poweroff', 'saved']);
        const drifted = JSON.stringify(manifest, null, 2);
        assert.equal(menusUpToDate(drifted), false);
        assert.ok(menusUpToDate(withMenus(drifted)));
    });

    it('every command resolves its states from its operation (the input it gives fits the schema)', () => {
        for (const id of vmCommandIds) assert.ok(commandStates(id).length > 0, id);
        assert.deepEqual(commandStates('virtualbox.portForward.add'), commandStates('virtualbox.portForward.remove'));
        assert.ok(commandStates('virtualbox.portForward.add').includes('saved'));
    });

    it('the states follow the operation: stop without force only when running, start whenever VirtualBox can restore', () => {
        assert.deepEqual(commandStates('virtualbox.vm.stop'), ['running']);
        assert.deepEqual(commandStates('virtualbox.vm.reset'), ['running']);
        assert.deepEqual(commandStates('virtualbox.vm.start'), [...RESTORABLE_STATES].sort(byVmState));
        assert.deepEqual(commandStates('virtualbox.vm.editSettings'), ACCESSIBLE_STATES);
    });
});

const byVmState = (a: string, b: string) => ACCESSIBLE_STATES.indexOf(a as never) - ACCESSIBLE_STATES.indexOf(b as never);
