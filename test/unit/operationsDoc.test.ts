import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { readCatalogue, readValueSets, REPO_ROOT, type CatalogueEntry } from '../../scripts/generate/catalogue';
import { effectCases } from '../../scripts/generate/effectCases';
import { operationsMarkdown } from '../../scripts/generate/operationsMarkdown';
import { inputForms } from '../../scripts/generate/schemaRows';
import { inputJsonSchema } from '../../src/api/inputSchema';
import { defineOperation } from '../../src/operations/operation';
import { VBOX_ERROR_CODES } from '../../src/vbox/errors';

describe('(unit) operationsDoc: docs/operations.md', function () {
    this.timeout(60_000);
    let catalogue: CatalogueEntry[];
    let document: string;

    before(() => {
        catalogue = readCatalogue();
        document = readFileSync(path.join(REPO_ROOT, 'docs', 'operations.md'), 'utf8');
    });

    it('matches the operation definitions (run scripts/generate/operationsDoc.ts)', () => {
        assert.equal(document, operationsMarkdown(catalogue, readValueSets()));
    });

    it('has a section per operation with every input field and the tool name', () => {
        for (const { operation } of catalogue) {
            const section = sectionOf(document, operation.id);
            assert.ok(section, `no section for ${operation.id}`);
            assert.ok(section.includes(`\`virtualbox_${operation.id}\``));
            for (const form of inputForms(inputJsonSchema(operation.input))) {
                for (const row of form.rows) assert.ok(section.includes(`| \`${row.path}\` |`), `${operation.id}: field ${row.path} is not documented`);
            }
        }
    });

    it('describes a typed result for every operation and links every error code it names to the code table', () => {
        for (const entry of catalogue) {
            assert.ok(!/^(any|unknown)$/.test(entry.result.summary), `${entry.operation.id} returns ${entry.result.summary}: type its result`);
            assert.match(sectionOf(document, entry.operation.id) ?? '', /\*\*Result\*\*/);
        }
        for (const code of VBOX_ERROR_CODES) assert.ok(document.includes(`<a id="${code.toLowerCase()}"></a>\`${code}\``), `${code} is not in the table`);
    });
});

describe('(unit) operationsDoc: input tables from JSON Schema', () => {
    it('lists limits, defaults and nested fields, and one form per member of a union', () => {
        const schema = inputJsonSchema(
            z.discriminatedUnion('kind', [
                z.object({
                    kind: z.literal('new'),
                    size: z.number().int().min(1).max(10).default(5).describe('Size.'),
                    name: z.string().min(1).max(20).regex(/^[a-z|]+$/),
                }),
                z.object({ kind: z.literal('rule'), rule: z.object({ port: z.number().int().min(1).max(65535) }).optional(), tags: z.array(z.string()).max(3) }),
            ]),
        );
        const [created, rule] = inputForms(schema);
        assert.equal(created.when, '`kind` is `"new"`');
        assert.deepEqual(
            created.rows.map((row) => [row.path, row.type, row.required, row.defaultValue, row.limits.join('; ')]),
            [
                ['kind', '"new"', true, undefined, ''],
                ['size', 'integer', false, '5', '1–10'],
                ['name', 'string', true, undefined, '1–20 characters; pattern `^[a-z|]+$`'],
            ],
        );
        assert.equal(created.rows[1].description, 'Size.');
        assert.deepEqual(
            rule.rows.map((row) => [row.path, row.type, row.required, row.limits.join('; ')]),
            [
                ['kind', '"rule"', true, ''],
                ['rule', 'object', false, ''],
                ['rule.port', 'integer', true, '1–65535'],
                ['tags', 'list of string', true, '≤ 3 items'],
            ],
        );
    });
});

describe('(unit) operationsDoc: effects that depend on the input', () => {
    it('finds the field that decides the effect by asking the effect function', () => {
        const operation = defineOperation({
            id: 'example',
            title: 'Example',
            description: 'An example.',
            input: z.object({ vm: z.string(), force: z.boolean().default(false), mode: z.enum(['a', 'b']) }),
            effect: (input) => (input.force ? 'destroy' : 'change'),
            run: () => Promise.resolve(undefined),
        });
        assert.deepEqual(effectCases(operation), [
            { field: 'force', value: false, effect: 'change' },
            { field: 'force', value: true, effect: 'destroy' },
        ]);
    });
});

/** The text from `### <id>` to the next heading of the same or a higher level. */
function sectionOf(document: string, id: string): string | undefined {
    const start = document.indexOf(`\n### ${id}\n`);
    if (start < 0) return undefined;
    const end = document.slice(start + 1).search(/\n#{2,3} /);
    return end < 0 ? document.slice(start) : document.slice(start, start + 1 + end);
}
