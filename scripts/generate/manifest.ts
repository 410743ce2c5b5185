// Writes `contributes.languageModelTools` in package.json from the operations catalogue (one tool per operation,
// input schemas from the zod schemas). `--check`: change nothing, exit 1 if package.json is out of date.
// Usage: tsx scripts/generate/manifest.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readCatalogue, REPO_ROOT } from './catalogue';
import { buildLanguageModelTools } from './languageModelTools';
import { toolsUpToDate, withTools } from './packageJsonTools';

const check = process.argv.includes('--check');
const manifestPath = path.join(REPO_ROOT, 'package.json');

// Computed first (it takes seconds); package.json is read right before writing, so that edits others made to other
// keys in the meantime are kept.
const tools = buildLanguageModelTools(readCatalogue());
const text = readFileSync(manifestPath, 'utf8');

if (toolsUpToDate(text, tools)) {
    console.log(`package.json: ${tools.length} language-model tools, up to date.`);
} else if (check) {
    console.error('package.json: contributes.languageModelTools is out of date with the operations. Run: npx tsx scripts/generate/manifest.ts');
    process.exitCode = 1;
} else {
    writeFileSync(manifestPath, withTools(text, tools));
    console.log(`package.json: wrote ${tools.length} language-model tools.`);
}
