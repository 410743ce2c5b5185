// Writes docs/operations.md, the reference for every operation, from the operation definitions (zod input schemas,
// result types). `--check`: change nothing, exit 1 if the file is out of date.
// Usage: tsx scripts/generate/operationsDoc.ts [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readCatalogue, readValueSets, REPO_ROOT } from './catalogue';
import { operationsMarkdown } from './operationsMarkdown';

export const OPERATIONS_DOC = path.join(REPO_ROOT, 'docs', 'operations.md');

const check = process.argv.includes('--check');
const markdown = operationsMarkdown(readCatalogue(), readValueSets());
const current = existsSync(OPERATIONS_DOC) ? readFileSync(OPERATIONS_DOC, 'utf8') : undefined;

if (current === markdown) {
    console.log('docs/operations.md: up to date.');
} else if (check) {
    console.error('docs/operations.md is out of date with the operations. Run: npx tsx scripts/generate/operationsDoc.ts');
    process.exitCode = 1;
} else {
    writeFileSync(OPERATIONS_DOC, markdown);
    console.log('docs/operations.md: written.');
}
